import { createHash } from 'node:crypto';
import type { WorkingCalendar } from '../../../platform/calendar/index.ts';
import { reachOf, seesAgencyAtOnce, visibleAgencies } from './access.ts';
import type { DossierContext } from './context.ts';
import { type DossierChannel, iso } from './dossier-store.ts';
import type { ListItem, ListPage, QueueQuery } from './schema.ts';
import { IN_PROGRESS_STATUSES, statusName } from './status.ts';
import { dueStateOfRow } from './views.ts';

/**
 * The queue counts at most this many matches: a busy agency has thousands of open dossiers (and
 * a hundred thousand filed ones), and counting them all on every page costs more than the page.
 * Past it the answer says `totalCapped` ("more than 1,000").
 */
export const QUEUE_COUNT_LIMIT = 1000;

/** Only the columns a list item shows (the row's form data, documents and files stay unread). */
type ListRow = {
  id: string;
  code: string | null;
  state: string;
  status: number | null;
  procedure_code: string;
  procedure_name: string | null;
  agency_id: string;
  channel: DossierChannel;
  submitted_at: Date | null;
  received_at: Date | null;
  due_at: Date | null;
  updated_at: Date;
  agency_code: string;
  agency_name: string;
  owner_name: string;
  assignee_name: string | null;
  /** How many dossiers match the filter (at most the count limit + 1), the same on every row. */
  matched: number;
};

const itemOf = (calendar: WorkingCalendar, now: Date) => (r: ListRow): ListItem => ({
  id: r.id,
  code: r.code,
  state: r.state,
  status: r.status,
  statusName: statusName(r.status),
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name,
  agency: { id: r.agency_id, code: r.agency_code, name: r.agency_name },
  ownerName: r.owner_name,
  assigneeName: r.assignee_name,
  channel: r.channel,
  submittedAt: iso(r.submitted_at),
  receivedAt: iso(r.received_at),
  dueAt: iso(r.due_at),
  updatedAt: r.updated_at.toISOString(),
  dueState: dueStateOfRow(calendar, r, now),
});

/**
 * What a list reads: the dossiers matching `where` (SQL over `d`, parameters in `params`) in the
 * order of `order` (columns of `dossiers`, each with its direction). `perAgency`: the page is taken
 * from each agency's own first rows, merged, for the indexes are ordered within one agency only;
 * `source` is a row source of the agency ids (SQL), `filter` the same as a condition on `d` (none
 * for every agency), and `where` then names no agency.
 */
type ListSpec = { where: string; params: unknown[]; order: readonly string[]; perAgency?: { source: string; filter?: string } };

const orderBy = (alias: string, order: readonly string[]) => order.map((c) => `${alias}.${c}`).join(', ');

/** The ids of one page, as a statement ending in `LIMIT $limit OFFSET $offset`. */
const pageIdsSql = ({ where, order, perAgency }: ListSpec, limit: string, offset: string) => {
  if (!perAgency) return `SELECT d.id FROM dossiers d WHERE ${where} ORDER BY ${orderBy('d', order)} LIMIT ${limit} OFFSET ${offset}`;
  // Only the id and the sort columns, so that each agency's walk stays on the index.
  const columns = [...new Set(['id', ...order.map((c) => c.split(' ')[0]!)])].map((c) => `d.${c}`).join(', ');
  return `SELECT x.id FROM ${perAgency.source} AS g (agency_id)
            CROSS JOIN LATERAL (SELECT ${columns} FROM dossiers d WHERE ${where} AND d.agency_id = g.agency_id
                                 ORDER BY ${orderBy('d', order)} LIMIT ${limit} + ${offset}) x
           ORDER BY ${orderBy('x', order)} LIMIT ${limit} OFFSET ${offset}`;
};

/** Counts the dossiers matching, stopping after `limit` + 1 when a limit is given. */
const countSql = ({ where, perAgency }: ListSpec, limit: number | null) => {
  const matches = `SELECT 1 FROM dossiers d WHERE ${where}${perAgency?.filter ? ` AND ${perAgency.filter}` : ''}`;
  return limit === null ? `SELECT count(*)::int FROM (${matches}) m` : `SELECT count(*)::int FROM (${matches} LIMIT ${limit + 1}) m`;
};

/**
 * One page of a list and its count, in one statement. The page's ids are chosen first, on the
 * indexes alone where they cover the filter and the order (a busy agency has thousands of open
 * dossiers), and only those rows are read and joined. With `countLimit` the count stops past it
 * and the answer says `totalCapped`. `prepare`: keep the statement prepared on each connection.
 */
const pageOf = async (ctx: DossierContext, spec: ListSpec, page: number, pageSize: number, countLimit: number | null, prepare = false): Promise<ListPage> => {
  const n = spec.params.length;
  const offset = (page - 1) * pageSize;
  const text = `WITH page_ids AS MATERIALIZED (${pageIdsSql(spec, `$${n + 1}::int`, `$${n + 2}::int`)})
     SELECT d.id, d.code, d.state, d.status, d.procedure_code, d.procedure_name, d.agency_id, d.channel,
            d.submitted_at, d.received_at, d.due_at, d.updated_at,
            a.code AS agency_code, a.name AS agency_name, o.full_name AS owner_name, s.full_name AS assignee_name,
            (${countSql(spec, countLimit)}) AS matched
       FROM page_ids p
       JOIN dossiers d ON d.id = p.id
       JOIN agencies a ON a.id = d.agency_id
       JOIN users o ON o.id = d.owner_id
       LEFT JOIN users s ON s.id = d.assignee_id
      ORDER BY ${orderBy('d', spec.order)}`;
  const values = [...spec.params, pageSize, offset];
  // A prepared statement is planned once per connection (the planning costs more than the walk).
  const name = prepare ? `dossier-list-${createHash('sha1').update(text).digest('hex').slice(0, 16)}` : undefined;
  const { rows } = await ctx.db.query<ListRow>(name ? { name, text, values } : { text, values });
  const calendar = await ctx.calendar.current();
  const items = rows.map(itemOf(calendar, new Date()));
  // A page that is not full ends the list, so its total is exact; else the statement counted (a
  // page past the end returned no row to carry the count, so it is counted alone).
  const last = rows.length > 0 && rows.length < pageSize;
  const count = last
    ? offset + rows.length
    : rows.length > 0
      ? rows[0]!.matched
      : page === 1
        ? 0
        : ((await ctx.db.query<{ count: number }>(countSql(spec, countLimit), spec.params)).rows[0]?.count ?? 0);
  if (countLimit === null) return { items, total: count, page, pageSize };
  const capped = !last && count > countLimit;
  return { items, total: capped ? countLimit : count, totalCapped: capped, page, pageSize };
};

/** `GET /api/dossiers?mine=true`: the caller's own dossiers, drafts included, newest first. */
export const listMyDossiers = async (ctx: DossierContext, page: number, pageSize: number): Promise<ListPage> => {
  return pageOf(ctx, { where: 'd.owner_id = $1', params: [ctx.principal.userId], order: ['created_at DESC', 'id'] }, page, pageSize, null);
};

/**
 * `GET /api/dossiers/queue`: filed dossiers of the agencies the caller handles or receives for
 * (access.ts; all of them for province overseers), earliest appointment first. Filters: statuses,
 * overdue (on its way and past its appointment) or not, appointment before an instant, one agency,
 * assigned to the caller. The total stops at QUEUE_COUNT_LIMIT (`totalCapped`).
 */
export const listQueue = async (ctx: DossierContext, q: QueueQuery): Promise<ListPage> => {
  // An officer's own agency (or any, for a province overseer) needs no look-up of what they serve.
  const reach = q.agencyId && seesAgencyAtOnce(ctx.principal, q.agencyId) ? [q.agencyId] : visibleAgencies(await reachOf(ctx.db, ctx.principal));
  // The agencies listed: one asked for (if in reach), those in reach, or null for all of them.
  const agencies = q.agencyId ? (reach && !reach.includes(q.agencyId) ? [] : [q.agencyId]) : reach;
  if (agencies?.length === 0) return { items: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
  const now = new Date();
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  // Statuses are written into the text (integers 1–10, checked by the schema), so the planner sees
  // that a list of open statuses may walk the open dossiers' index (202612060120) in due order.
  const statuses = (list: readonly number[]) => `d.status IN (${list.map((s) => String(Math.trunc(s))).join(', ')})`;
  // One condition per column, so the planner's row estimate (and its choice of index) is right.
  const status = q.status ? [...q.status].sort((a, b) => a - b) : undefined;
  const where = [status ? statuses(status) : 'd.status IS NOT NULL'];
  // One agency: an equality, so its index gives the order. Several (a one-stop centre serves a
  // dozen, a province overseer sees all): each agency's first rows, merged (ListSpec).
  let perAgency: ListSpec['perAgency'];
  if (agencies?.length === 1) where.push(`d.agency_id = ${param(agencies[0])}`);
  else if (agencies) {
    const ids = param(agencies);
    perAgency = { source: `unnest(${ids}::uuid[])`, filter: `d.agency_id = ANY(${ids}::uuid[])` };
  } else perAgency = { source: '(SELECT id FROM agencies)' };
  if (q.overdue !== undefined) {
    // A dossier without an appointment is never overdue.
    const overdue = `(${statuses(IN_PROGRESS_STATUSES)} AND d.due_at < ${param(now)})`;
    where.push(q.overdue ? overdue : `NOT COALESCE(${overdue}, false)`);
  }
  if (q.dueBefore) where.push(`d.due_at < ${param(new Date(q.dueBefore))}`);
  if (q.assignedToMe) where.push(`d.assignee_id = ${param(ctx.principal.userId)}`);
  // Only the usual lists are prepared (no status, one, or those on their way), so that a caller
  // trying every combination of statuses cannot fill the connections with statements.
  const usual = !status || status.length === 1 || status.join() === IN_PROGRESS_STATUSES.join();
  const spec: ListSpec = { where: where.join(' AND '), params, order: ['due_at ASC NULLS LAST', 'code'], perAgency };
  return pageOf(ctx, spec, q.page, q.pageSize, QUEUE_COUNT_LIMIT, usual);
};
