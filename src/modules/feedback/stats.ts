import type { Queryable } from '../../platform/db/pool.ts';
import { OPEN_STATES, UNSATISFIED_MAX_RATING } from './feedback-workflow.ts';

/**
 * Statistics of citizen reports for the operations centre (`GET /api/feedback/stats`,
 * `GET /api/feedback/stats/hotspots`). Reports are counted by the day they were FILED (Vietnam
 * time) within [from, to]; each figure is about those reports as they stand at `now`.
 *
 * | figure | formula |
 * |---|---|
 * | received | reports filed in the period |
 * | open | state in submitted, moderated, assigned, in_progress |
 * | answered | `answered_at` set (answered, rated or closed after an answer; a reopened report is open again) |
 * | answeredOnTime | answered and `answered_at <= due_at` |
 * | answeredLate | answered and `answered_at > due_at` |
 * | openOverdue | open and `due_at < now` |
 * | overdue | answeredLate + openOverdue |
 * | onTimeRate | answeredOnTime / answered (null when nothing answered) |
 * | rated, averageRating | reports with a rating; their mean (1–5, two decimals) |
 * | unsatisfied | rating ≤ 2 |
 * | satisfactionRate | (received − unsatisfied − overdue) / received — Decision 766's formula |
 * | decision766 | the same formula over the reports Decision 766 counts: topics of kind `procedure` or reports about a dossier (`dossier_code`) |
 *
 * Rates are fractions 0–1 rounded to four decimals, null when the divisor is 0.
 */
export type GroupBy = 'agency' | 'topic' | 'commune' | 'month';

export type StatsFilter = {
  from?: string;
  to?: string;
  agencyIds?: string[];
  topicCodes?: string[];
  communeCodes?: string[];
};

export type RawCounts = {
  received: number;
  open: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  openOverdue: number;
  rated: number;
  ratingSum: number;
  unsatisfied: number;
};

export type Metrics = RawCounts & {
  overdue: number;
  onTimeRate: number | null;
  averageRating: number | null;
  satisfactionRate: number | null;
};

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? round(numerator / denominator, 4) : null);

/** Decision 766: (total − unsatisfied − overdue) / total. */
export const satisfaction766 = (c: { total: number; unsatisfied: number; overdue: number }): number | null =>
  ratio(c.total - c.unsatisfied - c.overdue, c.total);

/** The derived figures of a set of counts. */
export const metricsOf = (c: RawCounts): Metrics => {
  const overdue = c.answeredLate + c.openOverdue;
  return {
    ...c,
    overdue,
    onTimeRate: ratio(c.answeredOnTime, c.answered),
    averageRating: c.rated > 0 ? round(c.ratingSum / c.rated, 2) : null,
    satisfactionRate: satisfaction766({ total: c.received, unsatisfied: c.unsatisfied, overdue }),
  };
};

const OPEN = `r.state IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;

/** The counts as SQL aggregates over `feedback_reports r` (params: $1 = now). */
const COUNTS_SQL = `
  count(*)::int AS received,
  count(*) FILTER (WHERE ${OPEN})::int AS open,
  count(*) FILTER (WHERE r.answered_at IS NOT NULL)::int AS answered,
  count(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.answered_at <= r.due_at)::int AS answered_on_time,
  count(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.answered_at > r.due_at)::int AS answered_late,
  count(*) FILTER (WHERE ${OPEN} AND r.due_at < $1)::int AS open_overdue,
  count(r.rating)::int AS rated,
  coalesce(sum(r.rating), 0)::int AS rating_sum,
  count(*) FILTER (WHERE r.rating <= ${UNSATISFIED_MAX_RATING})::int AS unsatisfied`;

type CountsRow = {
  received: number;
  open: number;
  answered: number;
  answered_on_time: number;
  answered_late: number;
  open_overdue: number;
  rated: number;
  rating_sum: number;
  unsatisfied: number;
};

const countsOf = (r: CountsRow): RawCounts => ({
  received: r.received,
  open: r.open,
  answered: r.answered,
  answeredOnTime: r.answered_on_time,
  answeredLate: r.answered_late,
  openOverdue: r.open_overdue,
  rated: r.rated,
  ratingSum: r.rating_sum,
  unsatisfied: r.unsatisfied,
});

const VN_DAY = `(r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** WHERE of the filter; parameters from $2 on ($1 is now). */
const filterSql = (f: StatsFilter, params: unknown[]): string => {
  const parts: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.from) parts.push(`${VN_DAY} >= ${p(f.from)}::date`);
  if (f.to) parts.push(`${VN_DAY} <= ${p(f.to)}::date`);
  if (f.agencyIds) parts.push(`r.agency_id = ANY(${p(f.agencyIds)}::uuid[])`);
  if (f.topicCodes?.length) parts.push(`t.code = ANY(${p(f.topicCodes)}::text[])`);
  if (f.communeCodes?.length) parts.push(`r.commune_code = ANY(${p(f.communeCodes)}::text[])`);
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
};

const GROUPS: Record<GroupBy, { key: string; label: string; join: string }> = {
  agency: { key: `coalesce(ag.code, '')`, label: `coalesce(ag.name, 'Chưa giao cơ quan')`, join: 'LEFT JOIN agencies ag ON ag.id = r.agency_id' },
  topic: { key: 't.code', label: 't.name', join: '' },
  commune: { key: 'r.commune_code', label: 'ac.name', join: 'JOIN admin_communes ac ON ac.code = r.commune_code' },
  month: { key: `to_char(r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`, label: `to_char(r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'MM/YYYY')`, join: '' },
};

export type StatsGroup = { key: string; label: string } & Metrics;
export type FeedbackStats = {
  totals: Metrics;
  decision766: { total: number; unsatisfied: number; overdue: number; satisfactionRate: number | null };
  groupBy: GroupBy;
  groups: StatsGroup[];
};

/** Totals over the filter (all reports, and the Decision 766 subset). */
export const feedbackTotals = async (db: Queryable, filter: StatsFilter, now: Date) => {
  const params: unknown[] = [now];
  const where = filterSql(filter, params);
  const { rows } = await db.query<CountsRow & { d_total: number; d_unsatisfied: number; d_overdue: number }>(
    `SELECT ${COUNTS_SQL},
            count(*) FILTER (WHERE t.kind = 'procedure' OR r.dossier_code IS NOT NULL)::int AS d_total,
            count(*) FILTER (WHERE (t.kind = 'procedure' OR r.dossier_code IS NOT NULL) AND r.rating <= ${UNSATISFIED_MAX_RATING})::int AS d_unsatisfied,
            count(*) FILTER (WHERE (t.kind = 'procedure' OR r.dossier_code IS NOT NULL)
                               AND ((r.answered_at IS NOT NULL AND r.answered_at > r.due_at) OR (${OPEN} AND r.due_at < $1)))::int AS d_overdue
       FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id ${where}`,
    params,
  );
  const row = rows[0]!;
  const decision = { total: row.d_total, unsatisfied: row.d_unsatisfied, overdue: row.d_overdue };
  return { totals: metricsOf(countsOf(row)), decision766: { ...decision, satisfactionRate: satisfaction766(decision) } };
};

/** The figures per agency, topic, commune or month (most reports first; months in order). */
export const feedbackStatsBy = async (db: Queryable, groupBy: GroupBy, filter: StatsFilter, now: Date): Promise<StatsGroup[]> => {
  const params: unknown[] = [now];
  const where = filterSql(filter, params);
  const g = GROUPS[groupBy];
  const { rows } = await db.query<CountsRow & { key: string; label: string }>(
    `SELECT ${g.key} AS key, ${g.label} AS label, ${COUNTS_SQL}
       FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id ${g.join} ${where}
      GROUP BY 1, 2
      ORDER BY ${groupBy === 'month' ? '1' : 'received DESC, 1'}`,
    params,
  );
  return rows.map((r) => ({ key: r.key, label: r.label, ...metricsOf(countsOf(r)) }));
};

export const feedbackStats = async (db: Queryable, groupBy: GroupBy, filter: StatsFilter, now = new Date()): Promise<FeedbackStats> => {
  const { totals, decision766 } = await feedbackTotals(db, filter, now);
  return { totals, decision766, groupBy, groups: await feedbackStatsBy(db, groupBy, filter, now) };
};

/**
 * Hot spots: open reports clustered on a grid of `cellDegrees` (default 0.01° ≈ 1.1 km) — each
 * report falls in the cell floor(lat / cell), floor(lng / cell). Cells with at least `minReports`
 * reports, busiest first, each with the mean position of its reports, how many are overdue, and
 * its most frequent topic.
 */
export type HotSpot = { lat: number; lng: number; reports: number; overdue: number; topTopic: string; bbox: [number, number, number, number] };

export const feedbackHotSpots = async (
  db: Queryable,
  filter: StatsFilter,
  opts: { cellDegrees?: number; minReports?: number; limit?: number } = {},
  now = new Date(),
): Promise<HotSpot[]> => {
  const cell = opts.cellDegrees ?? 0.01;
  const params: unknown[] = [now];
  const where = filterSql(filter, params);
  params.push(cell, opts.minReports ?? 2, opts.limit ?? 100);
  const [cellP, minP, limitP] = [params.length - 2, params.length - 1, params.length].map((i) => `$${i}`);
  const { rows } = await db.query<{ cy: number; cx: number; lat: number; lng: number; reports: number; overdue: number; top_topic: string }>(
    `SELECT cy, cx, avg(lat) AS lat, avg(lng) AS lng, count(*)::int AS reports,
            count(*) FILTER (WHERE due_at < $1)::int AS overdue, mode() WITHIN GROUP (ORDER BY topic_code) AS top_topic
       FROM (SELECT floor(r.lat / ${cellP})::int AS cy, floor(r.lng / ${cellP})::int AS cx, r.lat, r.lng, r.due_at, t.code AS topic_code
               FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id
               ${where ? `${where} AND ${OPEN}` : `WHERE ${OPEN}`}) open_reports
      GROUP BY cy, cx
     HAVING count(*) >= ${minP}
      ORDER BY reports DESC, overdue DESC, cy, cx
      LIMIT ${limitP}`,
    params,
  );
  return rows.map((r) => ({
    lat: round(r.lat, 5),
    lng: round(r.lng, 5),
    reports: r.reports,
    overdue: r.overdue,
    topTopic: r.top_topic,
    bbox: [round(r.cy * cell, 5), round(r.cx * cell, 5), round((r.cy + 1) * cell, 5), round((r.cx + 1) * cell, 5)],
  }));
};
