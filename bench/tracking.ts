import type { BenchContext } from './context.ts';
import { round, roundOrNull, type Figure } from './figures.ts';
import { cycle, failures, inTurns, type LoadRun } from './load.ts';

/**
 * Public tracking by code (`GET /api/public/dossiers/{code}`) against the baseline (the same
 * query behind a bare Fastify route, baseline-server.ts), at 10 and 50 connections, on codes
 * drawn from the whole year. The ratio is the lower of the two concurrencies' (target ≥ 0.7).
 * The app and the baseline are loaded in turns (SLICES each), so that a change of the machine's
 * speed during the run reaches both.
 */
const CONNECTIONS = [10, 50] as const;
const SLICES = 5;
/**
 * Load before measuring, for each server and concurrency: measured in one-second steps from a
 * fresh start, both servers' JIT took 6–10 s at 10 connections to reach their steady speed (the
 * app's larger code the longer), and 3 s of warm-up counted the app's tail of it in its figure.
 */
const WARMUP_SECONDS = 10;

const sampleCodes = async (ctx: BenchContext): Promise<string[]> => {
  const { db } = await ctx.database();
  const { rows } = await db.query<{ code: string }>('SELECT code FROM dossiers WHERE code IS NOT NULL ORDER BY md5(code) LIMIT 5000');
  return rows.map((r) => r.code);
};

export const trackingFigures = async (ctx: BenchContext): Promise<Figure[]> => {
  // The app first and alone: its start is the `server.ready_s` figure, not a race with the baseline's.
  const app = await ctx.app();
  const [baseline, codes] = await Promise.all([ctx.baseline(), sampleCodes(ctx)]);
  const runs = new Map<string, LoadRun>();
  for (const connections of CONNECTIONS) {
    const next = cycle(codes);
    const o = { connections, seconds: ctx.seconds, warmupSeconds: WARMUP_SECONDS };
    const [appRun, baseRun] = await inTurns([
      { ...o, url: app.base, next: () => ({ method: 'GET', path: `/api/public/dossiers/${next()}` }) },
      { ...o, url: baseline.base, next: () => ({ method: 'GET', path: `/track/${next()}` }) },
    ], Math.max(1, Math.min(SLICES, Math.floor(ctx.seconds))));
    runs.set(`app${connections}`, appRun!);
    runs.set(`base${connections}`, baseRun!);
  }
  const r = (k: string) => runs.get(k)!;
  const note = [...runs].map(([k, run]) => failures(run, k)).filter(Boolean).join('; ') || undefined;
  const ratio = Math.min(...CONNECTIONS.map((c) => r(`app${c}`).perSecond / Math.max(r(`base${c}`).perSecond, 1)));
  const rps = (k: string) => Math.round(r(k).perSecond);
  return [
    { key: 'tracking.ratio_to_baseline', value: round(ratio, 2), unit: '× baseline req/s', target: 0.7, better: 'higher', note },
    { key: 'tracking.p99_ms_c10', value: roundOrNull(r('app10').p99), unit: 'ms', target: 25, better: 'lower' },
    { key: 'tracking.req_per_s_c10', value: rps('app10'), unit: 'req/s', target: null, better: 'higher' },
    { key: 'tracking.req_per_s_c50', value: rps('app50'), unit: 'req/s', target: null, better: 'higher' },
    { key: 'tracking.p99_ms_c50', value: roundOrNull(r('app50').p99), unit: 'ms', target: null, better: 'lower' },
    { key: 'tracking.baseline_req_per_s_c10', value: rps('base10'), unit: 'req/s', target: null, better: 'higher' },
    { key: 'tracking.baseline_req_per_s_c50', value: rps('base50'), unit: 'req/s', target: null, better: 'higher' },
    { key: 'tracking.baseline_p99_ms_c10', value: roundOrNull(r('base10').p99), unit: 'ms', target: null, better: 'lower' },
  ];
};
