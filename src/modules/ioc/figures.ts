import type { Queryable } from '../../platform/db/pool.ts';
import { splitByMonths, type DayRange, type Granularity } from './period.ts';
import { DOSSIER_COUNTS, FEEDBACK_COUNTS, type DossierCount, type FeedbackCount } from './rollups.ts';

/**
 * Reads of the rollups (never of `dossiers` or `feedback_reports`): sums per agency over a day
 * range, dossiers on their way, feedback, hot spots, trend lines. `agencies` null = the province.
 */
const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

export type DossierCounts = Record<Camel<DossierCount>, number>;
export type FeedbackCounts = Record<Camel<FeedbackCount>, number>;
export const DOSSIER_KEYS = DOSSIER_COUNTS.map(camel) as (keyof DossierCounts)[];
export const FEEDBACK_KEYS = FEEDBACK_COUNTS.map(camel) as (keyof FeedbackCounts)[];

export const zeroDossiers = (): DossierCounts => Object.fromEntries(DOSSIER_KEYS.map((k) => [k, 0])) as DossierCounts;
export const zeroFeedback = (): FeedbackCounts => Object.fromEntries(FEEDBACK_KEYS.map((k) => [k, 0])) as FeedbackCounts;

export const addInto = <T extends Record<string, number>>(into: T, add: Partial<T>): T => {
  for (const k of Object.keys(into) as (keyof T)[]) (into[k] as number) += (add[k] as number | undefined) ?? 0;
  return into;
};

const sumAs = (cols: readonly string[]) => cols.map((c) => `sum(${c})::int AS "${camel(c)}"`).join(', ');
const COLS = DOSSIER_COUNTS.join(', ');

/**
 * The parts of a day range as SQL over a (daily, monthly) pair of rollups: whole months from the
 * monthly one, the edges from the daily one, each a plain range scan. `$1…` start at `first`.
 */
const rangeParts = (range: DayRange, daily: string, monthly: string, first: number) => {
  const { months, days } = splitByMonths(range);
  const parts: string[] = [];
  const params: string[] = [];
  const add = (table: string, column: string, r: DayRange) => {
    const i = first + params.length;
    parts.push(`SELECT * FROM ${table} WHERE ${column} >= $${i} AND ${column} < $${i + 1}`);
    params.push(r.from, r.to);
  };
  if (months) add(monthly, 'month', months);
  for (const d of days) add(daily, 'day', d);
  return { sql: parts.length ? parts.map((p) => `(${p})`).join(' UNION ALL ') : `SELECT * FROM ${daily} WHERE false`, params };
};

/** Dossier figures per agency over a day range: whole months from the monthly rollup, the edges from the daily one. */
export const dossierSumsByAgency = async (db: Queryable, range: DayRange, agencies: string[] | null): Promise<Map<string, DossierCounts>> => {
  const parts = rangeParts(range, 'ioc_dossier_agency_days', 'ioc_dossier_agency_months', 2);
  const { rows } = await db.query<DossierCounts & { agencyId: string }>(
    `SELECT agency_id AS "agencyId", ${sumAs(DOSSIER_COUNTS)}
       FROM (SELECT agency_id, ${COLS} FROM (${parts.sql}) p) x
      WHERE ($1::uuid[] IS NULL OR agency_id = ANY($1::uuid[]))
      GROUP BY agency_id`,
    [agencies, ...parts.params],
  );
  return new Map(rows.map(({ agencyId, ...c }) => [agencyId, c]));
};

/** Dossier figures of the whole province over a day range (a few rows of the province rollups). */
export const provinceSums = async (db: Queryable, range: DayRange): Promise<DossierCounts> => {
  const parts = rangeParts(range, 'ioc_dossier_province_days', 'ioc_dossier_province_months', 1);
  const { rows } = await db.query<DossierCounts>(`SELECT ${DOSSIER_COUNTS.map((c) => `COALESCE(sum(${c}), 0)::int AS "${camel(c)}"`).join(', ')} FROM (${parts.sql}) p`, parts.params);
  return rows[0] ?? zeroDossiers();
};

/** Dossier figures of one agency per procedure over a day range (the drill-down). */
export const dossierSumsByProcedure = async (db: Queryable, range: DayRange, agencyId: string): Promise<Map<string, DossierCounts>> => {
  const { rows } = await db.query<DossierCounts & { procedureCode: string }>(
    `SELECT procedure_code AS "procedureCode", ${sumAs(DOSSIER_COUNTS)} FROM ioc_dossier_days
      WHERE agency_id = $1 AND day >= $2 AND day < $3 GROUP BY procedure_code`,
    [agencyId, range.from, range.to],
  );
  return new Map(rows.map(({ procedureCode, ...c }) => [procedureCode, c]));
};

export type OpenCounts = { inProgress: number; paused: number; overdue: number; atRisk: number };
export const zeroOpen = (): OpenCounts => ({ inProgress: 0, paused: 0, overdue: 0, atRisk: 0 });

const OPEN_SUMS = `COALESCE(sum(n) FILTER (WHERE NOT paused), 0)::int AS "inProgress", COALESCE(sum(n) FILTER (WHERE paused), 0)::int AS paused,
  COALESCE(sum(n) FILTER (WHERE NOT paused AND due_day < $1), 0)::int AS overdue,
  COALESCE(sum(n) FILTER (WHERE NOT paused AND due_day >= $1 AND due_day <= $2), 0)::int AS "atRisk"`;

/**
 * Dossiers on their way now, per agency: overdue = the legal appointment's day is before today;
 * at risk = it is today or up to `soonDay` (2 working days ahead). Read as the agency totals minus
 * the dossiers not yet due (few, found by day), so the cost does not grow with the backlog.
 */
export const openDossiers = async (db: Queryable, today: string, soonDay: string, agencies: string[] | null): Promise<Map<string, OpenCounts>> => {
  const { rows } = await db.query<{ key: string; running: number; paused: number; future: number; atRisk: number }>(
    `WITH totals AS (
       SELECT agency_id, COALESCE(sum(n) FILTER (WHERE NOT paused), 0)::int AS running, COALESCE(sum(n) FILTER (WHERE paused), 0)::int AS paused
         FROM ioc_dossier_open_totals WHERE ($3::uuid[] IS NULL OR agency_id = ANY($3::uuid[])) GROUP BY agency_id),
     ahead AS (
       SELECT agency_id, sum(n)::int AS future, COALESCE(sum(n) FILTER (WHERE due_day <= $2), 0)::int AS "atRisk"
         FROM ioc_dossier_open WHERE due_day >= $1 AND NOT paused AND ($3::uuid[] IS NULL OR agency_id = ANY($3::uuid[])) GROUP BY agency_id)
     SELECT t.agency_id::text AS key, t.running, t.paused, COALESCE(a.future, 0) AS future, COALESCE(a."atRisk", 0) AS "atRisk"
       FROM totals t LEFT JOIN ahead a USING (agency_id)
      WHERE t.running + t.paused > 0`,
    [today, soonDay, agencies],
  );
  return new Map(rows.map((r) => [r.key, { inProgress: r.running, paused: r.paused, overdue: r.running - r.future, atRisk: r.atRisk }]));
};

/** The same per procedure of one agency (the drill-down), from the detailed open rollup. */
export const openDossiersByProcedure = async (db: Queryable, today: string, soonDay: string, agencyId: string): Promise<Map<string, OpenCounts>> => {
  const { rows } = await db.query<OpenCounts & { key: string }>(
    `SELECT procedure_code AS key, ${OPEN_SUMS} FROM ioc_dossier_open WHERE agency_id = $3 GROUP BY procedure_code`,
    [today, soonDay, agencyId],
  );
  return new Map(rows.map(({ key: k, ...c }) => [k, c]));
};

export type FeedbackRow = FeedbackCounts & { agencyId: string; communeCode: string; scope: string; open: number; overdue: number; cohortOverdue: number };

/**
 * Feedback per agency, commune and scope: what was filed in the range (and how it has gone
 * since), open now, overdue now, and open past due among those filed in the range (Decision 766).
 */
export const feedbackRows = async (db: Queryable, range: DayRange, today: string, agencies: string[] | null): Promise<FeedbackRow[]> => {
  const { rows } = await db.query<FeedbackRow>(
    `WITH days AS (
       SELECT agency_id, commune_code, scope, ${sumAs(FEEDBACK_COUNTS)} FROM ioc_feedback_days
        WHERE day >= $1 AND day < $2 AND ($4::uuid[] IS NULL OR agency_id = ANY($4::uuid[])) GROUP BY 1, 2, 3),
     open AS (
       SELECT agency_id, commune_code, scope, sum(n)::int AS open, COALESCE(sum(n) FILTER (WHERE due_day < $3), 0)::int AS overdue,
              COALESCE(sum(n) FILTER (WHERE due_day < $3 AND day >= $1 AND day < $2), 0)::int AS "cohortOverdue"
         FROM ioc_feedback_open WHERE ($4::uuid[] IS NULL OR agency_id = ANY($4::uuid[])) GROUP BY 1, 2, 3)
     SELECT COALESCE(d.agency_id, o.agency_id) AS "agencyId", COALESCE(d.commune_code, o.commune_code) AS "communeCode",
            COALESCE(d.scope, o.scope) AS scope,
            ${FEEDBACK_COUNTS.map((c) => `COALESCE(d."${camel(c)}", 0) AS "${camel(c)}"`).join(', ')},
            COALESCE(o.open, 0) AS open, COALESCE(o.overdue, 0) AS overdue, COALESCE(o."cohortOverdue", 0) AS "cohortOverdue"
       FROM days d FULL JOIN open o USING (agency_id, commune_code, scope)`,
    [range.from, range.to, today, agencies],
  );
  return rows;
};

export type HotSpot = { lat: number; lng: number; open: number; overdue: number };

/** Open feedback by map cell (about 1 km), the busiest first; complaints and denunciations left out. */
export const hotSpots = async (db: Queryable, today: string, agencies: string[] | null, limit = 60): Promise<HotSpot[]> => {
  const { rows } = await db.query<HotSpot>(
    `SELECT (cell_lat + 0.5) / 100.0 AS lat, (cell_lng + 0.5) / 100.0 AS lng, sum(n)::int AS open,
            COALESCE(sum(n) FILTER (WHERE due_day < $1), 0)::int AS overdue
       FROM ioc_feedback_open WHERE scope <> 'inspection' AND ($2::uuid[] IS NULL OR agency_id = ANY($2::uuid[]))
      GROUP BY cell_lat, cell_lng HAVING sum(n) > 0 ORDER BY open DESC, overdue DESC LIMIT $3`,
    [today, agencies, limit],
  );
  return rows.map((r) => ({ ...r, lat: Math.round(r.lat * 1000) / 1000, lng: Math.round(r.lng * 1000) / 1000 }));
};

export type TrendRow = { bucket: string; received: number; done: number; onTime: number; late: number; feedback: number };

/** Trend line buckets (first day of each) over a range: dossiers filed and done, feedback filed. */
export const trendRows = async (db: Queryable, granularity: Granularity, range: DayRange, agencies: string[] | null): Promise<TrendRow[]> => {
  const column = granularity === 'month' ? 'month' : 'day';
  const table = `ioc_dossier_${agencies ? 'agency' : 'province'}_${granularity === 'month' ? 'months' : 'days'}`;
  const bucket = granularity === 'month' ? 'month' : 'date_trunc($1, day)::date';
  const dossierSource = `SELECT ${bucket} AS bucket, received, done, done_early + done_on_time AS on_time, done_late FROM ${table}
    WHERE ${column} >= $2 AND ${column} < $3 ${agencies ? 'AND agency_id = ANY($4::uuid[])' : 'AND $4::uuid[] IS NULL'}`;
  const { rows } = await db.query<TrendRow>(
    `WITH d AS (SELECT bucket, sum(received)::int AS received, sum(done)::int AS done, sum(on_time)::int AS on_time, sum(done_late)::int AS late
                  FROM (${dossierSource}) x GROUP BY bucket),
          f AS (SELECT date_trunc($1, day)::date AS bucket, sum(received)::int AS feedback FROM ioc_feedback_days
                 WHERE day >= $2 AND day < $3 AND ($4::uuid[] IS NULL OR agency_id = ANY($4::uuid[])) GROUP BY 1)
     SELECT to_char(COALESCE(d.bucket, f.bucket), 'YYYY-MM-DD') AS bucket, COALESCE(d.received, 0) AS received, COALESCE(d.done, 0) AS done,
            COALESCE(d.on_time, 0) AS "onTime", COALESCE(d.late, 0) AS late, COALESCE(f.feedback, 0) AS feedback
       FROM d FULL JOIN f USING (bucket)`,
    [granularity, range.from, range.to, agencies],
  );
  return rows;
};
