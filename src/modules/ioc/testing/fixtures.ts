import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { rebuildIocRollups } from '../rollups.ts';

/**
 * Test support: dossiers and feedback reports written straight into their tables (the triggers
 * turn them into rollup deltas as for any writer), so figures can be computed by hand.
 */
export type DossierFixture = {
  agencyId: string; procedureCode: string; ownerId: string; status: number; submittedAt: string;
  dueAt?: string | null; doneAt?: string | null; channel?: 'online' | 'counter'; onlineMode?: 'toan-trinh' | 'mot-phan';
  paidAt?: string | null; paidOnline?: boolean | null; apologies?: number; communeCode?: string | null; documents?: number; results?: number;
};

export const insertDossier = async (db: Db, d: DossierFixture): Promise<string> => {
  const id = uuidv7();
  await db.query(
    `INSERT INTO dossiers (id, code, procedure_code, owner_id, agency_id, channel, state, status, submitted_at, due_at, original_due_at, done_at,
                           online_mode, paid_at, paid_online, apology_count, commune_code, documents, result_files)
     VALUES ($1, $2, $3, $4, $5, $6, 'fixture', $7, $8, $9, $9, $10, $11, $12, $13, $14, $15,
             (SELECT COALESCE(jsonb_agg(jsonb_build_object('code', 'giay-to', 'n', g)), '[]') FROM generate_series(1, $16::int) g),
             (SELECT COALESCE(jsonb_agg(jsonb_build_object('fileId', g)), '[]') FROM generate_series(1, $17::int) g))`,
    [id, `TEST-${id.slice(-12)}`, d.procedureCode, d.ownerId, d.agencyId, d.channel ?? 'online', d.status, d.submittedAt, d.dueAt ?? null,
      d.doneAt ?? null, d.onlineMode ?? 'toan-trinh', d.paidAt ?? null, d.paidOnline ?? null, d.apologies ?? 0, d.communeCode ?? null, d.documents ?? 1, d.results ?? 0],
  );
  return id;
};

export const idOf = async (db: Db, table: 'users' | 'agencies', column: 'username' | 'code', value: string): Promise<string> => {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE ${column} = $1`, [value]);
  if (!rows[0]) throw new Error(`no ${table} with ${column} ${value}`);
  return rows[0].id;
};

export type ReportFixture = {
  topicId: string; agencyId: string | null; communeCode: string; state: string; createdAt: string; dueAt?: string | null;
  answeredAt?: string | null; rating?: number | null; lat?: number; lng?: number; dossierCode?: string | null;
};

let reportNo = 0;
export const insertReport = async (db: Db, r: ReportFixture): Promise<string> => {
  const id = uuidv7();
  reportNo += 1;
  await db.query(
    `INSERT INTO feedback_reports (id, code, topic_id, title, description, lat, lng, commune_code, state, agency_id, due_at, answered_at, rating, created_at, dossier_code)
     VALUES ($1, $2, $3, 'Phản ánh thử', 'Nội dung thử', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, `PA-TEST-${String(reportNo).padStart(4, '0')}-${id.slice(-6)}`, r.topicId, r.lat ?? 11.31, r.lng ?? 106.1, r.communeCode, r.state, r.agencyId,
      r.dueAt ?? null, r.answeredAt ?? null, r.rating ?? null, r.createdAt, r.dossierCode ?? null],
  );
  return id;
};

export const insertTopic = async (db: Db, code: string, kind: 'general' | 'procedure' | 'inspection', agencyId: string): Promise<string> => {
  const id = uuidv7();
  await db.query(
    `INSERT INTO feedback_topics (id, code, name, field, kind, default_agency_id, limit_working_days) VALUES ($1, $2, $3, 'Thử nghiệm', $4, $5, 5)`,
    [id, code, `Chủ đề ${code}`, kind, agencyId],
  );
  return id;
};

/** Every rollup row with a non-zero figure, in a stable order (to compare incremental with rebuilt). */
export const rollupSnapshot = async (db: Db) => {
  const read = async (table: string, order: string) => {
    const { rows } = await db.query(`SELECT * FROM ${table} ORDER BY ${order}`);
    return rows
      .map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])))
      .filter((r) => Object.values(r).some((v) => typeof v === 'number' && v !== 0));
  };
  return {
    days: await read('ioc_dossier_days', 'agency_id, day, procedure_code, commune_code'),
    agencyDays: await read('ioc_dossier_agency_days', 'day, agency_id'),
    months: await read('ioc_dossier_agency_months', 'month, agency_id'),
    provinceDays: await read('ioc_dossier_province_days', 'day'),
    provinceMonths: await read('ioc_dossier_province_months', 'month'),
    openTotals: await read('ioc_dossier_open_totals', 'agency_id, paused'),
    open: await read('ioc_dossier_open', 'agency_id, procedure_code, commune_code, due_day, paused'),
    feedbackDays: await read('ioc_feedback_days', 'day, agency_id, commune_code, scope'),
    feedbackOpen: await read('ioc_feedback_open', 'agency_id, commune_code, scope, day, due_day, cell_lat, cell_lng'),
  };
};

/** Empties dossiers and feedback (demo data included) and the rollups, so hand-computed figures hold. */
export const resetIocData = async (db: Db) => {
  await db.query('TRUNCATE feedback_reports, dossiers CASCADE');
  await rebuildIocRollups(db);
};
