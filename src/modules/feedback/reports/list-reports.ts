import type { Queryable } from '../../../platform/db/pool.ts';
import type { PublicListQuery, QueueQuery, ReportSummary } from '../schema.ts';
import { REPORT_SELECT, type ReportRow } from './report-store.ts';
import { summaryView } from './views.ts';

/**
 * Lists of reports: the public list and map, the reporter's own, the moderators' queue and an
 * agency's queue. Each builds a WHERE clause from fixed fragments with numbered parameters.
 */
export type Page<T> = { items: T[]; total: number; totalCapped?: boolean; page: number; pageSize: number };

/**
 * The public list counts at most this many matches: a search for a common word matches a tenth
 * of a year's reports, and counting them all costs more than the page itself. Past it the answer
 * says `totalCapped` ("more than 1,000").
 */
export const PUBLIC_COUNT_LIMIT = 1000;

class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  param(value: unknown) {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  sql() {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** The public may see: moderated as public, not a complaint or denunciation, not refused or transferred. */
export const PUBLIC_CONDITION = `r.is_public AND t.kind <> 'inspection' AND r.state NOT IN ('submitted', 'rejected', 'transferred')`;

const VIETNAM_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** The public filters (topic, commune, state, bbox, text, filing dates) on top of `where`. */
const applyFilters = (where: Where, q: Omit<PublicListQuery, 'page' | 'pageSize'>) => {
  if (q.topic?.length) where.parts.push(`t.code = ANY(${where.param(q.topic)}::text[])`);
  if (q.commune?.length) where.parts.push(`r.commune_code = ANY(${where.param(q.commune)}::text[])`);
  if (q.state?.length) where.parts.push(`r.state = ANY(${where.param(q.state)}::text[])`);
  if (q.bbox) {
    const [south, west, north, east] = q.bbox;
    where.parts.push(`r.lat BETWEEN ${where.param(south)} AND ${where.param(north)} AND r.lng BETWEEN ${where.param(west)} AND ${where.param(east)}`);
  }
  // Diacritic-insensitive, every word (at most 8) somewhere in title, description or address: both
  // sides folded (fold_vi), served by the trigram index on search_folded.
  for (const word of (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    where.parts.push(`r.search_folded LIKE '%' || fold_vi(${where.param(word.replace(/[\\%_]/g, (c) => `\\${c}`))}) || '%'`);
  }
  if (q.from) where.parts.push(`${VIETNAM_DAY('r.created_at')} >= ${where.param(q.from)}::date`);
  if (q.to) where.parts.push(`${VIETNAM_DAY('r.created_at')} <= ${where.param(q.to)}::date`);
  return where;
};

const pageOf = async (db: Queryable, where: Where, order: string, page: number, pageSize: number, now: Date, countLimit?: number): Promise<Page<ReportSummary>> => {
  const filter = where.sql();
  const params = [...where.params];
  const { rows } = await db.query<ReportRow>(`${REPORT_SELECT} ${filter} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
    ...params, pageSize, (page - 1) * pageSize,
  ]);
  const items = rows.map((r) => summaryView(r, now));
  // A first page that is not full is the whole list: no need to count.
  if (page === 1 && rows.length < pageSize) return { items, total: rows.length, ...(countLimit ? { totalCapped: false } : {}), page, pageSize };
  const matches = `SELECT 1 FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id ${filter}`;
  const counted = await db.query<{ n: number }>(
    countLimit ? `SELECT count(*)::int AS n FROM (${matches} LIMIT ${countLimit + 1}) m` : `SELECT count(*)::int AS n FROM (${matches}) m`,
    params,
  );
  const n = counted.rows[0]?.n ?? 0;
  if (!countLimit) return { items, total: n, page, pageSize };
  return { items, total: Math.min(n, countLimit), totalCapped: n > countLimit, page, pageSize };
};

export const listPublicReports = (db: Queryable, q: PublicListQuery, now = new Date(), countLimit = PUBLIC_COUNT_LIMIT) => {
  const where = applyFilters(new Where(), q);
  where.parts.unshift(PUBLIC_CONDITION);
  return pageOf(db, where, 'r.created_at DESC, r.id DESC', q.page, q.pageSize, now, countLimit);
};

export const MAP_POINT_LIMIT = 5000;

/** Points of the public map (same filters, no paging, the newest 5,000). */
export const publicMapPoints = async (db: Queryable, q: Omit<PublicListQuery, 'page' | 'pageSize'>) => {
  const where = applyFilters(new Where(), q);
  where.parts.unshift(PUBLIC_CONDITION);
  const { rows } = await db.query<{ id: string; code: string; lat: number; lng: number; state: string; topic_code: string; title: string }>(
    `SELECT r.id, r.code, r.lat, r.lng, r.state, t.code AS topic_code, r.title
       FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id ${where.sql()}
      ORDER BY r.created_at DESC LIMIT ${MAP_POINT_LIMIT}`,
    where.params,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, lat: r.lat, lng: r.lng, state: r.state, topicCode: r.topic_code, title: r.title }));
};

export const listMyReports = (db: Queryable, userId: string, q: QueueQuery, now = new Date()) => {
  const where = new Where();
  where.parts.push(`r.reporter_id = ${where.param(userId)}`);
  if (q.state?.length) where.parts.push(`r.state = ANY(${where.param(q.state)}::text[])`);
  return pageOf(db, where, 'r.created_at DESC, r.id DESC', q.page, q.pageSize, now);
};

/** Waiting for moderators: new reports and those an agency returned; oldest first. */
export const moderationQueue = (db: Queryable, q: QueueQuery, now = new Date()) => {
  const where = new Where();
  where.parts.push(`r.state = ANY(${where.param(q.state?.length ? q.state : ['submitted', 'moderated'])}::text[])`);
  return pageOf(db, where, 'r.created_at ASC, r.id ASC', q.page, q.pageSize, now);
};

/** States an agency's queue may list (before moderation and after a refusal the report is not theirs). */
const AGENCY_STATES = ['assigned', 'in_progress', 'answered', 'closed', 'merged'];

/** An agency's reports to handle, the nearest due date first (overdue at the top). */
export const agencyQueue = (db: Queryable, agencyId: string, q: QueueQuery, now = new Date()) => {
  const where = new Where();
  where.parts.push(`r.agency_id = ${where.param(agencyId)}`);
  const states = q.state?.length ? q.state.filter((s) => AGENCY_STATES.includes(s)) : ['assigned', 'in_progress'];
  where.parts.push(`r.state = ANY(${where.param(states)}::text[])`);
  return pageOf(db, where, 'r.due_at ASC NULLS LAST, r.created_at ASC', q.page, q.pageSize, now);
};
