import { PopulationAnswer } from './schema.ts';

/**
 * The HTTP client of the national population database's lookup service: one `POST` of the ID
 * number in the body (never in a URL, where proxies would log it) to `{base}/cong-dan/tra-cuu`,
 * with the province's key as a bearer token and a time limit. Every failure is a
 * `PopulationLookupError` whose `kind` the route turns into 404 or 502; its message never holds
 * the ID number.
 */
export type LookupFailure = 'not-found' | 'timeout' | 'unreachable' | 'refused' | 'bad-answer' | 'not-configured';

export class PopulationLookupError extends Error {
  constructor(
    readonly kind: LookupFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PopulationLookupError';
  }
}

export type PopulationClient = { lookup: (idNumber: string) => Promise<PopulationAnswer> };
export type PopulationClientOptions = { baseUrl: string; apiKey: string | undefined; timeoutMs: number };

export const LOOKUP_PATH = '/cong-dan/tra-cuu';

export const populationClient = (o: PopulationClientOptions): PopulationClient => ({
  lookup: async (idNumber) => {
    const url = new URL(LOOKUP_PATH.slice(1), o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
        body: JSON.stringify({ soDinhDanh: idNumber }),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (error) {
      const isTimeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw isTimeout
        ? new PopulationLookupError('timeout', `population database did not answer within ${o.timeoutMs} ms`)
        : new PopulationLookupError('unreachable', `population database unreachable: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new PopulationLookupError('not-found', 'population database has no record for this ID number');
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new PopulationLookupError('refused', `population database refused the province's key (${res.status})`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new PopulationLookupError('unreachable', `population database answered ${res.status}`);
    }
    const body: unknown = await res.json().catch(() => undefined);
    const parsed = PopulationAnswer.safeParse(body);
    if (!parsed.success || parsed.data.soDinhDanh !== idNumber) {
      throw new PopulationLookupError('bad-answer', 'population database answered in an unexpected shape');
    }
    return parsed.data;
  },
});
