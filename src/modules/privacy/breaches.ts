import { recordAudit, type AuditActor } from '../../platform/audit/index.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { DbClient, Queryable } from '../../platform/db/pool.ts';
import { AppError, notFound } from '../../platform/http/problems.ts';
import { loadRegister } from './register.ts';

/**
 * The breach procedure: detect → record (here) → notify the specialised authority (A05, Ministry
 * of Public Security) within 72 hours of detection, and the people concerned where the law asks →
 * close with the measures taken. Recording and each notification are audited; the list shows each
 * breach's authority deadline and flags it overdue while the authority has not been told.
 */
export type BreachRow = {
  id: string;
  detected_at: Date;
  description: string;
  categories: string[];
  subjects_estimate: number;
  measures: string;
  notified_authority_at: Date | null;
  notified_subjects_at: Date | null;
  status: 'open' | 'notified' | 'closed';
  recorded_by: string | null;
  created_at: Date;
  closed_at: Date | null;
};

const COLUMNS =
  'id, detected_at, description, categories, subjects_estimate, measures, notified_authority_at, notified_subjects_at, status, recorded_by, created_at, closed_at';

export const notifyDeadlineOf = (detectedAt: Date) => new Date(detectedAt.getTime() + loadRegister().deadlines.breachNotifyHours * 3_600_000);

export const breachView = (b: BreachRow, now = new Date()) => {
  const deadline = notifyDeadlineOf(b.detected_at);
  return {
    id: b.id,
    detectedAt: b.detected_at.toISOString(),
    description: b.description,
    categories: b.categories,
    subjectsEstimate: b.subjects_estimate,
    measures: b.measures,
    notifiedAuthorityAt: b.notified_authority_at?.toISOString() ?? null,
    notifiedSubjectsAt: b.notified_subjects_at?.toISOString() ?? null,
    status: b.status,
    createdAt: b.created_at.toISOString(),
    closedAt: b.closed_at?.toISOString() ?? null,
    authorityDeadline: deadline.toISOString(),
    /** The authority was not told within 72 hours (still not told, or told late). */
    overdue: (b.notified_authority_at ?? now) > deadline,
  };
};

export type NewBreach = { detectedAt: Date; description: string; categories: string[]; subjectsEstimate: number; measures: string };

export const recordBreach = async (tx: DbClient, input: NewBreach, actor: AuditActor, requestId?: string) => {
  const { rows } = await tx.query<BreachRow>(
    `INSERT INTO privacy_breaches (id, detected_at, description, categories, subjects_estimate, measures, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [uuidv7(), input.detectedAt, input.description, input.categories, input.subjectsEstimate, input.measures, actor.id],
  );
  const row = rows[0]!;
  await recordAudit(tx, { actor, action: 'privacy.breach.record', target: { type: 'privacy_breach', id: row.id }, after: input, requestId });
  return breachView(row);
};

export const listBreaches = async (db: Queryable, now = new Date()) =>
  (await db.query<BreachRow>(`SELECT ${COLUMNS} FROM privacy_breaches ORDER BY detected_at DESC LIMIT 500`)).rows.map((b) => breachView(b, now));

const lockBreach = async (tx: DbClient, id: string) => {
  const row = (await tx.query<BreachRow>(`SELECT ${COLUMNS} FROM privacy_breaches WHERE id = $1 FOR UPDATE`, [id])).rows[0];
  if (!row) throw notFound('Không có sự cố này');
  return row;
};

/** Records that the authority or the data subjects were notified (once each). */
export const recordNotification = async (tx: DbClient, id: string, target: 'authority' | 'subjects', at: Date, actor: AuditActor, requestId?: string) => {
  const row = await lockBreach(tx, id);
  if (row.status === 'closed') throw new AppError('wrong-state', 'Sự cố đã đóng');
  const column = target === 'authority' ? 'notified_authority_at' : 'notified_subjects_at';
  if (row[column]) throw new AppError('wrong-state', target === 'authority' ? 'Đã ghi nhận thông báo cho cơ quan chuyên trách' : 'Đã ghi nhận thông báo cho chủ thể dữ liệu');
  if (at < row.detected_at) throw new AppError('validation-failed', 'Thời điểm thông báo trước thời điểm phát hiện', { errors: [{ field: 'at', message: 'Không được trước thời điểm phát hiện sự cố' }] });
  const { rows } = await tx.query<BreachRow>(
    `UPDATE privacy_breaches SET ${column} = $2, status = CASE WHEN $3 THEN 'notified' ELSE status END, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, at, target === 'authority'],
  );
  await recordAudit(tx, { actor, action: `privacy.breach.notify-${target}`, target: { type: 'privacy_breach', id }, after: { at }, requestId });
  return breachView(rows[0]!);
};

export const closeBreach = async (tx: DbClient, id: string, measures: string, actor: AuditActor, requestId?: string) => {
  const row = await lockBreach(tx, id);
  if (row.status === 'closed') throw new AppError('wrong-state', 'Sự cố đã đóng');
  if (!row.notified_authority_at) throw new AppError('wrong-state', 'Cần ghi nhận việc thông báo cho cơ quan chuyên trách (A05) trước khi đóng sự cố');
  const { rows } = await tx.query<BreachRow>(
    `UPDATE privacy_breaches SET status = 'closed', measures = $2, closed_at = now(), updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, measures],
  );
  await recordAudit(tx, { actor, action: 'privacy.breach.close', target: { type: 'privacy_breach', id }, after: { measures }, requestId });
  return breachView(rows[0]!);
};
