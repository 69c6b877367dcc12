import type { WorkingCalendar } from '../../../platform/calendar/index.ts';
import { reachOf, visibleAgencies } from './access.ts';
import type { DossierContext } from './context.ts';
import { type DossierRow, iso } from './dossier-store.ts';
import type { ListItem, ListPage, QueueQuery } from './schema.ts';
import { IN_PROGRESS_STATUSES, statusName } from './status.ts';
import { dueStateOfRow } from './views.ts';

type ListRow = DossierRow & { agency_code: string; agency_name: string; owner_name: string; assignee_name: string | null };

/** The page's rows (ids chosen by `pageIds`) with the names shown beside them. */
const SELECT = `SELECT d.*, a.code AS agency_code, a.name AS agency_name, o.full_name AS owner_name, s.full_name AS assignee_name
                  FROM page_ids p
                  JOIN dossiers d ON d.id = p.id
                  JOIN agencies a ON a.id = d.agency_id
                  JOIN users o ON o.id = d.owner_id
                  LEFT JOIN users s ON s.id = d.assignee_id`;

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
 * One page of the dossiers matching `where` (SQL over `d`, parameters in `params`), and their count.
 * The page's ids are chosen first, on the indexes alone where they cover the filter and the order
 * (a busy agency has thousands of open dossiers), and only those rows are read and joined.
 */
const pageOf = async (ctx: DossierContext, where: string, params: unknown[], order: string, page: number, pageSize: number): Promise<ListPage> => {
  const n = params.length;
  const { rows } = await ctx.db.query<ListRow>(
    `WITH page_ids AS MATERIALIZED (SELECT d.id FROM dossiers d WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2})
     ${SELECT} ORDER BY ${order}`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  const count = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers d WHERE ${where}`, params);
  const calendar = await ctx.calendar.current();
  return { items: rows.map(itemOf(calendar, new Date())), total: count.rows[0]?.n ?? 0, page, pageSize };
};

/** `GET /api/dossiers?mine=true`: the caller's own dossiers, drafts included, newest first. */
export const listMyDossiers = async (ctx: DossierContext, page: number, pageSize: number): Promise<ListPage> => {
  return pageOf(ctx, 'd.owner_id = $1', [ctx.principal.userId], 'd.created_at DESC, d.id', page, pageSize);
};

/**
 * `GET /api/dossiers/queue`: filed dossiers of the agencies the caller handles or receives for
 * (access.ts; all of them for province overseers), earliest appointment first. Filters: statuses,
 * overdue (on its way and past its appointment) or not, appointment before an instant, one agency,
 * assigned to the caller.
 */
export const listQueue = async (ctx: DossierContext, q: QueueQuery): Promise<ListPage> => {
  const reach = await reachOf(ctx.db, ctx.principal);
  const agencies = visibleAgencies(reach);
  const now = new Date();
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  // One condition per column, so the planner's row estimate (and its choice of index) is right.
  const where = [q.status ? `d.status = ANY(${param(q.status)}::smallint[])` : 'd.status IS NOT NULL'];
  if (q.agencyId) where.push(agencies && !agencies.includes(q.agencyId) ? 'false' : `d.agency_id = ${param(q.agencyId)}`);
  else if (agencies) where.push(`d.agency_id = ANY(${param(agencies)}::uuid[])`);
  if (q.overdue !== undefined) {
    const overdue = `(d.status = ANY(${param([...IN_PROGRESS_STATUSES])}::smallint[]) AND COALESCE(d.due_at < ${param(now)}, false))`;
    where.push(q.overdue ? overdue : `NOT ${overdue}`);
  }
  if (q.dueBefore) where.push(`d.due_at < ${param(new Date(q.dueBefore))}`);
  if (q.assignedToMe) where.push(`d.assignee_id = ${param(ctx.principal.userId)}`);
  return pageOf(ctx, where.join(' AND '), params, 'd.due_at ASC NULLS LAST, d.code', q.page, q.pageSize);
};
