import { type PortalCall, portalRequestBody } from './payload.ts';

export type PortalEndpoint = { url: string; token: string | undefined; unitCode: string; timeoutMs: number };

/**
 * The portal's answer. `ok` only for an HTTP 2xx whose body, when it carries one, has an
 * `error_code` of zero ("0", "00"); `retryable` says whether trying again later may help
 * (network failures, timeouts, 401/403/408/429, 5xx, a refusal code in a 2xx) or not (other 4xx:
 * the portal refuses this payload, and will again until someone fixes the data).
 */
export type PortalReply = {
  ok: boolean;
  retryable: boolean;
  httpStatus: number | null;
  errorCode: string | null;
  message: string | null;
  /** The JSON body of a successful answer (lists carry their rows in `data`). */
  body?: Record<string, unknown> | null;
};

export const DEFAULT_PORTAL_TIMEOUT_MS = 15_000;
const MAX_BODY_CHARS = 64 * 1024;
const RETRYABLE_4XX = new Set([401, 403, 408, 409, 425, 429]);

const readJson = (text: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const describe = (error: Error) => (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message);

const stringOf = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/** POSTs one call to the portal, giving up after `timeoutMs` (or when `signal` aborts). */
export const callPortal = async (
  endpoint: PortalEndpoint,
  call: PortalCall,
  signal?: AbortSignal,
  { maxBodyChars = MAX_BODY_CHARS }: { maxBodyChars?: number } = {},
): Promise<PortalReply> => {
  const body = portalRequestBody(call, endpoint);
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  let res: Response;
  try {
    res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
  } catch (error) {
    const message = timeout.aborted ? `no answer within ${endpoint.timeoutMs} ms` : describe(error as Error);
    return { ok: false, retryable: true, httpStatus: null, errorCode: null, message };
  }
  const text = (await res.text().catch(() => '')).slice(0, maxBodyChars);
  const json = readJson(text);
  const errorCode = stringOf(json?.error_code ?? json?.errorCode);
  const refused = errorCode !== null && !/^0+$/.test(errorCode);
  const message = stringOf(json?.message ?? json?.error_message ?? json?.errorMessage) ?? (res.ok ? null : text.slice(0, 500) || res.statusText);
  if (res.ok && !refused) return { ok: true, retryable: false, httpStatus: res.status, errorCode, message, body: json };
  const retryable = res.ok || res.status >= 500 || RETRYABLE_4XX.has(res.status);
  return { ok: false, retryable, httpStatus: res.status, errorCode, message: message ?? `HTTP ${res.status}` };
};
