import autocannon, { type Request } from 'autocannon';

/**
 * One load run with autocannon on loopback: `connections` clients for `seconds` after a short
 * warm-up, each request made by `next()` (path, method, headers, body). Every response's latency
 * is kept, so any percentile is exact (autocannon's own summary has no p95).
 */
export type LoadRun = {
  requests: number;
  perSecond: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  /** Latency percentiles in ms; null when no response came back during the run. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Every response's latency in ms, ascending. */
  latencies: number[];
};

export type LoadOptions = { url: string; connections: number; seconds: number; warmupSeconds?: number; next: () => Request };

/** The p-th percentile of ascending values (0 for none; `percentileOrNull` tells "none" apart). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const percentileOrNull = (sorted: readonly number[], p: number): number | null => (sorted.length === 0 ? null : percentile(sorted, p));

/** What went wrong in a run, for the figure's note (undefined when every request succeeded). */
export const failures = (r: LoadRun, label?: string): string | undefined => {
  const prefix = label ? `${label}: ` : '';
  if (r.requests === 0) return `${prefix}no response during the run`;
  return r.failed > 0 ? `${prefix}${r.failed} failed, ${r.ok} of ${r.requests} answers ok (${JSON.stringify(r.statuses)})` : undefined;
};

export const load = async (o: LoadOptions): Promise<LoadRun> => {
  const request: Request = { setupRequest: (r) => ({ ...r, ...o.next() }) };
  if (o.warmupSeconds) await autocannon({ url: o.url, connections: o.connections, duration: o.warmupSeconds, requests: [request] });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const instance = autocannon({ url: o.url, connections: o.connections, duration: o.seconds, requests: [request] });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    perSecond: ok / Math.max(result.duration || elapsed, 0.001),
    ok,
    failed: latencies.length - ok + result.errors + result.timeouts,
    statuses,
    p50: percentileOrNull(latencies, 50),
    p95: percentileOrNull(latencies, 95),
    p99: percentileOrNull(latencies, 99),
    max: latencies.at(-1) ?? null,
    latencies,
  };
};

/** Cycles through `items` (shuffled once), so concurrent clients ask for different things. */
export const cycle = <T>(items: readonly T[]): (() => T) => {
  if (items.length === 0) throw new Error('nothing to cycle through');
  let i = 0;
  return () => items[i++ % items.length]!;
};
