import type { FastifyInstance } from 'fastify';

/**
 * For `npm run bench` (issue 9): requests `GET /api/ioc/overview` as a leader `requests` times,
 * `concurrency` at a time, through the app's full request path (`inject`: hooks, auth, logging;
 * no socket), and answers the latency percentiles in milliseconds. The goal is p95 ≤ 100 ms over
 * 1.5 million dossiers. Call `rebuildIocRollups(db)` after loading the data first.
 */
export type OverviewLatency = { requests: number; p50: number; p95: number; p99: number; max: number; received: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export const measureOverviewLatency = async (
  app: FastifyInstance,
  token: string,
  { requests = 200, concurrency = 4, warmup = 10, url = '/api/ioc/overview' } = {},
): Promise<OverviewLatency> => {
  const once = async () => {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return { ms: performance.now() - started, received: res.json<{ dossiers: { received: number } }>().dossiers.received };
  };
  for (let i = 0; i < warmup; i += 1) await once();
  const times: number[] = [];
  let received = 0;
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next += 1;
      const r = await once();
      times.push(r.ms);
      received = r.received;
    }
  }));
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { requests: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), max: round(times.at(-1) ?? 0), received };
};
