import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs, testConfig } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { registeredJob } from '../../../platform/jobs/registry.ts';
import { memoryLog } from '../../../platform/jobs/testing.ts';
import { act, fileThroughApi, insertFixtureProcedure } from '../dossiers/testing.ts';
import { deliver, forwardedDossier } from '../intake/testing.ts';
import { portalTime, RECONCILE_QUEUE } from './index.ts';
import { type FakePortal, OK_ANSWER, startFakePortal } from './testing/fake-portal.ts';

/**
 * The daily reconciliation with the national portal: counts per status and each dossier's status
 * compared with what the (fake) portal lists, differences kept per run and shown to officers
 * within their reach; runs on demand (administrators) and from the nightly job.
 */
let db: Db;
let app: FastifyInstance;
let portal: FakePortal;
const t: Record<string, string> = {};
const USERS = ['admin', 'lanhdaotinh', 'motcua', 'chuyenvien', 'cb.sxd.1', 'congdan', 'dangvien'];

type Run = { id: string; from: string; to: string; outcome: string; error: string | null; localCount: number; portalCount: number; localByStatus: Record<string, number>; portalByStatus: Record<string, number>; differenceCount: number; startedBy: string | null; differences: { portalCode: string; kind: string; localStatus: number | null; portalStatus: number | null; agencyCode: string | null }[] };

const runs = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM portal_reconciliations')).rows[0]!.n;
const start = (payload: object, user?: string) => app.inject({ method: 'POST', url: '/api/portal/reconciliations', payload, headers: user ? bearer(t[user]!) : {} });
const read = (path: string, user?: string) => app.inject({ url: `/api/portal/reconciliations${path}`, headers: user ? bearer(t[user]!) : {} });

let from: Date;
let online: { id: string; code: string };
let counter: { id: string; code: string };
let forwarded: { dossierId: string; code: string; nationalCode: string };

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  portal = await startFakePortal();
  app = await buildTestApp(db, { PORTAL_SYNC_URL: portal.url, PORTAL_SYNC_TOKEN: 'tok-rec' });
  for (const u of USERS) t[u] = await loginAs(app, u);
  const procedure = await insertFixtureProcedure(db);
  await app.inject({ method: 'PUT', url: '/api/portal/procedure-map/1.001193', headers: bearer(t.admin!), payload: { procedureCode: procedure } });
  from = new Date(Date.now() - 1000);
  online = await fileThroughApi(app, db, t.congdan!, procedure);
  counter = await fileThroughApi(app, db, t.congdan!, procedure);
  expect((await act(app, t.motcua!, counter.id, 'receive')).statusCode).toBe(200);
  forwarded = (await deliver(app, forwardedDossier({ NgayNopHoSo: portalTime(new Date()) }))).json();
  // The portal: one the same, one at another status, one never received, two it has and we do not.
  const now = portalTime(new Date());
  portal.hold({ MaHoSo: online.code, TrangThaiHoSo: '1', NgayNopHoSo: now, MaDonViXuLy: '000.00.04.H59', MaTTHC: '1.001193' });
  portal.hold({ MaHoSo: counter.code, TrangThaiHoSo: '1', NgayNopHoSo: now, MaDonViXuLy: '000.00.04.H59', MaTTHC: '1.001193' });
  portal.hold({ MaHoSo: 'G22.99-ONLY-THERE-1', TrangThaiHoSo: '1', NgayNopHoSo: now, MaDonViXuLy: '000.00.04.H59', MaTTHC: '1.001193' });
  portal.hold({ MaHoSo: 'G22.99-ONLY-THERE-2', TrangThaiHoSo: '4', NgayNopHoSo: now, MaDonViXuLy: '000.00.06.H59', MaTTHC: '1.000001' });
});
afterAll(() => portal?.close());

describe('/api/portal/reconciliations', () => {
  it('compares counts and statuses with the portal and lists every difference (administrator, on demand)', async () => {
    const res = await start({ from: from.toISOString(), to: new Date(Date.now() + 1000).toISOString() }, 'admin');
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json<Run>();
    expect(run).toMatchObject({ outcome: 'differences', error: null, localCount: 3, portalCount: 4, localByStatus: { 1: 2, 2: 1 }, portalByStatus: { 1: 3, 4: 1 }, differenceCount: 4, startedBy: 'admin' });
    expect(run.differences.map((d) => [d.portalCode, d.kind, d.localStatus, d.portalStatus]).sort()).toEqual(
      [
        [counter.code, 'status-differs', 2, 1],
        [forwarded.nationalCode, 'missing-on-portal', 1, null],
        ['G22.99-ONLY-THERE-1', 'missing-here', null, 1],
        ['G22.99-ONLY-THERE-2', 'missing-here', null, 4],
      ].sort(),
    );
    // The portal was asked for the window, page by page, with the token.
    const asked = portal.requests.filter((r) => r.body.service === 'LayDanhSachHoSoMC').at(-1)!;
    expect(asked.body).toMatchObject({ session: 'tok-rec', madonvi: '000.00.00.H59', data: [{ TuNgay: portalTime(from), TrangSo: 1, SoBanGhi: 500 }] });
  });

  it('shows officers the differences of the agencies they handle or receive for; overseers and administrators all', async () => {
    const all = (await read('/latest', 'lanhdaotinh')).json<Run>();
    expect(all.differences).toHaveLength(4);
    const centre = (await read('/latest', 'motcua')).json<Run>();
    expect(centre.differences.map((d) => d.portalCode).sort()).toEqual([counter.code, forwarded.nationalCode, 'G22.99-ONLY-THERE-1', 'G22.99-ONLY-THERE-2'].sort());
    const justice = (await read(`/${all.id}`, 'chuyenvien')).json<Run>();
    expect(justice.differences.map((d) => d.agencyCode).every((c) => c === '000.00.04.H59')).toBe(true);
    expect(justice.differences).toHaveLength(3);
    const building = (await read('/latest', 'cb.sxd.1')).json<Run>();
    expect(building.differences.map((d) => d.portalCode)).toEqual(['G22.99-ONLY-THERE-2']);
    expect(building.differenceCount).toBe(4);
    const listed = (await read('', 'motcua')).json<{ items: Run[] }>();
    expect(listed.items[0]).toMatchObject({ id: all.id, outcome: 'differences' });
  });

  it('records a failed run when the portal does not answer, and a matched one when both sides agree', async () => {
    portal.respondWith(() => ({ status: 503, body: { message: 'Bảo trì' } }));
    const failed = (await start({ from: from.toISOString() }, 'admin')).json<Run>();
    expect(failed).toMatchObject({ outcome: 'failed', differenceCount: 0, localCount: null });
    expect(failed.error).toMatch(/LayDanhSachHoSoMC.*HTTP 503.*Bảo trì/);
    portal.respondWith(() => OK_ANSWER);
    const empty = (await start({ from: new Date(Date.now() + 60_000).toISOString(), to: new Date(Date.now() + 120_000).toISOString() }, 'admin')).json<Run>();
    expect(empty).toMatchObject({ outcome: 'matched', localCount: 0, portalCount: 0, differences: [] });
    expect((await read('/latest', 'admin')).json<Run>().id).toBe(empty.id);
  });

  it('takes the window to the whole second, as the portal reads filing times: the last second counts on neither side', async () => {
    portal.respondWith(() => OK_ANSWER);
    const filedAt = (await db.query<{ submitted_at: Date }>('SELECT submitted_at FROM dossiers WHERE id = $1', [online.id])).rows[0]!.submitted_at;
    const second = Math.floor(filedAt.getTime() / 1000) * 1000;
    // Ends later in the second the dossier was filed: ours would count it, the portal (to the second) would not.
    const run = (await start({ from: new Date(second - 5000).toISOString(), to: new Date(second + 999).toISOString() }, 'admin')).json<Run>();
    expect(run).toMatchObject({ outcome: 'matched', localCount: 0, portalCount: 0, differences: [], from: new Date(second - 5000).toISOString(), to: new Date(second).toISOString() });
  });

  it('pages through long lists', async () => {
    const now = portalTime(new Date(Date.now() + 5 * 60_000));
    for (let i = 0; i < 1001; i += 1) portal.hold({ MaHoSo: `G22.99-BULK-${String(i).padStart(4, '0')}`, TrangThaiHoSo: '10', NgayNopHoSo: now, MaDonViXuLy: '000.00.04.H59', MaTTHC: '1' });
    const before = portal.requests.length;
    const run = (await start({ from: new Date(Date.now() + 4 * 60_000).toISOString(), to: new Date(Date.now() + 6 * 60_000).toISOString() }, 'admin')).json<Run>();
    expect(run).toMatchObject({ portalCount: 1001, differenceCount: 1001 });
    expect(portal.requests.slice(before).map((r) => (r.body.data![0] as { TrangSo: number }).TrangSo)).toEqual([1, 2, 3]);
  });

  it('refuses a window that ends before it starts or is longer than a year (400), writing nothing', async () => {
    const before = await runs();
    expectProblem(await start({ from: new Date().toISOString(), to: new Date(Date.now() - 1000).toISOString() }, 'admin'), 400);
    expectProblem(await start({ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'admin'), 400);
    expectProblem(await start({ from: 'hôm qua' }, 'admin'), 400);
    expectProblem(await read('/not-a-run', 'admin'), 400);
    expectProblem(await read(`/${uuidv7()}`, 'admin'), 404);
    expect(await runs()).toBe(before);
  });

  it('answers 401 without a session and 403 to roles without the scope, before validation', async () => {
    const before = await runs();
    expectProblem(await read(''), 401);
    expectProblem(await read('/latest'), 401);
    expectProblem(await start({}), 401);
    for (const user of ['congdan', 'dangvien']) {
      expectProblem(await read('', user), 403);
      expectProblem(await read('/latest', user), 403);
    }
    for (const user of ['lanhdaotinh', 'motcua', 'chuyenvien', 'congdan', 'dangvien']) expectProblem(await start({ from: 'bad' }, user), 403);
    expect(await runs()).toBe(before);
  });
});

describe('the nightly job (portal.reconcile)', () => {
  it('runs at 02:30 over the last 30 days; skips outside production without a portal; retries a portal that does not answer', async () => {
    const job = registeredJob(RECONCILE_QUEUE)!;
    expect(job.options.cron).toBe('30 2 * * *');
    const log = memoryLog();
    const ctx = (config = testConfig({ PORTAL_SYNC_URL: portal.url })) => ({
      db, config, log, queue: RECONCILE_QUEUE, jobId: uuidv7(), attempt: 1, isLastAttempt: false, signal: new AbortController().signal,
    });
    const before = await runs();
    await job.handler({}, ctx(testConfig()));
    expect(await runs()).toBe(before);
    expect(log.lines.at(-1)?.msg).toMatch(/skipped/);
    await job.handler({}, ctx());
    const run = (await read('/latest', 'admin')).json<Run>();
    expect(run.startedBy).toBeNull();
    expect(Date.parse(run.to) - Date.parse(run.from)).toBe(30 * 86_400_000);
    portal.respondWith(() => 'hang');
    const hanging = job.handler({}, { ...ctx(), signal: AbortSignal.timeout(300) });
    await expect(hanging).rejects.toThrow(/reconciliation failed/);
    portal.respondWith(() => OK_ANSWER);
  });
});
