import { overviewInputsChanged } from './rollup-version.ts';
import { withTransaction, type Db, type DbClient } from '../../platform/db/pool.ts';

/**
 * The rollups the dashboard reads (migrations/202612052130_ioc_rollups.sql). Triggers append each
 * change of a dossier or report as signed deltas; `foldIocChanges` moves them into the rollups
 * (every few seconds, `startIocFolding`); `rebuildIocRollups` recomputes everything from the
 * base tables in one set-based pass (after a bulk load with triggers disabled).
 */
export const DOSSIER_COUNTS = [
  'received', 'online', 'toan_trinh', 'digitised', 'supplemented', 'refused', 'withdrawn', 'stopped', 'done',
  'done_early', 'done_on_time', 'done_late', 'late_apologised', 'done_e_result', 'paid', 'paid_online',
] as const;
export type DossierCount = (typeof DOSSIER_COUNTS)[number];

export const FEEDBACK_COUNTS = ['received', 'not_handled', 'answered', 'answered_on_time', 'answered_late', 'rated', 'unsatisfied'] as const;
export type FeedbackCount = (typeof FEEDBACK_COUNTS)[number];

/** One advisory lock for folding and rebuilding, so two servers never fold the same deltas twice over. */
const ROLLUP_LOCK = 727_010;

const list = (cols: readonly string[], prefix = '') => cols.map((c) => `${prefix}${c}`).join(', ');
const sums = (cols: readonly string[]) => cols.map((c) => `sum(${c}) AS ${c}`).join(', ');
const adds = (table: string, cols: readonly string[]) => cols.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

const FOLD_DOSSIER_DAYS = `
  WITH moved AS (DELETE FROM ioc_dossier_day_deltas RETURNING *),
  agg AS (SELECT agency_id, day, procedure_code, commune_code, ${sums(DOSSIER_COUNTS)} FROM moved GROUP BY 1, 2, 3, 4),
  fine AS (
    INSERT INTO ioc_dossier_days (agency_id, day, procedure_code, commune_code, ${list(DOSSIER_COUNTS)})
    SELECT * FROM agg ORDER BY 1, 2, 3, 4
    ON CONFLICT (agency_id, day, procedure_code, commune_code) DO UPDATE SET ${adds('ioc_dossier_days', DOSSIER_COUNTS)}),
  daily AS (
    INSERT INTO ioc_dossier_agency_days (day, agency_id, ${list(DOSSIER_COUNTS)})
    SELECT day, agency_id, ${sums(DOSSIER_COUNTS)} FROM agg GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, agency_id) DO UPDATE SET ${adds('ioc_dossier_agency_days', DOSSIER_COUNTS)}),
  monthly AS (
    INSERT INTO ioc_dossier_agency_months (month, agency_id, ${list(DOSSIER_COUNTS)})
    SELECT date_trunc('month', day)::date, agency_id, ${sums(DOSSIER_COUNTS)} FROM agg GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, agency_id) DO UPDATE SET ${adds('ioc_dossier_agency_months', DOSSIER_COUNTS)}),
  province_daily AS (
    INSERT INTO ioc_dossier_province_days (day, ${list(DOSSIER_COUNTS)})
    SELECT day, ${sums(DOSSIER_COUNTS)} FROM agg GROUP BY 1 ORDER BY 1
    ON CONFLICT (day) DO UPDATE SET ${adds('ioc_dossier_province_days', DOSSIER_COUNTS)}),
  province_monthly AS (
    INSERT INTO ioc_dossier_province_months (month, ${list(DOSSIER_COUNTS)})
    SELECT date_trunc('month', day)::date, ${sums(DOSSIER_COUNTS)} FROM agg GROUP BY 1 ORDER BY 1
    ON CONFLICT (month) DO UPDATE SET ${adds('ioc_dossier_province_months', DOSSIER_COUNTS)})
  SELECT count(*)::int AS n FROM moved`;

const OPEN_KEY = 'agency_id, procedure_code, commune_code, due_day, paused';
const FOLD_DOSSIER_OPEN = `
  WITH moved AS (DELETE FROM ioc_dossier_open_deltas RETURNING *),
  agg AS (SELECT ${OPEN_KEY}, sum(n) AS n FROM moved GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
  up AS (INSERT INTO ioc_dossier_open (${OPEN_KEY}, n) SELECT * FROM agg ORDER BY 1, 2, 3, 4, 5
         ON CONFLICT (${OPEN_KEY}) DO UPDATE SET n = ioc_dossier_open.n + excluded.n),
  totals AS (INSERT INTO ioc_dossier_open_totals (agency_id, paused, n) SELECT agency_id, paused, sum(n) FROM agg GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (agency_id, paused) DO UPDATE SET n = ioc_dossier_open_totals.n + excluded.n)
  SELECT count(*)::int AS n FROM moved`;

const FOLD_FEEDBACK_DAYS = `
  WITH moved AS (DELETE FROM ioc_feedback_day_deltas RETURNING *),
  agg AS (SELECT day, agency_id, commune_code, scope, ${sums(FEEDBACK_COUNTS)} FROM moved GROUP BY 1, 2, 3, 4),
  up AS (INSERT INTO ioc_feedback_days (day, agency_id, commune_code, scope, ${list(FEEDBACK_COUNTS)})
         SELECT * FROM agg ORDER BY 1, 2, 3, 4
         ON CONFLICT (day, agency_id, commune_code, scope) DO UPDATE SET ${adds('ioc_feedback_days', FEEDBACK_COUNTS)})
  SELECT count(*)::int AS n FROM moved`;

const FEEDBACK_OPEN_KEY = 'agency_id, commune_code, scope, day, due_day, cell_lat, cell_lng';
const FOLD_FEEDBACK_OPEN = `
  WITH moved AS (DELETE FROM ioc_feedback_open_deltas RETURNING *),
  agg AS (SELECT ${FEEDBACK_OPEN_KEY}, sum(n) AS n FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0),
  up AS (INSERT INTO ioc_feedback_open (${FEEDBACK_OPEN_KEY}, n) SELECT * FROM agg ORDER BY 1, 2, 3, 4, 5, 6, 7
         ON CONFLICT (${FEEDBACK_OPEN_KEY}) DO UPDATE SET n = ioc_feedback_open.n + excluded.n)
  SELECT count(*)::int AS n FROM moved`;

export type FoldResult = { folded: boolean; deltas: number };

const count = async (tx: DbClient, sql: string) => (await tx.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

/**
 * Moves every committed delta into the rollups, in one transaction. Answers `folded: false`
 * (and does nothing) when another fold or a rebuild holds the lock: the next tick takes them.
 * Deltas of transactions still open are not visible yet and stay for the next fold.
 */
export const foldIocChanges = async (db: Db): Promise<FoldResult> =>
  withTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [ROLLUP_LOCK]);
    if (!rows[0]?.ok) return { folded: false, deltas: 0 };
    let deltas = await count(tx, FOLD_DOSSIER_DAYS);
    const open = await count(tx, FOLD_DOSSIER_OPEN);
    if (open > 0) await tx.query('DELETE FROM ioc_dossier_open WHERE n = 0');
    if (open > 0) await tx.query('DELETE FROM ioc_dossier_open_totals WHERE n = 0');
    deltas += open + (await count(tx, FOLD_FEEDBACK_DAYS));
    const feedbackOpen = await count(tx, FOLD_FEEDBACK_OPEN);
    if (feedbackOpen > 0) await tx.query('DELETE FROM ioc_feedback_open WHERE n = 0');
    return { folded: true, deltas: deltas + feedbackOpen };
  }).then((result) => {
    if (result.deltas > 0) overviewInputsChanged();
    return result;
  });

const DOSSIER_FACT_ARGS = `d.agency_id, d.procedure_code, d.commune_code, d.status, d.channel, d.online_mode, d.submitted_at, d.done_at,
  COALESCE(d.original_due_at, d.due_at), d.apology_count, d.paid_at, d.paid_online, d.supplement_count,
  d.digitised_papers::int, jsonb_array_length(d.result_files)`;

const REBUILD = [
  'LOCK TABLE dossiers, feedback_reports IN SHARE MODE',
  `TRUNCATE ioc_dossier_days, ioc_dossier_agency_days, ioc_dossier_agency_months, ioc_dossier_province_days, ioc_dossier_province_months,
     ioc_dossier_open, ioc_dossier_open_totals, ioc_dossier_day_deltas,
     ioc_dossier_open_deltas, ioc_feedback_days, ioc_feedback_open, ioc_feedback_day_deltas, ioc_feedback_open_deltas`,
  `INSERT INTO ioc_dossier_days (agency_id, day, procedure_code, commune_code, ${list(DOSSIER_COUNTS)})
   SELECT f.agency_id, f.day, f.procedure_code, f.commune_code, ${DOSSIER_COUNTS.map((c) => `sum(f.${c})`).join(', ')}
     FROM dossiers d CROSS JOIN LATERAL ioc_dossier_day_facts(1, ${DOSSIER_FACT_ARGS}) f
    GROUP BY 1, 2, 3, 4`,
  `INSERT INTO ioc_dossier_agency_days (day, agency_id, ${list(DOSSIER_COUNTS)})
   SELECT day, agency_id, ${sums(DOSSIER_COUNTS)} FROM ioc_dossier_days GROUP BY 1, 2`,
  `INSERT INTO ioc_dossier_agency_months (month, agency_id, ${list(DOSSIER_COUNTS)})
   SELECT date_trunc('month', day)::date, agency_id, ${sums(DOSSIER_COUNTS)} FROM ioc_dossier_agency_days GROUP BY 1, 2`,
  `INSERT INTO ioc_dossier_province_days (day, ${list(DOSSIER_COUNTS)})
   SELECT day, ${sums(DOSSIER_COUNTS)} FROM ioc_dossier_agency_days GROUP BY 1`,
  `INSERT INTO ioc_dossier_province_months (month, ${list(DOSSIER_COUNTS)})
   SELECT month, ${sums(DOSSIER_COUNTS)} FROM ioc_dossier_agency_months GROUP BY 1`,
  `INSERT INTO ioc_dossier_open (${OPEN_KEY}, n)
   SELECT f.agency_id, f.procedure_code, f.commune_code, f.due_day, f.paused, sum(f.n)
     FROM dossiers d
    CROSS JOIN LATERAL ioc_dossier_open_facts(1, d.agency_id, d.procedure_code, d.commune_code, d.status, COALESCE(d.original_due_at, d.due_at)) f
    WHERE d.status IN (1, 2, 4, 5, 6)
    GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO ioc_dossier_open_totals (agency_id, paused, n) SELECT agency_id, paused, sum(n) FROM ioc_dossier_open GROUP BY 1, 2`,
  `INSERT INTO ioc_feedback_days (day, agency_id, commune_code, scope, ${list(FEEDBACK_COUNTS)})
   SELECT f.day, f.agency_id, f.commune_code, f.scope, ${FEEDBACK_COUNTS.map((c) => `sum(f.${c})`).join(', ')}
     FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id
    CROSS JOIN LATERAL ioc_feedback_day_facts(1, r.agency_id, r.commune_code, ioc_feedback_scope(t.kind, r.dossier_code), r.state,
      r.created_at, r.due_at, r.answered_at, r.rating) f
    GROUP BY 1, 2, 3, 4`,
  `INSERT INTO ioc_feedback_open (${FEEDBACK_OPEN_KEY}, n)
   SELECT f.agency_id, f.commune_code, f.scope, f.day, f.due_day, f.cell_lat, f.cell_lng, sum(f.n)
     FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id
    CROSS JOIN LATERAL ioc_feedback_open_facts(1, r.agency_id, r.commune_code, ioc_feedback_scope(t.kind, r.dossier_code), r.state,
      r.created_at, r.due_at, r.lat, r.lng) f
    GROUP BY 1, 2, 3, 4, 5, 6, 7`,
];

const ROLLUP_TABLES = [
  'ioc_dossier_days', 'ioc_dossier_agency_days', 'ioc_dossier_agency_months', 'ioc_dossier_province_days', 'ioc_dossier_province_months',
  'ioc_dossier_open', 'ioc_dossier_open_totals', 'ioc_feedback_days', 'ioc_feedback_open',
];

/**
 * Recomputes every rollup from `dossiers` and `feedback_reports` in one transaction (writers of
 * those tables wait meanwhile; pending deltas are dropped, as the base tables already hold their
 * changes). For the data generator after a COPY with triggers disabled, and for repairs.
 */
export const rebuildIocRollups = async (db: Db): Promise<{ ms: number }> => {
  const started = Date.now();
  await withTransaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
    for (const sql of REBUILD) await tx.query(sql);
  });
  overviewInputsChanged();
  // Fresh statistics, so the planner knows the rollups' new sizes at once.
  for (const table of ROLLUP_TABLES) await db.query(`ANALYZE ${table}`);
  return { ms: Date.now() - started };
};

export type FoldLog = { warn: (obj: object, msg: string) => void };

/** How often a server folds the deltas: well inside the 60 s a new dossier may take to show. */
export const FOLD_INTERVAL_MS = 5_000;

/** Folds every `intervalMs` until stopped; `stop()` waits for a fold under way. */
export const startIocFolding = (db: Db, log: FoldLog, intervalMs = FOLD_INTERVAL_MS): (() => Promise<void>) => {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : foldIocChanges(db))).catch((error: Error) => log.warn({ err: error.message }, 'ioc: folding the rollups failed; will try again'));
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
};
