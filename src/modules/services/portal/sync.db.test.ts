import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs, testConfig } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Config } from '../../../platform/config/index.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import { type Db, withTransaction } from '../../../platform/db/pool.ts';
import { type JobContext, type JobsRuntime, PermanentJobError, startJobs } from '../../../platform/jobs/index.ts';
import { FAST_JOBS, FAST_RETRIES, memoryLog, waitFor } from '../../../platform/jobs/testing.ts';
import { enqueuePortalSync, PORTAL_SYNC_QUEUE, syncDossierJob } from './index.ts';
import { nextSyncVersion } from './sync-store.ts';
import { type FakePortal, OK_ANSWER, startFakePortal } from './testing/fake-portal.ts';
import { sampleSnapshot } from './testing/snapshot.ts';

const TOKEN = 'tok-portal-123';
const codeOf = (n: number) => `000.00.04.H59-261123-${String(9000 + n)}`;
type DeadItem = { id: string; dossierCode: string; status: number; attempts: number; error: string; superseded: boolean; retriedBy: string | null };

describe('national portal sync (portal.sync-dossier) against a local portal', () => {
  let db: Db;
  let app: FastifyInstance;
  let admin: string;
  let portal: FakePortal;
  let jobs: JobsRuntime;
  let config: Config;
  const log = memoryLog();

  beforeAll(async () => {
    ({ db } = await createTestDb('demo'));
    portal = await startFakePortal();
    config = testConfig({ PORTAL_SYNC_URL: portal.url, PORTAL_SYNC_TOKEN: TOKEN });
    jobs = await startJobs(db, config, log, { ...FAST_JOBS, overrides: { [PORTAL_SYNC_QUEUE]: { retryLimit: 2, ...FAST_RETRIES } } });
    app = await buildTestApp(db);
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => {
    await jobs?.stop();
    await portal?.close();
  });

  const state = async (id: string) =>
    (await db.query('SELECT last_enqueued, last_delivered, known_to_portal, steps_delivered FROM portal_sync_state WHERE dossier_id = $1', [id])).rows[0];
  const logOf = async (id: string) =>
    (await db.query('SELECT version, service, attempt, outcome, ok, response_code FROM portal_sync_log WHERE dossier_id = $1 ORDER BY id', [id])).rows;
  const delivered = (id: string, version: number) => waitFor(async () => (await state(id))?.last_delivered === version, 15_000, `delivery of v${version}`);
  const deadLetters = async (query = '') =>
    (await app.inject({ method: 'GET', url: `/api/portal/dead-letters${query}`, headers: bearer(admin) })).json<{ items: DeadItem[] }>().items;
  const ctxFor = (over: Partial<JobContext> = {}): JobContext => ({
    db, config, log, queue: PORTAL_SYNC_QUEUE, jobId: uuidv7(), attempt: 1, isLastAttempt: false, signal: new AbortController().signal, ...over,
  });

  it('delivers a new dossier with its fields and the token, then its processing steps', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(1) });
    expect(await withTransaction(db, (tx) => enqueuePortalSync(tx, snapshot))).toEqual({ version: 1 });
    await delivered(snapshot.id, 1);
    const [push, progress] = portal.requestsFor(codeOf(1));
    expect(push!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(push!.body).toMatchObject({ session: TOKEN, madonvi: '000.00.00.H59', service: 'DongBoHoSoMC', isUpdating: false });
    expect(push!.body.data).toHaveLength(1);
    expect(push!.body.data![0]).toMatchObject({
      MaHoSo: codeOf(1), MaTTHC: '1.001193', LoaiDoiTuong: '1', TrangThaiHoSo: '2', NgayTiepNhan: '20261123101500',
      NgayHenTra: '20261125100000', HinhThuc: '1', DonViXuLy: 'Sở Tư pháp',
      TaiLieuNop: [expect.objectContaining({ MaThanhPhanHoSo: 'TK' }), expect.objectContaining({ MaThanhPhanHoSo: 'GCS' })],
      DanhSachLePhi: [expect.objectContaining({ Gia: 8000 })],
    });
    expect(progress!.body.service).toBe('CapNhatTienDoHoSoMC');
    expect(progress!.body.data!.map((s) => s.TrangThai)).toEqual(['1', '2']);
    expect(await state(snapshot.id)).toEqual({ last_enqueued: 1, last_delivered: 1, known_to_portal: true, steps_delivered: 2 });
    expect(await logOf(snapshot.id)).toEqual([
      { version: 1, service: 'DongBoHoSoMC', attempt: 1, outcome: 'delivered', ok: true, response_code: 200 },
      { version: 1, service: 'CapNhatTienDoHoSoMC', attempt: 1, outcome: 'delivered', ok: true, response_code: 200 },
    ]);

    // The next status is an update, with only the step the portal lacks.
    const next = { ...snapshot, status: 4, steps: [...snapshot.steps!, { at: new Date('2026-11-24T01:00:00Z'), action: 'Phân công xử lý', status: 4 }] };
    await withTransaction(db, (tx) => enqueuePortalSync(tx, next));
    await delivered(snapshot.id, 2);
    const [push2, progress2] = portal.requestsFor(codeOf(1)).slice(2);
    expect(push2!.body).toMatchObject({ isUpdating: true, data: [expect.objectContaining({ TrangThaiHoSo: '4' })] });
    expect(progress2!.body.data!.map((s) => s.NoiDungXuLy)).toEqual(['Phân công xử lý']);
  });

  it('retries after the portal answers 500, and delivers on the next try', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(2) });
    let failed = false;
    portal.respondWith((req) => (req.body.data?.[0]?.MaHoSo === codeOf(2) && !failed ? ((failed = true), { status: 500, body: { message: 'Quá tải' } }) : OK_ANSWER));
    await withTransaction(db, (tx) => enqueuePortalSync(tx, snapshot));
    await delivered(snapshot.id, 1);
    portal.respondWith(() => OK_ANSWER);
    expect((await logOf(snapshot.id)).map((r) => [r.attempt, r.service, r.outcome, r.response_code])).toEqual([
      [1, 'DongBoHoSoMC', 'failed', 500],
      [2, 'DongBoHoSoMC', 'delivered', 200],
      [2, 'CapNhatTienDoHoSoMC', 'delivered', 200],
    ]);
    expect((await deadLetters('?state=all')).filter((d) => d.dossierCode === codeOf(2))).toEqual([]);
  });

  it('dead-letters a push the portal refuses every time; the view shows it and a retry delivers it once the portal is up', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(3) });
    portal.respondWith((req) => (req.body.data?.[0]?.MaHoSo === codeOf(3) ? { status: 503, body: { message: 'Bảo trì' } } : OK_ANSWER));
    await withTransaction(db, (tx) => enqueuePortalSync(tx, snapshot));
    const dead = await waitFor(async () => (await deadLetters()).find((d) => d.dossierCode === codeOf(3)), 20_000, 'the dead letter');
    expect(dead).toMatchObject({ status: 2, attempts: 3, superseded: false, retriedBy: null });
    expect(dead.error).toMatch(/HTTP 503.*Bảo trì/);
    expect(portal.requestsFor(codeOf(3))).toHaveLength(3);
    expect((await state(snapshot.id))?.last_delivered).toBe(0);

    portal.respondWith(() => OK_ANSWER);
    const retry = await app.inject({ method: 'POST', url: `/api/portal/dead-letters/${dead.id}/retry`, headers: bearer(admin) });
    expect(retry.statusCode, retry.body).toBe(202);
    await delivered(snapshot.id, 1);
    expect((await deadLetters()).find((d) => d.dossierCode === codeOf(3))).toBeUndefined();
    expect((await deadLetters('?state=retried')).find((d) => d.id === dead.id)).toMatchObject({ retriedBy: 'admin', superseded: true });
    expect((await logOf(snapshot.id)).at(-2)).toMatchObject({ attempt: 1, outcome: 'delivered', service: 'DongBoHoSoMC' });
  });

  it('sends the same status twice without losing or duplicating anything', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(4) });
    await withTransaction(db, (tx) => enqueuePortalSync(tx, snapshot));
    await withTransaction(db, (tx) => enqueuePortalSync(tx, snapshot));
    await delivered(snapshot.id, 2);
    const requests = portal.requestsFor(codeOf(4));
    const pushes = requests.filter((r) => r.body.service === 'DongBoHoSoMC');
    expect(pushes.length).toBeGreaterThanOrEqual(1);
    expect(pushes.every((r) => r.body.data![0]!.TrangThaiHoSo === '2')).toBe(true);
    const steps = requests.filter((r) => r.body.service === 'CapNhatTienDoHoSoMC').flatMap((r) => r.body.data!);
    expect(steps).toHaveLength(2);
    expect((await deadLetters('?state=all')).filter((d) => d.dossierCode === codeOf(4))).toEqual([]);
  });

  it('drops a push older than what the portal already has, without calling it', async () => {
    const older = sampleSnapshot({ code: codeOf(5), status: 2 });
    const newer = { ...older, status: 4 };
    await withTransaction(db, async (tx) => {
      await nextSyncVersion(tx, older.id);
      await nextSyncVersion(tx, older.id);
    });
    expect(await syncDossierJob({ version: 2, snapshot: newer }, ctxFor())).toBe('delivered');
    const before = portal.requestsFor(codeOf(5)).length;
    expect(await syncDossierJob({ version: 1, snapshot: older }, ctxFor({ attempt: 4 }))).toBe('superseded');
    expect(portal.requestsFor(codeOf(5))).toHaveLength(before);
    expect((await logOf(older.id)).at(-1)).toMatchObject({ version: 1, outcome: 'superseded', service: null });
    expect(await state(older.id)).toMatchObject({ last_delivered: 2 });
  });

  it('delivers a dossier without a sync state yet (one filed before the sync existed) and starts its state', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(9) });
    expect(await state(snapshot.id)).toBeUndefined();
    expect(await syncDossierJob({ version: 1, snapshot }, ctxFor())).toBe('delivered');
    expect(await state(snapshot.id)).toEqual({ last_enqueued: 1, last_delivered: 1, known_to_portal: true, steps_delivered: 2 });
    expect((await logOf(snapshot.id)).map((l: { service: string; outcome: string }) => [l.service, l.outcome])).toEqual([
      ['DongBoHoSoMC', 'delivered'],
      ['CapNhatTienDoHoSoMC', 'delivered'],
    ]);
  });

  it('without PORTAL_SYNC_URL: skips and keeps the payload outside production, fails (to be retried) in production', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(6) });
    await withTransaction(db, (tx) => nextSyncVersion(tx, snapshot.id));
    const dev = testConfig();
    expect(await syncDossierJob({ version: 1, snapshot }, ctxFor({ config: dev }))).toBe('skipped');
    const kept = await db.query(`SELECT outcome, request FROM portal_sync_log WHERE dossier_id = $1`, [snapshot.id]);
    expect(kept.rows[0].outcome).toBe('skipped');
    expect(kept.rows[0].request.calls[0]).toMatchObject({ service: 'DongBoHoSoMC', data: [expect.objectContaining({ MaHoSo: codeOf(6) })] });
    expect(JSON.stringify(kept.rows[0].request)).not.toContain(TOKEN);

    const production = { ...dev, isProduction: true };
    await expect(syncDossierJob({ version: 1, snapshot }, ctxFor({ config: production }))).rejects.toThrow(/not configured/);
    expect(portal.requestsFor(codeOf(6))).toEqual([]);
    expect((await state(snapshot.id))?.last_delivered).toBe(0);
  });

  it('sends a payload the portal rejects as malformed (400) straight to the dead letters', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(7) });
    await withTransaction(db, (tx) => nextSyncVersion(tx, snapshot.id));
    portal.respondWith(() => ({ status: 400, body: { message: 'MaTTHC không hợp lệ' } }));
    const run = syncDossierJob({ version: 1, snapshot }, ctxFor());
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run).rejects.toThrow(/HTTP 400.*MaTTHC không hợp lệ/);
    portal.respondWith(() => OK_ANSWER);
    await expect(syncDossierJob({ version: 1, snapshot: { ...snapshot, code: '' } }, ctxFor())).rejects.toBeInstanceOf(PermanentJobError);
  });

  it('enqueues nothing when the change rolls back, and refuses a snapshot that is not complete', async () => {
    const snapshot = sampleSnapshot({ code: codeOf(8) });
    await expect(withTransaction(db, async (tx) => {
      await enqueuePortalSync(tx, snapshot);
      throw new Error('status change refused');
    })).rejects.toThrow('status change refused');
    await expect(withTransaction(db, (tx) => enqueuePortalSync(tx, { ...snapshot, agencyCode: 'Sở Tư pháp' }))).rejects.toThrow(/agencyCode/);
    expect(await state(snapshot.id)).toBeUndefined();
    const outbox = await db.query(`SELECT count(*)::int AS n FROM job_outbox WHERE payload->'snapshot'->>'id' = $1`, [snapshot.id]);
    expect(outbox.rows[0].n).toBe(0);
    await jobs.relayNow();
    expect(portal.requestsFor(codeOf(8))).toEqual([]);
  });
});
