import type { BenchContext } from './context.ts';
import { round, roundOrNull, type Figure } from './figures.ts';
import { cycle, failures, load } from './load.ts';
import { filingBody, provinceCommunes } from './submit.ts';

/**
 * The read figures: an officer's queue, the operations-centre dashboard (and how soon a new
 * dossier shows on it), and diacritic-insensitive search of procedures and public reports. Each
 * is measured under load, then for 3 s with one connection (`…_c1`, informative: the latency of
 * the work itself, without queueing for the two cores).
 */
const ALONE_SECONDS = 3;

type Next = () => { method: string; path: string; headers?: Record<string, string> };

/** The p95 of one client alone, in ms. */
const alone = async (url: string, next: Next) => roundOrNull((await load({ url, connections: 1, seconds: ALONE_SECONDS, next })).p95);

/** Officers of the 20 busiest agencies, each reading their own agency's open dossiers page by page. */
export const queueFigures = async (ctx: BenchContext): Promise<Figure[]> => {
  const app = await ctx.app();
  const officers = await ctx.tokens(
    `SELECT u.id, t.agency_id FROM (SELECT agency_id, count(*) AS n FROM dossiers WHERE status IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 20) t
       CROSS JOIN LATERAL (SELECT id FROM users WHERE agency_id = t.agency_id AND 'officer' = ANY (roles) AND disabled_at IS NULL ORDER BY username LIMIT 1) u`,
  );
  if (officers.length === 0) return [{ key: 'queue.p95_ms', value: null, unit: 'ms', target: 30, better: 'lower', note: 'no officer accounts' }];
  const officer = cycle(officers);
  let i = 0;
  const next: Next = () => {
    const o = officer();
    return { method: 'GET', path: `/api/dossiers/queue?agencyId=${o.extra.agency_id}&status=1,2,4,5,6&page=${1 + (i++ % 3)}&pageSize=20`, headers: { authorization: `Bearer ${o.token}` } };
  };
  const run = await load({ url: app.base, connections: 10, seconds: ctx.seconds, warmupSeconds: 2, next });
  return [
    { key: 'queue.p95_ms', value: roundOrNull(run.p95), unit: 'ms', target: 30, better: 'lower', note: failures(run) },
    { key: 'queue.req_per_s', value: Math.round(run.perSecond), unit: 'req/s', target: null, better: 'higher' },
    { key: 'queue.p95_ms_c1', value: await alone(app.base, next), unit: 'ms', target: null, better: 'lower' },
  ];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `GET /api/ioc/overview` for the province leader, 4 at a time (a few leaders' screens); then one
 * new filing, and the seconds until the overview's `dossiers.received` counts it.
 */
export const iocFigures = async (ctx: BenchContext): Promise<Figure[]> => {
  const [app, leader, citizens, communes] = await Promise.all([ctx.app(), ctx.provinceLeader(), ctx.citizens(), provinceCommunes(ctx)]);
  const headers = { authorization: `Bearer ${leader}` };
  const probe = await fetch(`${app.base}/api/ioc/overview`, { headers });
  if (!probe.ok) {
    const note = `GET /api/ioc/overview answered ${probe.status}`;
    return [
      { key: 'ioc.p95_ms', value: null, unit: 'ms', target: 100, better: 'lower', note },
      { key: 'ioc.freshness_s', value: null, unit: 's', target: 60, better: 'lower', note },
    ];
  }
  const overview: Next = () => ({ method: 'GET', path: '/api/ioc/overview', headers });
  const run = await load({ url: app.base, connections: 4, seconds: ctx.seconds, warmupSeconds: 2, next: overview });
  const single = await alone(app.base, overview);

  const received = async () => ((await (await fetch(`${app.base}/api/ioc/overview`, { headers })).json()) as { dossiers: { received: number } }).dossiers.received;
  // Earlier figures filed dossiers too: let their changes settle before counting.
  let before = await received();
  for (let stable = 0; stable < 2; ) {
    await sleep(3000);
    const now = await received();
    stable = now === before ? stable + 1 : 0;
    before = now;
  }
  const filed = await fetch(`${app.base}/api/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${citizens[0]!.token}` },
    body: filingBody(communes[0]!, 1),
  });
  if (filed.status !== 201) throw new Error(`filing for the freshness figure answered ${filed.status}: ${await filed.text()}`);
  const started = performance.now();
  let freshness: number | null = null;
  while (performance.now() - started < 120_000) {
    if ((await received()) > before) {
      freshness = (performance.now() - started) / 1000;
      break;
    }
    await sleep(250);
  }
  return [
    { key: 'ioc.p95_ms', value: roundOrNull(run.p95), unit: 'ms', target: 100, better: 'lower', note: failures(run) },
    { key: 'ioc.freshness_s', value: freshness === null ? null : round(freshness), unit: 's', target: 60, better: 'lower', note: freshness === null ? 'not visible after 120 s' : undefined },
    { key: 'ioc.p95_ms_c1', value: single, unit: 'ms', target: null, better: 'lower' },
  ];
};

const PROCEDURE_TERMS = ['khai sinh', 'chung thuc ban sao', 'ket hon', 'xay dung', 'dat dai', 'cu tru', 'ho kinh doanh', 'giay phep', 'tro cap', 'ly lich tu phap'];
const REPORT_TERMS = ['o ga', 'rac thai', 'den duong', 'ngap', 'lan chiem via he', 'o nhiem', 'tieng on', 'nap cong', 'thuc pham', 'xay dung khong phep'];

/**
 * Words typed without marks: procedures (`/api/procedures?q=`) and public reports
 * (`/api/feedback/public/reports?q=`), half the run each; the figure is the worse p95 of the two.
 */
export const searchFigures = async (ctx: BenchContext): Promise<Figure[]> => {
  const app = await ctx.app();
  const seconds = Math.max(2, Math.round(ctx.seconds / 2));
  const procedureTerm = cycle(PROCEDURE_TERMS);
  const reportTerm = cycle(REPORT_TERMS);
  const procedure: Next = () => ({ method: 'GET', path: `/api/procedures?q=${encodeURIComponent(procedureTerm())}` });
  const report: Next = () => ({ method: 'GET', path: `/api/feedback/public/reports?q=${encodeURIComponent(reportTerm())}` });
  const procedures = await load({ url: app.base, connections: 10, seconds, warmupSeconds: 2, next: procedure });
  const reports = await load({ url: app.base, connections: 10, seconds, warmupSeconds: 2, next: report });
  // The worse of the two: slow report searches answer few requests, so pooling would hide them.
  const worst = procedures.p95 === null || reports.p95 === null ? null : Math.max(procedures.p95, reports.p95);
  const note = [failures(procedures, 'procedures'), failures(reports, 'reports')].filter(Boolean).join('; ') || undefined;
  return [
    { key: 'search.p95_ms', value: roundOrNull(worst), unit: 'ms', target: 50, better: 'lower', note },
    { key: 'search.procedures_p95_ms', value: roundOrNull(procedures.p95), unit: 'ms', target: null, better: 'lower' },
    { key: 'search.reports_p95_ms', value: roundOrNull(reports.p95), unit: 'ms', target: null, better: 'lower' },
    { key: 'search.procedures_p95_ms_c1', value: await alone(app.base, procedure), unit: 'ms', target: null, better: 'lower' },
    { key: 'search.reports_p95_ms_c1', value: await alone(app.base, report), unit: 'ms', target: null, better: 'lower' },
  ];
};
