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
  /** How long the run lasted, s. */
  seconds: number;
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
  const seconds = Math.max(result.duration || (performance.now() - started) / 1000, 0.001);
  return summary(latencies, statuses, result.errors + result.timeouts, seconds);
};

const summary = (latencies: number[], statuses: Record<string, number>, errors: number, seconds: number): LoadRun => {
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    perSecond: ok / seconds,
    ok,
    failed: latencies.length - ok + errors,
    statuses,
    p50: percentileOrNull(latencies, 50),
    p95: percentileOrNull(latencies, 95),
    p99: percentileOrNull(latencies, 99),
    max: latencies.at(-1) ?? null,
    latencies,
    seconds,
  };
};

/** Several runs of the same load as one: their answers and latencies together over their summed time. */
export const mergeRuns = (runs: readonly LoadRun[]): LoadRun => {
  const statuses: Record<string, number> = {};
  for (const run of runs) for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  const errors = runs.reduce((n, r) => n + r.failed - (r.requests - r.ok), 0);
  return summary(runs.flatMap((r) => r.latencies), statuses, errors, runs.reduce((s, r) => s + r.seconds, 0));
};

/**
 * Loads that are to be compared, measured in turns (each its `seconds` in `slices` turns) after
 * one warm-up each: this machine's speed drifts by a third within a minute, which one run after
 * the other would count as a difference between them.
 */
export const inTurns = async (loads: readonly LoadOptions[], slices: number): Promise<LoadRun[]> => {
  for (const o of loads) if (o.warmupSeconds) await load({ ...o, seconds: o.warmupSeconds, warmupSeconds: 0 });
  const parts: LoadRun[][] = loads.map(() => []);
  for (let i = 0; i < slices; i++) {
    for (const [k, o] of loads.entries()) parts[k]!.push(await load({ ...o, seconds: o.seconds / slices, warmupSeconds: 0 }));
  }
  return parts.map(mergeRuns);
};

/** Cycles through `items` (shuffled once), so concurrent clients ask for different things. */
export const cycle = <T>(items: readonly T[]): (() => T) => {
  if (items.length === 0) throw new Error('nothing to cycle through');
  let i = 0;
  return () => items[i++ % items.length]!;
};
