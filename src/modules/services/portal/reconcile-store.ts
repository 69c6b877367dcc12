import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import type { Comparison, Difference, LocalDossier } from './reconcile-compare.ts';

/** Reconciliation runs and their differences (`portal_reconciliations`, `portal_reconciliation_differences`). */
export type RunOutcome = 'running' | 'matched' | 'differences' | 'failed';

export type ReconciliationRun = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  from: string;
  to: string;
  outcome: RunOutcome;
  error: string | null;
  localCount: number | null;
  portalCount: number | null;
  localByStatus: Record<string, number> | null;
  portalByStatus: Record<string, number> | null;
  differenceCount: number;
  startedBy: string | null;
};

type RunRow = {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  window_from: Date;
  window_to: Date;
  outcome: RunOutcome;
  error: string | null;
  local_count: number | null;
  portal_count: number | null;
  local_by_status: Record<string, number> | null;
  portal_by_status: Record<string, number> | null;
  difference_count: number;
  started_by: string | null;
};

const RUN_SELECT = `SELECT r.*, u.username AS started_by FROM portal_reconciliations r LEFT JOIN users u ON u.id = r.started_by`;

const runOf = (r: RunRow): ReconciliationRun => ({
  id: r.id,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  from: r.window_from.toISOString(),
  to: r.window_to.toISOString(),
  outcome: r.outcome,
  error: r.error,
  localCount: r.local_count,
  portalCount: r.portal_count,
  localByStatus: r.local_by_status,
  portalByStatus: r.portal_by_status,
  differenceCount: r.difference_count,
  startedBy: r.started_by,
});

export const startRun = async (db: Queryable, o: { from: Date; to: Date; startedBy: string | null }): Promise<string> => {
  const id = uuidv7();
  await db.query(
    `INSERT INTO portal_reconciliations (id, started_at, window_from, window_to, outcome, started_by) VALUES ($1, now(), $2, $3, 'running', $4)`,
    [id, o.from, o.to, o.startedBy],
  );
  return id;
};

export const failRun = (db: Queryable, id: string, error: string) =>
  db.query(`UPDATE portal_reconciliations SET outcome = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, error.slice(0, 2000)]);

/** Stores the comparison's figures and differences (agency ids of portal-only dossiers from their code). */
export const finishRun = async (db: Queryable, id: string, c: Comparison): Promise<void> => {
  // One statement for all of them (a month of a province can differ by thousands after an outage).
  await db.query(
    `INSERT INTO portal_reconciliation_differences
            (run_id, portal_code, kind, dossier_id, dossier_code, agency_id, agency_code, local_status, portal_status, sync_pending)
     SELECT $1, d."portalCode", d.kind, d."dossierId", d."dossierCode", COALESCE(d."agencyId", a.id), d."agencyCode", d."localStatus", d."portalStatus", d."syncPending"
       FROM jsonb_to_recordset($2::jsonb) AS d("portalCode" text, kind text, "dossierId" uuid, "dossierCode" text, "agencyId" uuid, "agencyCode" text,
                                              "localStatus" smallint, "portalStatus" smallint, "syncPending" boolean)
       LEFT JOIN agencies a ON a.code = d."agencyCode"`,
    [id, JSON.stringify(c.differences)],
  );
  await db.query(
    `UPDATE portal_reconciliations
        SET outcome = $2, local_count = $3, portal_count = $4, local_by_status = $5, portal_by_status = $6, difference_count = $7, finished_at = now()
      WHERE id = $1`,
    [id, c.differences.length ? 'differences' : 'matched', c.localCount, c.portalCount, JSON.stringify(c.localByStatus), JSON.stringify(c.portalByStatus),
      c.differences.length],
  );
};

export const findRun = async (db: Queryable, id: string | 'latest'): Promise<ReconciliationRun | undefined> => {
  const { rows } = id === 'latest'
    ? await db.query<RunRow>(`${RUN_SELECT} WHERE r.outcome <> 'running' ORDER BY r.started_at DESC, r.id DESC LIMIT 1`)
    : await db.query<RunRow>(`${RUN_SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ? runOf(rows[0]) : undefined;
};

export const listRuns = async (db: Queryable, limit: number): Promise<ReconciliationRun[]> =>
  (await db.query<RunRow>(`${RUN_SELECT} ORDER BY r.started_at DESC, r.id DESC LIMIT $1`, [limit])).rows.map(runOf);

export type DifferenceView = Omit<Difference, 'agencyId'> & { agencyId: string | null };

/** A run's differences, only those of the listed agencies when `agencies` is given. */
export const differencesOf = async (db: Queryable, runId: string, agencies: string[] | null): Promise<DifferenceView[]> => {
  const { rows } = await db.query<{
    portal_code: string;
    kind: Difference['kind'];
    dossier_id: string | null;
    dossier_code: string | null;
    agency_id: string | null;
    agency_code: string | null;
    local_status: number | null;
    portal_status: number | null;
    sync_pending: boolean;
  }>(
    `SELECT portal_code, kind, dossier_id, dossier_code, agency_id, agency_code, local_status, portal_status, sync_pending
       FROM portal_reconciliation_differences
      WHERE run_id = $1 AND ($2::uuid[] IS NULL OR agency_id = ANY($2::uuid[]))
      ORDER BY id`,
    [runId, agencies],
  );
  return rows.map((r) => ({
    portalCode: r.portal_code,
    kind: r.kind,
    dossierId: r.dossier_id,
    dossierCode: r.dossier_code,
    agencyId: r.agency_id,
    agencyCode: r.agency_code,
    localStatus: r.local_status,
    portalStatus: r.portal_status,
    syncPending: r.sync_pending,
  }));
};

type LocalRow = { id: string; code: string; national_code: string | null; status: number; agency_id: string; agency_code: string; pending: boolean };

const LOCAL_SELECT = `SELECT d.id, d.code, d.national_code, d.status, d.agency_id, a.code AS agency_code,
                             COALESCE(s.last_delivered < s.last_enqueued, false) AS pending
                        FROM dossiers d JOIN agencies a ON a.id = d.agency_id LEFT JOIN portal_sync_state s ON s.dossier_id = d.id`;

const localOf = (r: LocalRow): LocalDossier => ({
  id: r.id,
  code: r.code,
  portalCode: r.national_code ?? r.code,
  status: r.status,
  agencyId: r.agency_id,
  agencyCode: r.agency_code,
  syncPending: r.pending,
});

/** Our filed dossiers with a filing time in [from, to). */
export const localDossiersFiled = async (db: Queryable, from: Date, to: Date): Promise<LocalDossier[]> =>
  (await db.query<LocalRow>(`${LOCAL_SELECT} WHERE d.status IS NOT NULL AND d.submitted_at >= $1 AND d.submitted_at < $2`, [from, to])).rows.map(localOf);

/** Our filed dossiers known to the portal by these codes (ours or its own). */
export const localDossiersByPortalCode = async (db: Queryable, codes: string[]): Promise<LocalDossier[]> =>
  codes.length === 0
    ? []
    : (await db.query<LocalRow>(`${LOCAL_SELECT} WHERE d.status IS NOT NULL AND (d.national_code = ANY($1) OR (d.national_code IS NULL AND d.code = ANY($1)))`, [codes])).rows.map(localOf);
