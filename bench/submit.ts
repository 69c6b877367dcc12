import type { BenchContext } from './context.ts';
import { round, roundOrNull, type Figure } from './figures.ts';
import { cycle, failures, load } from './load.ts';
import { machineBusyMs } from './machine-cpu.ts';

/**
 * Filing dossiers (`POST /api/dossiers` with `submit: true`): form validation against the
 * procedure's JSON Schema, the day's code, the workflow case, the audit entry, the portal and
 * notice jobs in the outbox — all in one transaction. 300 signed-in citizens file a residence
 * confirmation (commune level, no attachments) in communes across the province, 16 at a time.
 * Sustained: measured after 10 s of the same filing, the time the server takes to reach its
 * steady rate (compiled code, prepared statements and plans on every pooled connection); after
 * the usual 2 s it files a third less.
 */
const CONNECTIONS = 16;
const WARMUP_SECONDS = 10;
export const PROCEDURE = 'cu-tru.xac-nhan';

export const filingBody = (communeCode: string, i: number) =>
  JSON.stringify({
    procedureCode: PROCEDURE,
    submit: true,
    communeCode,
    data: { fullName: 'Nguyễn Văn Bình', idNumber: `0720${String(90_000_000 + (i % 9_999_999)).padStart(8, '0')}`, content: 'Thông tin thường trú', purpose: 'Bổ sung hồ sơ xin việc' },
  });

export const provinceCommunes = async (ctx: BenchContext): Promise<string[]> => {
  const { db } = await ctx.database();
  const { rows } = await db.query<{ commune_code: string }>("SELECT commune_code FROM agencies WHERE kind = 'commune_committee' AND commune_code IS NOT NULL ORDER BY code");
  return rows.map((r) => r.commune_code);
};

/** Jobs waiting: outbox rows not yet relayed, and pg-boss jobs not yet run (or waiting for a retry). */
const pendingJobs = async (ctx: BenchContext): Promise<number> => {
  const { db } = await ctx.database();
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM job_outbox)::int + (SELECT count(*) FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now())::int AS n`,
  );
  return rows[0]!.n;
};

/**
 * How long the notices and portal pushes of the filings take to run out after the load stops
 * (the workers run in the app): measured, and waited for, so that the figures after this one
 * are not measured beside a backlog. Gives up after DRAIN_LIMIT_S (null: not drained).
 */
const DRAIN_LIMIT_S = 300;
const drainSeconds = async (ctx: BenchContext): Promise<number | null> => {
  const started = performance.now();
  while (performance.now() - started < DRAIN_LIMIT_S * 1000) {
    if ((await pendingJobs(ctx)) === 0) return round((performance.now() - started) / 1000);
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
};

const MACHINE_CPU_NOTE = 'the whole machine (app, PostgreSQL, jobs, load generator) from the measured run to its jobs run out, per dossier filed in the run';

export const submitFigures = async (ctx: BenchContext): Promise<Figure[]> => {
  const [app, citizens, communes] = await Promise.all([ctx.app(), ctx.citizens(), provinceCommunes(ctx)]);
  const citizen = cycle(citizens);
  const commune = cycle(communes);
  let i = 0;
  const filing = {
    url: app.base,
    connections: CONNECTIONS,
    next: () => ({
      method: 'POST',
      path: '/api/dossiers',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen().token}` },
      body: filingBody(commune(), i++),
    }),
  };
  await load({ ...filing, seconds: WARMUP_SECONDS });
  const busyBefore = await machineBusyMs();
  const run = await load({ ...filing, seconds: ctx.seconds });
  const drained = await drainSeconds(ctx);
  const busyAfter = await machineBusyMs();
  const cpuPerFiling = busyBefore !== null && busyAfter !== null && run.ok > 0 ? (busyAfter - busyBefore) / run.ok : null;
  return [
    { key: 'submit.per_s', value: Math.round(run.perSecond), unit: 'dossiers/s', target: 400, better: 'higher', note: failures(run) },
    { key: 'submit.p99_ms', value: roundOrNull(run.p99), unit: 'ms', target: 100, better: 'lower' },
    { key: 'submit.p50_ms', value: roundOrNull(run.p50), unit: 'ms', target: null, better: 'lower' },
    { key: 'submit.jobs_drain_s', value: drained, unit: 's', target: null, better: 'lower' },
    { key: 'submit.cpu_ms', value: roundOrNull(cpuPerFiling, 2), unit: 'ms CPU/dossier', target: null, better: 'lower', note: MACHINE_CPU_NOTE },
  ];
};
