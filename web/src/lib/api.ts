/**
 * Calls to the Tỉnh số API. Errors arrive as RFC 9457 problem+json and are thrown as ApiError;
 * anything else (network down, a proxy's HTML page) is turned into the same shape so that pages
 * have one kind of error to show. Writes made with the session cookie carry the CSRF token.
 */
import { recallAnswer, rememberAnswer } from './offline-answers.ts';

export type FieldError = { field: string; message: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  /** Seconds to wait, from the Retry-After header (429). */
  retryAfter?: number;
};

export const NETWORK_PROBLEM_TYPE = 'network-error';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

let csrfToken: string | undefined;

/** Set by the session when it learns the token (login, /me); cleared on sign-out. */
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string' && typeof (body as Problem).status === 'number';

const retryAfterOf = (res: Response): number | undefined => {
  const value = res.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
};

const problemOf = async (res: Response): Promise<Problem> => {
  const body: unknown = await res.json().catch(() => undefined);
  const retryAfter = retryAfterOf(res);
  if (isProblem(body)) {
    const errors = Array.isArray(body.errors) ? body.errors.filter((e) => typeof e?.field === 'string') : undefined;
    return { type: String(body.type ?? 'about:blank'), title: body.title, status: res.status, detail: body.detail, errors, retryAfter };
  }
  return { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status, retryAfter };
};

/** The problem code from its type URI: `/problems/invalid-credentials` → `invalid-credentials`. */
export const problemCode = (problem: Problem): string => problem.type.split('/').filter(Boolean).pop() ?? problem.type;

/** The CSRF header for a write made outside `api()` (an upload through XMLHttpRequest, for its progress events). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

/** Turns a failed response's body into the same Problem shape `api()` throws. */
export const problemFromResponse = problemOf;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
};

export const api = async <T = unknown>(path: string, { method = 'GET', body, signal, headers: extra }: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    // Offline: the citizen's own pages answer from what was kept at their last visit.
    const kept = method === 'GET' ? await recallAnswer(path) : undefined;
    if (kept !== undefined) return kept as T;
    throw new ApiError({ type: NETWORK_PROBLEM_TYPE, title: 'Network error', status: 0 });
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: T;
  try {
    parsed = (text ? JSON.parse(text) : undefined) as T;
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Invalid response', status: res.status });
  }
  if (method === 'GET') void rememberAnswer(path, parsed);
  return parsed;
};

/** The items of a list answer, whether the API sends a bare array or `{ items | data | … }`. */
export const listOf = <T>(body: unknown, ...keys: string[]): T[] => {
  if (Array.isArray(body)) return body as T[];
  if (typeof body !== 'object' || body === null) return [];
  for (const key of ['items', 'data', ...keys]) {
    const value = (body as Record<string, unknown>)[key];
    if (Array.isArray(value)) return value as T[];
  }
  return [];
};

/** The total of a paginated answer (`total`), or the number of items when it has none. */
export const totalOf = (body: unknown, items: unknown[]): number => {
  const total = typeof body === 'object' && body !== null ? (body as { total?: unknown }).total : undefined;
  return typeof total === 'number' ? total : items.length;
};
