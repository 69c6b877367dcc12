import type { ResolvedJobOptions } from '../../../../platform/jobs/registry.ts';
import type { Responder } from './fake-portal.ts';
import { OK_ANSWER } from './fake-portal.ts';

/**
 * Simulated time for outage tests. pg-boss waits `retryDelay · 2^n · (1 + random)` seconds (capped
 * at `retryDelayMax`) before retry n+1; with the random part at 0 — the shortest schedule it may
 * draw, so the least outage a queue rides out — attempt k starts this many seconds after the first.
 */
export const earliestAttemptTimes = (o: Pick<ResolvedJobOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'retryDelayMax'>): number[] => {
  const times = [0];
  for (let n = 0; n < o.retryLimit; n += 1) {
    const wait = o.retryBackoff ? Math.min(o.retryDelayMax, Math.max(o.retryDelay, 1) * 2 ** n) : o.retryDelay;
    times.push(times.at(-1)! + wait);
  }
  return times;
};

/**
 * A portal that is down for `outageSeconds` from the moment each push is first tried, in simulated
 * time: the k-th try of one push (the same DongBoHoSoMC body: one job's retries) happens at
 * `attemptTimes[k-1]`, and fails with 503 while that is inside the outage. Every job thus meets
 * the whole outage (the worst case: its change was made as the portal went down). Other calls
 * (progress, made right after a successful push) pass.
 */
export const outageResponder = (attemptTimes: readonly number[], outageSeconds: number): Responder & { tries: Map<string, number> } => {
  const tries = new Map<string, number>();
  const respond: Responder = (request) => {
    if (request.body.service !== 'DongBoHoSoMC') return OK_ANSWER;
    const key = JSON.stringify(request.body.data);
    const attempt = (tries.get(key) ?? 0) + 1;
    tries.set(key, attempt);
    const at = attemptTimes[attempt - 1] ?? Number.POSITIVE_INFINITY;
    return at < outageSeconds ? { status: 503, body: { message: 'Cổng DVC quốc gia đang bảo trì' } } : OK_ANSWER;
  };
  return Object.assign(respond, { tries });
};
