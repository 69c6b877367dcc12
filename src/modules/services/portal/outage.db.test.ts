import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs, testConfig } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { type JobsRuntime, startJobs } from '../../../platform/jobs/index.ts';
import { registeredJob } from '../../../platform/jobs/registry.ts';
import { FAST_JOBS, FAST_RETRIES, memoryLog, waitFor } from '../../../platform/jobs/testing.ts';
import { act, fileOwnedBy, fileThroughApi, insertFixtureProcedure, userIdOf, VALID_DATA } from '../dossiers/testing.ts';
import { deliver, forwardedDossier } from '../intake/testing.ts';
import { PORTAL_SYNC_QUEUE, portalTime } from './index.ts';
import { type FakePortal, OK_ANSWER, startFakePortal } from './testing/fake-portal.ts';
import { earliestAttemptTimes, outageResponder } from './testing/outage.ts';

/**
 * The national portal down for an hour (issue 11): every change made meanwhile — online, counter
 * and forwarded dossiers, their receipt and assignment — reaches the portal afterwards in its
 * latest state; nothing is lost, nothing lands in the dead letters; the reconciliation fails while
 * the portal is down and matches after. Time is simulated: the sync queue keeps its registered
 * retries (8), and the portal fails each push for as long as the shortest retry schedule pg-boss
 * may draw stays inside the hour (the queue's waits are set to zero so the test takes seconds).
 */
const OUTAGE_SECONDS = 3600;
let db: Db;
let app: FastifyInstance;
let portal: FakePortal;
let jobs: JobsRuntime;
let attemptTimes: number[];
const t: Record<string, string> = {};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  portal = await startFakePortal();
  const settings = { PORTAL_SYNC_URL: portal.url, PORTAL_SYNC_TOKEN: 'tok-outage' };
  attemptTimes = earliestAttemptTimes(registeredJob(PORTAL_SYNC_QUEUE)!.options);
  jobs = await startJobs(db, testConfig(settings), memoryLog(), { ...FAST_JOBS, overrides: { [PORTAL_SYNC_QUEUE]: { ...FAST_RETRIES } } });
  app = await buildTestApp(db, settings);
  for (const u of ['admin', 'congdan', 'motcua']) t[u] = await loginAs(app, u);
});
afterAll(async () => {
  await jobs?.stop();
  await portal?.close();
});

describe('the national portal down for an hour', () => {
  it('is ridden out by the sync queue’s registered retries, even on the shortest schedule', () => {
    const duringOutage = attemptTimes.filter((s) => s < OUTAGE_SECONDS).length;
    expect(duringOutage).toBe(7);
    expect(attemptTimes.length).toBeGreaterThan(duringOutage);
  });

  it('loses nothing: every change made meanwhile reaches the portal after, in its latest state; reconciliation then matches', { timeout: 180_000 }, async () => {
    const down = outageResponder(attemptTimes, OUTAGE_SECONDS);
    let listing = false;
    portal.respondWith((request, index) => (request.body.service === 'LayDanhSachHoSoMC' ? (listing ? OK_ANSWER : { status: 503, body: { message: 'Bảo trì' } }) : down(request, index)));
    const from = new Date(Date.now() - 1000);

    // While it is down: an online dossier received and assigned, a counter dossier, two forwarded ones (one received).
    const procedure = await insertFixtureProcedure(db);
    await app.inject({ method: 'PUT', url: '/api/portal/procedure-map/1.001193', headers: bearer(t.admin!), payload: { procedureCode: procedure } });
    const online = await fileThroughApi(app, db, t.congdan!, procedure);
    expect((await act(app, t.motcua!, online.id, 'receive')).statusCode).toBe(200);
    expect((await act(app, t.motcua!, online.id, 'assign', { data: { assigneeId: await userIdOf(db, 'chuyenvien') } })).statusCode).toBe(200);
    const officer = await userIdOf(db, 'motcua');
    const counter = await app.inject({
      method: 'POST',
      url: '/api/intake/counter/dossiers',
      headers: bearer(t.motcua!),
      payload: {
        citizenId: await userIdOf(db, 'congdan'),
        procedureCode: procedure,
        data: VALID_DATA,
        documents: [{ code: 'to-khai', fileId: await fileOwnedBy(db, officer) }, { code: 'can-cuoc', fileId: await fileOwnedBy(db, officer) }],
      },
    });
    expect(counter.statusCode, counter.body).toBe(201);
    const now = portalTime(new Date());
    const first = (await deliver(app, forwardedDossier({ NgayNopHoSo: now }))).json();
    const second = (await deliver(app, forwardedDossier({ NgayNopHoSo: now, ChuHoSo: { HoTen: 'Mai Văn Bảy', SoDienThoai: '0912000777' } }))).json();
    expect((await act(app, t.motcua!, first.dossierId, 'receive')).statusCode).toBe(200);
    const during = await app.inject({ method: 'POST', url: '/api/portal/reconciliations', headers: bearer(t.admin!), payload: { from: from.toISOString() } });
    expect(during.json()).toMatchObject({ outcome: 'failed' });

    const ids = [online.id, counter.json().id, first.dossierId, second.dossierId];
    const state = async () =>
      (await db.query<{ dossier_id: string; last_enqueued: number; last_delivered: number }>('SELECT dossier_id, last_enqueued, last_delivered FROM portal_sync_state WHERE dossier_id = ANY($1)', [ids])).rows;
    await waitFor(async () => {
      const rows = await state();
      return rows.length === ids.length && rows.every((r) => r.last_enqueued > 0 && r.last_delivered === r.last_enqueued);
    }, 150_000, 'every dossier delivered in its latest version');

    // Nothing dead-lettered; each latest push failed all through the hour, then went through.
    const dead = await db.query(`SELECT 1 FROM job_dead_letters WHERE queue = $1 AND payload->'snapshot'->>'id' = ANY($2)`, [PORTAL_SYNC_QUEUE, ids]);
    expect(dead.rowCount).toBe(0);
    for (const r of await state()) {
      const log = (await db.query(
        `SELECT attempt, outcome FROM portal_sync_log WHERE dossier_id = $1 AND version = $2 AND service = 'DongBoHoSoMC' ORDER BY id`,
        [r.dossier_id, r.last_enqueued],
      )).rows;
      expect(log.filter((l) => l.outcome === 'failed')).toHaveLength(7);
      expect(log.at(-1)).toEqual({ attempt: 8, outcome: 'delivered' });
    }
    // The portal holds each dossier at our status, under the code it knows it by.
    const ours = (await db.query<{ code: string; national_code: string | null; status: number }>('SELECT code, national_code, status FROM dossiers WHERE id = ANY($1)', [ids])).rows;
    expect(ours.map((d) => portal.dossiers.get(d.national_code ?? d.code)?.TrangThaiHoSo)).toEqual(ours.map((d) => String(d.status)));
    expect(ours.map((d) => d.status).sort()).toEqual([1, 2, 2, 4]);

    listing = true;
    // The window ends now, to the second, as the portal reads it: let the second of the last filing pass.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const after = await app.inject({ method: 'POST', url: '/api/portal/reconciliations', headers: bearer(t.admin!), payload: { from: from.toISOString() } });
    expect(after.json()).toMatchObject({ outcome: 'matched', localCount: 4, portalCount: 4, differences: [] });
  });
});
