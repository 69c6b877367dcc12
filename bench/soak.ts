import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Options, type Request } from 'autocannon';
import { BenchContext } from './context.ts';
import { round } from './figures.ts';
import { cycle, percentile } from './load.ts';
import { filingBody, provinceCommunes } from './submit.ts';

/**
 * `npm run soak [-- --minutes 10] [--scale S] [--fresh]` (not in CI): the app (`tinhso serve`, as
 * the bench starts it, on the bench's generated province) under mixed traffic — public search and
 * tracking, citizens reading and filing, officers' queues, the leaders' dashboard — first as fast
 * as it goes (the capacity), then at half that rate for the soak. Passes with no failed request
 * and the server's resident memory growing less than 10 % from the soak's first minute to its last.
 * Figures go to bench/soak.json.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    scale: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const CONNECTIONS = 16;
const CAPACITY_SECONDS = 20;
const RSS_EVERY_MS = 5_000;
const log = (m: string) => console.error(m);

type Mix = { weight: number; next: () => Request }[];

const trafficMix = async (ctx: BenchContext): Promise<Mix> => {
  const { db } = await ctx.database();
  const column = async (sql: string) => (await db.query<{ v: string }>(sql)).rows.map((r) => r.v);
  const [codes, procedures, communes, citizens, leader] = await Promise.all([
    column('SELECT code AS v FROM dossiers WHERE code IS NOT NULL ORDER BY md5(code) LIMIT 2000'),
    column('SELECT name AS v FROM procedures ORDER BY code LIMIT 50'),
    provinceCommunes(ctx),
    ctx.citizens(),
    ctx.provinceLeader(),
  ]);
  const officers = await ctx.tokens(
    `SELECT u.id FROM (SELECT agency_id FROM dossiers WHERE status IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 10) t
       CROSS JOIN LATERAL (SELECT id FROM users WHERE agency_id = t.agency_id AND 'officer' = ANY (roles) AND disabled_at IS NULL ORDER BY username LIMIT 1) u`,
  );
  const [code, words, commune, citizen, officer] = [cycle(codes), cycle(procedures.map((p) => p.split(' ').slice(0, 3).join(' '))), cycle(communes), cycle(citizens), cycle(officers)];
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let filed = 0;
  return [
    { weight: 20, next: () => ({ method: 'GET', path: `/api/public/dossiers/${code()}` }) },
    { weight: 15, next: () => ({ method: 'GET', path: `/api/procedures?q=${encodeURIComponent(words())}` }) },
    { weight: 5, next: () => ({ method: 'GET', path: '/api/calendar/add?from=2026-02-13&days=10' }) },
    { weight: 15, next: () => ({ method: 'GET', path: '/api/dossiers?pageSize=10', headers: auth(citizen().token) }) },
    { weight: 10, next: () => ({ method: 'GET', path: '/api/notifications?limit=10', headers: auth(citizen().token) }) },
    {
      weight: 15,
      next: () => ({ method: 'POST', path: '/api/dossiers', headers: { ...auth(citizen().token), 'content-type': 'application/json' }, body: filingBody(commune(), filed++) }),
    },
    { weight: 15, next: () => ({ method: 'GET', path: '/api/dossiers/queue?status=1,2,4&pageSize=20', headers: auth(officer().token) }) },
    { weight: 5, next: () => ({ method: 'GET', path: '/api/ioc/overview', headers: auth(leader) }) },
  ];
};

const pick = (mix: Mix): Request => {
  const total = mix.reduce((n, m) => n + m.weight, 0);
  let roll = Math.random() * total;
  for (const m of mix) if ((roll -= m.weight) < 0) return m.next();
  return mix[0]!.next();
};

type Run = { seconds: number; ok: number; failed: number; statuses: Record<string, number>; latencies: number[] };

/** Mixed traffic for `seconds`: as fast as `CONNECTIONS` clients go, or at `rate` requests/s overall. */
const drive = async (url: string, mix: Mix, seconds: number, rate?: number, onTick?: () => void): Promise<Run> => {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const options: Options & { overallRate?: number } = { url, connections: CONNECTIONS, duration: seconds, requests: [{ setupRequest: (r) => ({ ...r, ...pick(mix) }) }], ...(rate ? { overallRate: rate } : {}) };
  const instance = autocannon(options);
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    latencies.push(ms);
  });
  const ticker = onTick ? setInterval(onTick, RSS_EVERY_MS) : undefined;
  const result = await instance;
  clearInterval(ticker);
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return { seconds: result.duration, ok, failed: latencies.length - ok + result.errors + result.timeouts, statuses, latencies };
};

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

const ctx = new BenchContext({ scale: Number(values.scale), seed: Number(values.seed), fresh: values.fresh, seconds: CAPACITY_SECONDS, log });
try {
  const app = await ctx.app();
  const mix = await trafficMix(ctx);
  log(`capacity: ${CONNECTIONS} clients for ${CAPACITY_SECONDS} s`);
  await drive(app.base, mix, 3);
  const burst = await drive(app.base, mix, CAPACITY_SECONDS);
  const capacity = burst.ok / burst.seconds;
  const rate = Math.max(1, Math.floor(capacity / 2));
  log(`capacity ${Math.round(capacity)} req/s (${burst.failed} failed); soaking at ${rate} req/s for ${minutes} min`);

  const rss: { at: number; mb: number }[] = [];
  const started = Date.now();
  const sample = () => rss.push({ at: (Date.now() - started) / 1000, mb: app.rss() });
  sample();
  const soak = await drive(app.base, mix, Math.round(minutes * 60), rate, sample);
  sample();
  const window = Math.min(60, (minutes * 60) / 4);
  const first = mean(rss.filter((s) => s.at <= window).map((s) => s.mb));
  const last = mean(rss.filter((s) => s.at >= minutes * 60 - window).map((s) => s.mb));
  const growth = ((last - first) / first) * 100;
  const pass = soak.failed === 0 && burst.failed === 0 && growth < 10;

  const figures = {
    at: new Date().toISOString(),
    scale: Number(values.scale),
    machine: { cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30), cpu: os.cpus()[0]?.model, node: process.version },
    capacity_req_per_s: Math.round(capacity),
    capacity_failed: burst.failed,
    soak_rate_req_per_s: rate,
    soak_minutes: minutes,
    requests: soak.ok + soak.failed,
    failed: soak.failed,
    statuses: soak.statuses,
    achieved_req_per_s: round(soak.ok / soak.seconds),
    p50_ms: round(percentile(soak.latencies, 50)),
    p95_ms: round(percentile(soak.latencies, 95)),
    p99_ms: round(percentile(soak.latencies, 99)),
    rss_first_minute_mb: round(first),
    rss_last_minute_mb: round(last),
    rss_peak_mb: round(app.peakRssMb()),
    rss_growth_pct: round(growth),
    rss_samples: rss.map((s) => [Math.round(s.at), round(s.mb)]),
    targets: { failed: 0, rss_growth_pct: '< 10' },
    pass,
  };
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'soak.json');
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`soak ${pass ? 'passed' : 'FAILED'}: ${figures.requests} requests at ${figures.achieved_req_per_s} req/s, ${soak.failed} failed, p99 ${figures.p99_ms} ms, RSS ${figures.rss_first_minute_mb} → ${figures.rss_last_minute_mb} MB (${figures.rss_growth_pct} %); written ${path.relative(process.cwd(), file)}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  await ctx.close();
}
