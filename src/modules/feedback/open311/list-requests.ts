import type { Queryable } from '../../../platform/db/pool.ts';
import { parseW3c } from './datetime.ts';
import { badRequest, notFound } from './errors.ts';
import { OPEN_STATES } from '../feedback-workflow.ts';
import { REPORT_COLUMNS, REPORT_JOINS, type ReportRow } from './request-view.ts';

/**
 * `GET requests` and `GET requests/{id}`. Listing shows published reports only (moderated,
 * `is_public`) of Open311 services; complaints and denunciations never. By id (one, or
 * `service_request_id=a,b`), a report not yet published still answers with its tracking view.
 *
 * Filters per the spec: `service_request_id` (comma list; overrides the others), `service_code`
 * and `status` (comma lists), `start_date`/`end_date` on `requested_datetime`. The window
 * defaults to the 90 days up to now (or after `start_date`, or before `end_date`) and may not
 * span more; at most 1000 requests, newest first.
 */
export const MAX_REQUESTS = 1000;
export const WINDOW_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

export type RequestsQuery = {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
};

const commaList = (text: string | undefined) => [...new Set((text ?? '').split(',').map((s) => s.trim()).filter(Boolean))];

/**
 * A report an Open311 client may see at all: of an Open311 service, not a complaint or
 * denunciation (by topic, or transferred to the inspectorate by a moderator).
 */
const VISIBLE = `t.open311 AND t.kind <> 'inspection' AND r.state <> 'transferred'`;
/** Published (as reports/access.ts isPubliclyVisible): moderated public and not refused. */
const PUBLISHED = `r.is_public AND r.state NOT IN ('submitted', 'rejected', 'transferred')`;

const dateOf = (name: string, text: string | undefined) => {
  if (text === undefined || text.trim() === '') return undefined;
  const at = parseW3c(text);
  if (!at) throw badRequest(`${name}: không phải ngày giờ W3C, vd. 2026-12-05T08:00:00+07:00 / not a W3C datetime`);
  return at;
};

export const windowOf = (query: Pick<RequestsQuery, 'start_date' | 'end_date'>, now = new Date()) => {
  const start = dateOf('start_date', query.start_date);
  const end = dateOf('end_date', query.end_date);
  const span = WINDOW_DAYS * DAY_MS;
  if (start && end) {
    if (start > end) throw badRequest('start_date: phải trước end_date / must not be after end_date');
    if (end.getTime() - start.getTime() > span) throw badRequest(`end_date: khoảng thời gian tối đa ${WINDOW_DAYS} ngày / the range may not span more than ${WINDOW_DAYS} days`);
    return { start, end };
  }
  if (start) return { start, end: new Date(start.getTime() + span) };
  const until = end ?? now;
  return { start: new Date(until.getTime() - span), end: until };
};

export const statusesOf = (text: string | undefined) => {
  const statuses = commaList(text?.toLowerCase());
  const wrong = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (wrong.length) throw badRequest(`status: chỉ nhận open, closed / must be open or closed, got '${wrong.join(',').slice(0, 80)}'`);
  return statuses;
};

const byIds = async (db: Queryable, ids: string[]): Promise<ReportRow[]> => {
  const { rows } = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS}, ${PUBLISHED} AS is_published ${REPORT_JOINS}
      WHERE r.code = ANY($1::text[]) AND ${VISIBLE}
      ORDER BY r.created_at DESC`,
    [ids.map((id) => id.toUpperCase())],
  );
  return rows;
};

export const listRequests = async (db: Queryable, query: RequestsQuery, now = new Date()): Promise<ReportRow[]> => {
  const ids = commaList(query.service_request_id);
  if (ids.length > MAX_REQUESTS) throw badRequest(`service_request_id: tối đa ${MAX_REQUESTS} mã / at most ${MAX_REQUESTS} ids`);
  if (ids.length) return byIds(db, ids);
  const { start, end } = windowOf(query, now);
  const statuses = statusesOf(query.status);
  const codes = commaList(query.service_code?.toLowerCase());
  const { rows } = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS}, true AS is_published ${REPORT_JOINS}
      WHERE ${PUBLISHED} AND ${VISIBLE}
        AND r.created_at >= $1 AND r.created_at <= $2
        AND (cardinality($3::text[]) = 0 OR t.code = ANY($3::text[]))
        AND (cardinality($4::text[]) = 0 OR (CASE WHEN r.state = ANY($5::text[]) THEN 'open' ELSE 'closed' END) = ANY($4::text[]))
      ORDER BY r.created_at DESC, r.code DESC
      LIMIT ${MAX_REQUESTS}`,
    [start, end, codes, statuses, OPEN_STATES],
  );
  return rows;
};

export const findRequest = async (db: Queryable, id: string): Promise<ReportRow> => {
  const row = id.length <= 64 ? (await byIds(db, [id.trim()]))[0] : undefined;
  if (!row) throw notFound(`service_request_id '${id.slice(0, 64)}' không có / not found`);
  return row;
};

/**
 * `GET tokens/{token}`: the request a POST's token stands for. The token is known only to the
 * client that posted, which already holds the id, so it resolves for any report (a complaint too).
 */
export const findByToken = async (db: Queryable, token: string): Promise<string> => {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM feedback_reports WHERE open311_token = $1', [token.trim()]);
  if (!rows[0]) throw notFound(`token '${token.slice(0, 64)}' không có / not found`);
  return rows[0].code;
};
