import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { isSessionLive, sessionFor } from './callers.ts';
import { describeCase, type FuzzCase, type FuzzWorld, type Session, toInject } from './fuzz-cases.ts';
import { type ApiRoute, isOpen311, isWrite } from './routes.ts';
import { committedBetween, markWrites, tablesWrittenBy, type WriteMark } from './write-watch.ts';

/**
 * Runs fuzz cases against one route and checks each answer: never a 5xx; every 4xx is
 * problem+json (under /open311, the GeoReport v2 error list); and a refused request (or any read)
 * commits no write to a watched table (write-watch.ts), checked request by request.
 */
export type FuzzResult = { cases: number; accepted: number; statuses: Record<number, number>; failures: string[] };
/** The server's own log line for a request that failed with a 5xx, when the test captures logs. */
export type ServerErrorOf = (requestId: string) => string | undefined;

const contentType = (res: LightMyRequestResponse) => String(res.headers['content-type'] ?? '');

/** What is wrong with a 4xx answer, or undefined. */
const badRejection = (route: ApiRoute, res: LightMyRequestResponse): string | undefined => {
  if (isOpen311(route.url)) {
    if (/xml/.test(contentType(res))) return /<errors>[\s\S]*<error>[\s\S]*<code>\d{3}<\/code>/.test(res.body) ? undefined : 'not an Open311 XML error list';
    try {
      const list = JSON.parse(res.body) as unknown;
      const ok = Array.isArray(list) && list.length > 0 && list.every((e: { code?: unknown; description?: unknown }) => typeof e?.code === 'number' && typeof e?.description === 'string');
      return ok ? undefined : 'not an Open311 error list [{ code, description }]';
    } catch {
      return 'not JSON';
    }
  }
  if (!/^application\/problem\+json/.test(contentType(res))) return `content-type ${contentType(res) || '(none)'}, not problem+json`;
  try {
    const body = JSON.parse(res.body) as { type?: string; title?: string; status?: number };
    if (body.status !== res.statusCode || !body.type?.startsWith('/problems/') || !body.title) return 'problem+json without a matching status, type or title';
  } catch {
    return 'problem+json that does not parse';
  }
  return undefined;
};


export const fuzzRoute = async (app: FastifyInstance, route: ApiRoute, world: FuzzWorld, cases: FuzzCase[], serverErrorOf: ServerErrorOf = () => undefined): Promise<FuzzResult> => {
  const result: FuzzResult = { cases: 0, accepted: 0, statuses: {}, failures: [] };
  const sessions = new Map<string, Session>();
  let opened = false;
  const sessionOf = async (caller: string) => {
    if (caller === 'anonymous') return undefined;
    if (!sessions.has(caller)) {
      sessions.set(caller, await sessionFor(app, world.demoCallers[caller]!));
      opened = true;
    }
    return sessions.get(caller);
  };
  const secret = route.key === 'POST /api/payments/callback' ? app.config.payments.callbackSecret : undefined;

  let mark: WriteMark | undefined;
  for (const [n, c] of cases.entries()) {
    result.cases += 1;
    const session = await sessionOf(c.caller);
    const options = await toInject(route, c, session, secret);
    // A unique request id, to find the server's log line of a 5xx (ids the server refuses stay, as fuzz).
    const given = options.headers?.['x-request-id'];
    if (given === undefined || /^[\w.-]{8,64}$/.test(String(given))) options.headers = { ...options.headers, 'x-request-id': `fuzz-${n}-${Date.now()}` };
    // The mark after one case is the mark before the next, unless a session was opened meanwhile.
    const before = session === sessions.get(c.caller) && mark !== undefined && !opened ? mark : await markWrites(app.db);
    opened = false;
    let res: LightMyRequestResponse;
    try {
      res = await app.inject(options);
    } catch (error) {
      result.failures.push(`request failed (${(error as Error).message}): ${describeCase(route, c)}`);
      mark = undefined;
      continue;
    }
    const after = await markWrites(app.db);
    mark = after;
    result.statuses[res.statusCode] = (result.statuses[res.statusCode] ?? 0) + 1;
    const refused = res.statusCode >= 400;
    if (res.statusCode >= 500) {
      const logged = serverErrorOf(String(options.headers?.['x-request-id']));
      result.failures.push(`${res.statusCode} ${logged ?? res.body.slice(0, 300)}\n  for ${describeCase(route, c)}`);
    } else if (refused) {
      const wrong = badRejection(route, res);
      if (wrong) result.failures.push(`${res.statusCode} ${wrong}: ${res.body.slice(0, 200)}\n  for ${describeCase(route, c)}`);
    }
    if ((refused || !isWrite(route.method)) && after > before) {
      const written = await tablesWrittenBy(app.db, await committedBetween(app.db, before, after));
      if (written.length) result.failures.push(`${res.statusCode} answer, yet ${written.join(', ')} written\n  for ${describeCase(route, c)}`);
    } else {
      result.accepted += 1;
      // An accepted case may end its session (logout) or change its user: open a fresh one.
      const session = sessions.get(c.caller);
      if (session && !(await isSessionLive(app, session.token))) sessions.delete(c.caller);
    }
  }
  return result;
};
