import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import { foldDiacritics } from '../../../platform/text/index.ts';
import type { PublicListQuery, QueueQuery, ReportSummary } from '../schema.ts';
import { summaryView, type SummaryRow } from './views.ts';

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

/**
 * A text search counts at most this many matches ("more than 100", five pages): counting a common word's
 * matches reads the word index's whole list and a heap page per match, most of a search's cost
 * at 1,000 (measured on the scale-1 data), and nobody pages through hundreds of search results.
 */
export const PUBLIC_SEARCH_COUNT_LIMIT = 100;

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
  copy() {
    const copy = new Where();
    copy.parts.push(...this.parts);
    copy.params.push(...this.params);
    return copy;
  }
}

/** The public may see: moderated as public, not a complaint or denunciation, not refused or transferred. */
export const PUBLIC_CONDITION = `r.is_public AND t.kind <> 'inspection' AND r.state NOT IN ('submitted', 'rejected', 'transferred')`;

const VIETNAM_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** Words searched at most: the rest of a longer query is ignored. */
const MAX_SEARCH_WORDS = 8;

/**
 * The text search as a tsquery over `feedback_reports.search_words`, or null for none: every typed
 * word must be a whole word of the title, description or address, marks and case optional ("ngap"
 * finds "Ngập", "tra vinh" finds "Trà Vinh", but "nga" does not find "ngập"). Folded like the column:
 * a word that holds other characters ("12/3", "H'Leo") is its runs of letters and digits, side by side.
 * The tokens hold only a-z and 0-9, so they cannot carry tsquery operators.
 */
export const searchWords = (q: string | undefined): string | null => {
  const words = foldDiacritics(q ?? '')
    .split(' ')
    .map((word) => word.split(/[^a-z0-9]+/).filter(Boolean))
    .filter((parts) => parts.length > 0)
    .slice(0, MAX_SEARCH_WORDS)
    .map((parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`));
  return words.length ? words.join(' & ') : null;
};

/** The public filters but the text (topic, commune, state, bbox, filing dates) on top of `where`. */
const applyFilters = (where: Where, q: Omit<PublicListQuery, 'page' | 'pageSize'>) => {
  if (q.topic?.length) where.parts.push(`t.code = ANY(${where.param(q.topic)}::text[])`);
  if (q.commune?.length) where.parts.push(`r.commune_code = ANY(${where.param(q.commune)}::text[])`);
  if (q.state?.length) where.parts.push(`r.state = ANY(${where.param(q.state)}::text[])`);
  if (q.bbox) {
    const [south, west, north, east] = q.bbox;
    where.parts.push(`r.lat BETWEEN ${where.param(south)} AND ${where.param(north)} AND r.lng BETWEEN ${where.param(west)} AND ${where.param(east)}`);
  }
  if (q.from) where.parts.push(`${VIETNAM_DAY('r.created_at')} >= ${where.param(q.from)}::date`);
  if (q.to) where.parts.push(`${VIETNAM_DAY('r.created_at')} <= ${where.param(q.to)}::date`);
  return where;
};

/** The text search (`searchWords`) on top of `where`, served by the GIN index on search_words. */
const applyText = (where: Where, words: string | null) => {
  if (words) where.parts.push(`r.search_words @@ to_tsquery('simple', ${where.param(words)})`);
  return where;
};

const FROM_REPORTS = 'FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id';
const NEWEST_FIRST = 'r.created_at DESC, r.id DESC';

/** Ids of one page of the reports `where` selects, in `order`. */
const pickIds = async (db: Queryable, where: Where, order: string, limit: number, offset: number) => {
  const n = where.params.length;
  const { rows } = await db.query<{ id: string }>(`SELECT r.id ${FROM_REPORTS} ${where.sql()} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [
    ...where.params, limit, offset,
  ]);
  return rows.map((r) => r.id);
};

/**
 * A text search reads the newest reports one by one, at most this many, before it asks the word
 * index. PostgreSQL cannot make this choice itself: it takes the words of a query for independent
 * and multiplies their frequencies, so it finds "thuc pham" (two syllables of one word, in 3.5% of
 * the reports) twelve times rarer than it is and "lan chiem via he" thousands of times, and then
 * reads and sorts every match; and the word index cannot stop early, so counting a common word's
 * matches there reads its whole list and a heap page per match.
 */
const READ_AT_MOST = 5000;

/** The newest `want` matches of a text search among the newest READ_AT_MOST reports `where` selects. */
const newestMatches = async (db: Queryable, where: Where, words: string, want: number): Promise<string[]> => {
  const n = where.params.length;
  // The LIMIT inside keeps the words out of the scan, so the index on created_at serves it, and
  // the outer LIMIT stops it at the last match wanted.
  const { rows } = await db.query<{ id: string }>(
    `SELECT w.id FROM (SELECT r.id, r.created_at, r.search_words ${FROM_REPORTS} ${where.sql()} ORDER BY ${NEWEST_FIRST} LIMIT $${n + 1}) w
      WHERE w.search_words @@ to_tsquery('simple', $${n + 2})
      ORDER BY w.created_at DESC, w.id DESC LIMIT $${n + 3}`,
    [...where.params, READ_AT_MOST, words, want],
  );
  return rows.map((r) => r.id);
};

/**
 * What a summary shows (views.ts `SummaryRow`), with the names around it. The names are looked up
 * row by row: for a page of twenty that is sixty index probes, where a join may hash all 3,321
 * communes first.
 */
const SUMMARY_SELECT = `
  SELECT r.id, r.code, t.code AS topic_code, t.name AS topic_name, r.title, r.address, r.commune_code,
         (SELECT ac.name FROM admin_communes ac WHERE ac.code = r.commune_code) AS commune_name,
         r.lat, r.lng, r.state, r.created_at, r.due_at,
         (SELECT ag.code FROM agencies ag WHERE ag.id = r.agency_id) AS agency_code,
         (SELECT ag.name FROM agencies ag WHERE ag.id = r.agency_id) AS agency_name,
         r.answered_at, r.rating, r.photos
    FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id`;

/** The summaries of a page of reports by their ids: planning the lookups would cost more than running them. */
const SUMMARIES_BY_IDS = preparedStatement('feedback.report-summaries', `${SUMMARY_SELECT} WHERE r.id = ANY($1::uuid[])`);

/** The summaries of the reports with these ids, in the order of `ids`. */
const summariesByIds = async (db: Queryable, ids: string[]): Promise<SummaryRow[]> => {
  if (ids.length === 0) return [];
  const { rows } = await db.query<SummaryRow>(SUMMARIES_BY_IDS([ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

/** How many reports `where` selects; with `limit`, counting stops past it. */
const countOf = async (db: Queryable, where: Where, limit?: number) => {
  const matches = `SELECT 1 ${FROM_REPORTS} ${where.sql()}`;
  const { rows } = await db.query<{ n: number }>(
    limit ? `SELECT count(*)::int AS n FROM (${matches} LIMIT ${limit + 1}) m` : `SELECT count(*)::int AS n FROM (${matches}) m`,
    where.params,
  );
  return rows[0]?.n ?? 0;
};

/**
 * A page of the reports `where` selects. The page is picked among the reports alone (`pick`), then
 * joined to the names around it: joined first, a plan that meets thousands of matches before it
 * sorts them would look up the names of each.
 */
const pageOf = async (
  db: Queryable,
  where: Where,
  pick: (limit: number, offset: number) => Promise<string[]>,
  page: number,
  pageSize: number,
  now: Date,
  countLimit?: number,
): Promise<Page<ReportSummary>> => {
  const rows = await summariesByIds(db, await pick(pageSize, (page - 1) * pageSize));
  const items = rows.map((r) => summaryView(r, now));
  // A first page that is not full is the whole list: no need to count.
  if (page === 1 && rows.length < pageSize) return { items, total: rows.length, ...(countLimit ? { totalCapped: false } : {}), page, pageSize };
  const n = await countOf(db, where, countLimit);
  if (!countLimit) return { items, total: n, page, pageSize };
  return { items, total: Math.min(n, countLimit), totalCapped: n > countLimit, page, pageSize };
};

/** A page in `order` of the reports `where` selects. */
const orderedPage = (db: Queryable, where: Where, order: string, q: QueueQuery, now: Date) =>
  pageOf(db, where, (limit, offset) => pickIds(db, where, order, limit, offset), q.page, q.pageSize, now);

/**
 * A page of a text search, newest first, counted up to `countLimit`. Among the newest reports a
 * common word finds the page and more than `countLimit` matches at once: one statement answers it
 * ("more than 100"). Fewer there, the word is rare and its index list short: the page (unless the
 * newest reports held it) and the count come from the word index.
 */
const searchPage = async (db: Queryable, where: Where, words: string, q: PublicListQuery, now: Date, countLimit: number): Promise<Page<ReportSummary>> => {
  const offset = (q.page - 1) * q.pageSize;
  const want = Math.max(offset + q.pageSize, countLimit + 1);
  const newest = await newestMatches(db, where, words, want);
  const withText = applyText(where.copy(), words);
  if (newest.length === want) {
    const rows = await summariesByIds(db, newest.slice(offset, offset + q.pageSize));
    return { items: rows.map((r) => summaryView(r, now)), total: countLimit, totalCapped: true, page: q.page, pageSize: q.pageSize };
  }
  const pick = async (limit: number, from: number) =>
    newest.length >= from + limit ? newest.slice(from, from + limit) : pickIds(db, withText, NEWEST_FIRST, limit, from);
  return pageOf(db, withText, pick, q.page, q.pageSize, now, countLimit);
};

export const listPublicReports = (db: Queryable, q: PublicListQuery, now = new Date(), countLimit = PUBLIC_COUNT_LIMIT) => {
  const where = applyFilters(new Where(), q);
  where.parts.unshift(PUBLIC_CONDITION);
  const words = searchWords(q.q);
  if (!words) return pageOf(db, where, (limit, offset) => pickIds(db, where, NEWEST_FIRST, limit, offset), q.page, q.pageSize, now, countLimit);
  return searchPage(db, where, words, q, now, Math.min(countLimit, PUBLIC_SEARCH_COUNT_LIMIT));
};

export const MAP_POINT_LIMIT = 5000;

/** Points of the public map (same filters, no paging, the newest 5,000). */
export const publicMapPoints = async (db: Queryable, q: Omit<PublicListQuery, 'page' | 'pageSize'>) => {
  const where = applyText(applyFilters(new Where(), q), searchWords(q.q));
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
  return orderedPage(db, where, NEWEST_FIRST, q, now);
};

/** Waiting for moderators: new reports and those an agency returned; oldest first. */
export const moderationQueue = (db: Queryable, q: QueueQuery, now = new Date()) => {
  const where = new Where();
  where.parts.push(`r.state = ANY(${where.param(q.state?.length ? q.state : ['submitted', 'moderated'])}::text[])`);
  return orderedPage(db, where, 'r.created_at ASC, r.id ASC', q, now);
};

/** States an agency's queue may list (before moderation and after a refusal the report is not theirs). */
const AGENCY_STATES = ['assigned', 'in_progress', 'answered', 'closed', 'merged'];

/** An agency's reports to handle, the nearest due date first (overdue at the top). */
export const agencyQueue = (db: Queryable, agencyId: string, q: QueueQuery, now = new Date()) => {
  const where = new Where();
  where.parts.push(`r.agency_id = ${where.param(agencyId)}`);
  const states = q.state?.length ? q.state.filter((s) => AGENCY_STATES.includes(s)) : ['assigned', 'in_progress'];
  where.parts.push(`r.state = ANY(${where.param(states)}::text[])`);
  return orderedPage(db, where, 'r.due_at ASC NULLS LAST, r.created_at ASC', q, now);
};
