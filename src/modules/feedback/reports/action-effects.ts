import type { WorkingCalendar } from '../../../platform/calendar/index.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { AppError, invalid } from '../../../platform/http/problems.ts';
import { dueFrom } from '../deadlines.ts';
import type { AnswerFile, ReportRow } from './report-store.ts';

/**
 * What each action changes on the report row besides its state (the engine has already checked
 * who may act and in which state). `check` runs before the engine records the event, so a
 * refused request writes nothing; `changes` after it.
 *
 * | action | columns |
 * |---|---|
 * | moderate | is_public, moderation_note |
 * | assign | agency_id, assigned_at; due_at afresh when an agency had it before (it was returned) |
 * | reassign | agency_id, assigned_at, due_at afresh, escalation reset |
 * | return_wrong_agency | — (back to the moderators; the agency stays on record until reassigned) |
 * | start | — |
 * | answer | answer, answer_files, answered_at, answered_by |
 * | rate | rating, rating_comment, rated_at, closed_at |
 * | reopen | rating, rating_comment, rated_at, reopen_count + 1; the answer is cleared (kept in the history) |
 * | close | closed_at |
 * | reject, transfer_inspection | is_public = false, moderation_note, closed_at |
 * | merge | merged_into_id, is_public = false, closed_at |
 * | escalate | agency_id (the parent), escalation_level + 1, escalated_at, assigned_at |
 */
export type Changes = Record<string, unknown>;

export type EffectInput = {
  db: Queryable;
  calendar: WorkingCalendar;
  report: ReportRow;
  data: Record<string, unknown>;
  comment: string | null;
  actorId: string | null;
  at: Date;
};

const agencyExists = async (db: Queryable, id: unknown, field = 'agencyId'): Promise<string> => {
  if (typeof id !== 'string') throw invalid(field, 'Chưa chọn cơ quan');
  const { rows } = await db.query<{ id: string }>('SELECT id FROM agencies WHERE id = $1', [id]);
  if (!rows[0]) throw invalid(field, 'Cơ quan không tồn tại');
  return rows[0].id;
};

/** The answer's files: uploaded (files module) by the answering officer. */
const answerFiles = async (db: Queryable, ids: unknown, actorId: string | null): Promise<AnswerFile[]> => {
  const list = Array.isArray(ids) ? (ids as string[]) : [];
  if (list.length === 0) return [];
  const { rows } = await db.query<{ id: string; original_name: string; content_type: string }>(
    'SELECT id, original_name, content_type FROM files WHERE id = ANY($1::uuid[]) AND owner_user_id = $2',
    [list, actorId],
  );
  if (rows.length !== new Set(list).size) throw invalid('fileIds', 'Tệp không tồn tại hoặc không phải do bạn tải lên');
  return rows.map((r) => ({ fileId: r.id, name: r.original_name, contentType: r.content_type }));
};

/** Checks that need the database and must refuse before anything is written. */
export const checkAction = async (action: string, input: EffectInput): Promise<Record<string, unknown>> => {
  const { db, report, data } = input;
  switch (action) {
    case 'moderate':
      if (data.isPublic === false && !input.comment) throw invalid('reason', 'Cần nêu lý do khi không công khai phản ánh');
      if (data.isPublic === true && report.topic_kind === 'inspection') {
        throw new AppError('validation-failed', 'Khiếu nại, tố cáo không được công khai; hãy chuyển thanh tra', {
          errors: [{ field: 'isPublic', message: 'Không công khai được khiếu nại, tố cáo' }],
        });
      }
      return data;
    case 'assign':
    case 'reassign': {
      const agencyId = await agencyExists(db, data.agencyId ?? report.agency_id);
      if (action === 'reassign' && agencyId === report.agency_id) throw invalid('agencyId', 'Phản ánh đang ở cơ quan này');
      return { ...data, agencyId };
    }
    case 'merge': {
      const targetId = data.targetId;
      if (targetId === report.id) throw invalid('targetId', 'Không gộp phản ánh vào chính nó');
      const { rows } = await db.query<{ state: string; code: string }>(
        'SELECT state, code FROM feedback_reports WHERE id = $1',
        [targetId],
      );
      const target = rows[0];
      if (!target) throw invalid('targetId', 'Phản ánh gộp vào không tồn tại');
      if (['rejected', 'merged', 'transferred'].includes(target.state)) throw invalid('targetId', 'Không gộp vào phản ánh đã bị từ chối, đã gộp hoặc đã chuyển');
      return { ...data, targetCode: target.code };
    }
    case 'answer':
      return { ...data, files: await answerFiles(db, data.fileIds, input.actorId) };
    case 'escalate':
      return { ...data, toAgencyId: await agencyExists(db, data.toAgencyId, 'toAgencyId') };
    default:
      return data;
  }
};

/** The row changes of an action that the engine has just recorded (data as returned by checkAction). */
export const changesOf = (action: string, input: EffectInput): Changes => {
  const { report, data, at, calendar, comment } = input;
  const limit = report.topic_limit_days;
  switch (action) {
    case 'moderate':
      return { is_public: data.isPublic === true, moderation_note: comment };
    case 'assign': {
      const returnedBefore = report.assigned_at !== null;
      return { agency_id: data.agencyId, assigned_at: at, ...(returnedBefore ? { due_at: dueFrom(calendar, at, limit), escalation_level: 0, escalated_at: null } : {}) };
    }
    case 'reassign':
      return { agency_id: data.agencyId, assigned_at: at, due_at: dueFrom(calendar, at, limit), escalation_level: 0, escalated_at: null };
    case 'answer':
      return { answer: data.answer, answer_files: JSON.stringify(data.files ?? []), answered_at: at, answered_by: input.actorId };
    case 'rate':
      return { rating: data.rating, rating_comment: comment, rated_at: at, closed_at: at };
    case 'reopen':
      return {
        rating: data.rating,
        rating_comment: comment,
        rated_at: at,
        reopen_count: report.reopen_count + 1,
        answer: null,
        answer_files: '[]',
        answered_at: null,
        answered_by: null,
      };
    case 'close':
      return { closed_at: at };
    case 'reject':
    case 'transfer_inspection':
      return { is_public: false, moderation_note: comment, closed_at: at };
    case 'merge':
      return { merged_into_id: data.targetId, is_public: false, closed_at: at };
    case 'escalate':
      return { agency_id: data.toAgencyId, escalation_level: report.escalation_level + 1, escalated_at: at, assigned_at: at };
    default:
      return {};
  }
};
