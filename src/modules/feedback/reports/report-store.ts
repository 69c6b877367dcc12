import { isUuid } from '../../../platform/db/ids.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import type { TopicKind } from '../topics/topic-store.ts';

/** A report as read from the database with the names around it (topic, agency, commune, reporter). */
export type Privacy = 'public' | 'secret' | 'anonymous';

export type StoredPhoto = { fileId?: string; publicFileId?: string; width?: number; height?: number; url?: string };
export type AnswerFile = { fileId: string; name: string; contentType: string };

export type ReportRow = {
  id: string;
  code: string;
  topic_id: string;
  topic_code: string;
  topic_name: string;
  topic_kind: TopicKind;
  topic_limit_days: number;
  title: string;
  description: string;
  reporter_id: string | null;
  reporter_name: string | null;
  contact: { name?: string; phone?: string; email?: string };
  privacy: Privacy;
  lat: number;
  lng: number;
  address: string;
  commune_code: string;
  commune_name: string;
  photos: StoredPhoto[];
  channel: string;
  dossier_code: string | null;
  state: string;
  is_public: boolean;
  moderation_note: string | null;
  agency_id: string | null;
  agency_code: string | null;
  agency_name: string | null;
  assigned_at: Date | null;
  due_at: Date | null;
  answer: string | null;
  answer_files: AnswerFile[];
  answered_at: Date | null;
  answered_by: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  reopen_count: number;
  escalation_level: number;
  escalated_at: Date | null;
  merged_into_id: string | null;
  merged_into_code: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  case_id: string;
  case_seq: number;
};

export const REPORT_SELECT = `
  SELECT r.id, r.code, r.topic_id, t.code AS topic_code, t.name AS topic_name, t.kind AS topic_kind,
         t.limit_working_days AS topic_limit_days, r.title, r.description, r.reporter_id,
         u.full_name AS reporter_name, r.contact, r.privacy, r.lat, r.lng, r.address, r.commune_code,
         ac.name AS commune_name, r.photos, r.channel, r.dossier_code, r.state, r.is_public, r.moderation_note,
         r.agency_id, ag.code AS agency_code, ag.name AS agency_name, r.assigned_at, r.due_at, r.answer,
         r.answer_files, r.answered_at, r.answered_by, r.rating, r.rating_comment, r.rated_at, r.reopen_count,
         r.escalation_level, r.escalated_at, r.merged_into_id, m.code AS merged_into_code, r.closed_at,
         r.created_at, r.updated_at, wc.id AS case_id, wc.seq AS case_seq
    FROM feedback_reports r
    JOIN feedback_topics t ON t.id = r.topic_id
    JOIN admin_communes ac ON ac.code = r.commune_code
    JOIN workflow_cases wc ON wc.subject_type = 'feedback_report' AND wc.subject_id = r.id
    LEFT JOIN users u ON u.id = r.reporter_id
    LEFT JOIN agencies ag ON ag.id = r.agency_id
    LEFT JOIN feedback_reports m ON m.id = r.merged_into_id`;

/** One report by id, or null (a malformed id is simply not found). */
export const findReport = async (db: Queryable, id: string): Promise<ReportRow | null> => {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ReportRow>(`${REPORT_SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
};

export const findReportByCode = async (db: Queryable, code: string): Promise<ReportRow | null> => {
  const { rows } = await db.query<ReportRow>(`${REPORT_SELECT} WHERE r.code = $1`, [code]);
  return rows[0] ?? null;
};

/** Locks the report row for an action (call inside the action's transaction). */
export const lockReport = async (tx: Queryable, id: string): Promise<void> => {
  await tx.query('SELECT 1 FROM feedback_reports WHERE id = $1 FOR UPDATE', [id]);
};
