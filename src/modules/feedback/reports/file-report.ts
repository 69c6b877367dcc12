import type { DatabaseError } from 'pg';
import { type AuditActor, recordAudit } from '../../../platform/audit/index.ts';
import type { CalendarService } from '../../../platform/calendar/service.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import { type Db, type DbClient, type Queryable, withTransaction } from '../../../platform/db/pool.ts';
import { AppError, type FieldError } from '../../../platform/http/problems.ts';
import { startCase, type WorkflowActor } from '../../../platform/workflow/index.ts';
import { calendarOf, dueFrom } from '../deadlines.ts';
import { FEEDBACK_WORKFLOW } from '../feedback-workflow.ts';
import { DEMO_PROVINCE_AREA, isInProvince, nearestCommune, type ProvinceArea } from '../places/province-area.ts';
import { claimPhotos, photosForFiling } from '../photos/attach-photos.ts';
import { findTopicByCode, routedAgencyId, type Topic } from '../topics/topic-store.ts';
import { nextReportCode } from './code.ts';
import { type CheckedReportInput, type FiledReport, FileReportInput } from './file-report-input.ts';

export { type FiledReport, FileReportInput } from './file-report-input.ts';

/** What the caller may add: the app's calendar service, the request id, a fixed clock (tests, seeds). */
/** `via`: an outside client filing for an unnamed reporter (Open311): named in the audit entry with its details. */
export type FileReportOptions = { calendar?: CalendarService; requestId?: string; at?: Date; area?: ProvinceArea; via?: { name: string; detail: Record<string, unknown> } };

const refuse = (field: string, message: string) => new AppError('validation-failed', `${field}: ${message}`, { errors: [{ field, message }] });

const checkInput = (input: unknown): CheckedReportInput => {
  const parsed = FileReportInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  throw new AppError('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
};

const outside = (detail: string, field = 'lat') =>
  new AppError('outside-province', detail, { errors: [{ field, message: 'Nằm ngoài địa bàn tỉnh' }] });

/** The commune of the report: the one given (it must be in the province), else the nearest centroid. */
const communeOf = async (db: Queryable, area: ProvinceArea, input: CheckedReportInput): Promise<string> => {
  if (!isInProvince(area, input.lat, input.lng)) {
    throw outside(`Vị trí (${input.lat}, ${input.lng}) nằm ngoài địa bàn tỉnh; chỉ tiếp nhận phản ánh trong tỉnh`);
  }
  if (input.communeCode === undefined) return nearestCommune(area, input.lat, input.lng);
  const { rows } = await db.query<{ province_code: string }>('SELECT province_code FROM admin_communes WHERE code = $1', [input.communeCode]);
  if (!rows[0]) throw refuse('communeCode', 'Mã xã/phường không tồn tại');
  if (rows[0].province_code !== area.provinceCode) throw outside(`Xã/phường ${input.communeCode} không thuộc tỉnh`, 'communeCode');
  return input.communeCode;
};

const activeTopic = async (db: Queryable, code: string): Promise<Topic> => {
  const topic = await findTopicByCode(db, code);
  if (!topic || !topic.active) throw refuse('topicCode', `Lĩnh vực phản ánh "${code}" không tồn tại`);
  return topic;
};

type Reporter = { id: string; username: string; fullName: string };

const reporterOf = async (db: Queryable, id: string | null | undefined): Promise<Reporter | null> => {
  if (!id) return null;
  const { rows } = await db.query<{ id: string; username: string; full_name: string }>(
    'SELECT id, username, full_name FROM users WHERE id = $1 AND disabled_at IS NULL',
    [id],
  );
  if (!rows[0]) throw refuse('reporterId', 'Người phản ánh không tồn tại');
  return { id: rows[0].id, username: rows[0].username, fullName: rows[0].full_name };
};

type FiledRow = { id: string; code: string; state: string; due_at: Date; agency_id: string; topic_code: string };

const FILED_SELECT = `SELECT r.id, r.code, r.state, r.due_at, r.agency_id, t.code AS topic_code
                        FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id`;

const toFiled = (r: FiledRow): FiledReport => ({
  id: r.id,
  code: r.code,
  state: r.state,
  dueAt: r.due_at.toISOString(),
  agencyId: r.agency_id,
  topicCode: r.topic_code,
});

/** The report this reporter already filed with this Idempotency-Key, if any. */
const earlierFiling = async (db: Queryable, reporterId: string | null | undefined, key: string | undefined) => {
  if (!reporterId || !key) return null;
  const { rows } = await db.query<FiledRow>(`${FILED_SELECT} WHERE r.reporter_id = $1 AND r.idempotency_key = $2`, [reporterId, key]);
  return rows[0] ? toFiled(rows[0]) : null;
};

const cleanContact = (contact: CheckedReportInput['contact']) =>
  Object.fromEntries(Object.entries(contact ?? {}).filter(([, v]) => typeof v === 'string' && v !== ''));

const insertReport = async (tx: DbClient, row: Record<string, unknown>) => {
  const names = Object.keys(row);
  await tx.query(
    `INSERT INTO feedback_reports (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(row),
  );
};

/**
 * Files a report — the one way a report is created (web, app, Open311, phone, counter). Checks the
 * input (problem+json on anything wrong: unknown topic, a place outside the province, photos not
 * the reporter's…), resolves the commune (given, or nearest centroid) and the answering agency
 * (the topic's route for that commune, else its default agency), sets the due date (the topic's
 * limit in working days from now), and in one transaction gives the day's code, writes the report,
 * starts its workflow case in `submitted`, ties the photos to it and records the audit entry
 * `feedback.file`. A repeat with the same reporter and Idempotency-Key answers the first report.
 */
export const fileReport = async (db: Db, rawInput: FileReportInput, options: FileReportOptions = {}): Promise<FiledReport> => {
  const input = checkInput(rawInput);
  const replay = await earlierFiling(db, input.reporterId, input.idempotencyKey);
  if (replay) return replay;

  const area = options.area ?? DEMO_PROVINCE_AREA;
  const topic = await activeTopic(db, input.topicCode);
  const communeCode = await communeOf(db, area, input);
  const reporter = await reporterOf(db, input.reporterId);
  if ((input.photoFileIds?.length ?? 0) > 0 && !reporter) throw refuse('photoFileIds', 'Ảnh chỉ gửi kèm được khi đã đăng nhập');
  const agencyId = await routedAgencyId(db, topic, communeCode);
  const at = options.at ?? new Date();
  const dueAt = dueFrom(await calendarOf(db, options.calendar), at, topic.limitWorkingDays);
  const id = uuidv7();
  const actor: AuditActor = reporter ? { id: reporter.id, name: reporter.username } : { id: null, name: options.via?.name ?? `channel:${input.channel}` };
  const workflowActor: WorkflowActor = { ...actor, scopes: new Set(), relations: new Set(reporter ? ['owner'] : ['system']) };

  try {
    return await withTransaction(db, async (tx) => {
      const photos = await photosForFiling(tx, reporter?.id ?? null, input.photoFileIds ?? []);
      const code = await nextReportCode(tx, at);
      const started = await startCase(tx, { definitionKey: FEEDBACK_WORKFLOW.key, subject: { type: 'feedback_report', id }, actor: workflowActor, at, requestId: options.requestId });
      await insertReport(tx, {
        id,
        code,
        topic_id: topic.id,
        title: input.title,
        description: input.description,
        reporter_id: reporter?.id ?? null,
        contact: JSON.stringify(cleanContact(input.contact)),
        privacy: input.privacy,
        lat: input.lat,
        lng: input.lng,
        address: input.address?.normalize('NFC') ?? '',
        commune_code: communeCode,
        photos: JSON.stringify([...photos, ...(input.mediaUrls ?? []).map((url) => ({ url }))]),
        channel: input.channel,
        dossier_code: input.dossierCode ?? null,
        state: started.state,
        agency_id: agencyId,
        due_at: dueAt,
        idempotency_key: input.idempotencyKey ?? null,
        open311_token: input.open311Token ?? null,
        created_at: at,
        updated_at: at,
      });
      await claimPhotos(tx, id, photos);
      await recordAudit(tx, {
        actor,
        action: 'feedback.file',
        target: { type: 'feedback_report', id },
        after: { code, topic: topic.code, communeCode, agencyId, channel: input.channel, privacy: input.privacy, photos: photos.length, dueAt: dueAt.toISOString(), ...options.via?.detail },
        requestId: options.requestId,
      });
      return { id, code, state: started.state, dueAt: dueAt.toISOString(), agencyId, topicCode: topic.code };
    });
  } catch (error) {
    // Two requests with the same Idempotency-Key at once: the loser answers the winner's report.
    if ((error as DatabaseError).code === '23505' && input.idempotencyKey) {
      const first = await earlierFiling(db, input.reporterId, input.idempotencyKey);
      if (first) return first;
    }
    throw error;
  }
};
