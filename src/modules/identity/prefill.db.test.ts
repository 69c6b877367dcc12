import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';
import { grantConsent, withdrawConsent } from '../privacy/consents.ts';
import { DEMO_ID_NUMBERS, DEMO_POPULATION_RECORDS } from './population/demo-records.ts';
import { type FakePopulationServer, startFakePopulationServer } from './population/fake-server.ts';
import { PREFILL_PURPOSE } from './population/prefill.ts';

const KEY = 'province-key-for-tests-0001';
const COUNTER_ID = '080301000777';
let db: Db;
let app: FastifyInstance;
let server: FakePopulationServer;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  // congdan's record is known; congdan2's number (seeded too) is not; dan01's comes from the counter.
  server = await startFakePopulationServer({
    records: [DEMO_POPULATION_RECORDS[0]!, { ...DEMO_POPULATION_RECORDS[1]!, soDinhDanh: COUNTER_ID, hoVaTen: 'Công Dân Quầy' }],
    apiKey: KEY,
  });
  app = await buildTestApp(db, { POPULATION_API_URL: server.url, POPULATION_API_KEY: KEY, POPULATION_API_TIMEOUT_MS: '500' });
  for (const u of ['congdan', 'congdan2', 'dan01', 'dan02']) {
    t[u] = await loginAs(app, u);
    ids[u] = (await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [u])).rows[0]!.id;
  }
  await db.query(`INSERT INTO citizen_id_numbers (id_number, user_id, source) VALUES ($1, $2, 'counter')`, [COUNTER_ID, ids.dan01]);
  for (const u of ['congdan', 'congdan2', 'dan01', 'dan02']) await grantConsent(db, ids[u]!, PREFILL_PURPOSE, '2026-01');
});
afterAll(() => server.close());

const prefill = (user?: string, payload: object = {}, on = app) =>
  on.inject({ method: 'POST', url: '/api/me/prefill', headers: user ? bearer(t[user]!) : {}, payload });
const lookupsAudited = async (user: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'population.lookup' AND target_id = $1`, [ids[user]])).rows[0]!.n;

describe('POST /api/me/prefill', () => {
  it('answers the caller’s identity and residence (2025 commune codes and names), audited, not cached', async () => {
    const audited = await lookupsAudited('congdan');
    const res = await prefill('congdan');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      source: 'population-database',
      person: {
        idNumber: DEMO_ID_NUMBERS.congdan,
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-04-12',
        sex: 'Nam',
        permanentResidence: { communeCode: '25459', communeName: 'Phường Tân Ninh', address: 'Số 12, đường Trần Hưng Đạo, khu phố 3' },
        currentResidence: { communeCode: '25480', communeName: 'Phường Bình Minh' },
      },
      fields: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-04-12', idNumber: DEMO_ID_NUMBERS.congdan, sex: 'Nam' },
    });
    expect(body.fields.residence).toBe('Số 45, hẻm 7, đường 30 tháng 4, khu phố 1, Phường Bình Minh, Tỉnh Tây Ninh');
    expect(await lookupsAudited('congdan')).toBe(audited + 1);
  });

  it('uses the ID number the counter recorded from the card when VNeID gave none', async () => {
    const res = await prefill('dan01');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ person: { fullName: 'Công Dân Quầy', idNumber: COUNTER_ID } });
  });

  it('refuses without an active consent (403 consent-required), looking nothing up', async () => {
    await withdrawConsent(db, ids.congdan!, PREFILL_PURPOSE);
    try {
      const lookups = server.lookups();
      const audited = await lookupsAudited('congdan');
      expect(expectProblem(await prefill('congdan'), 403)).toMatchObject({ type: '/problems/consent-required', purpose: PREFILL_PURPOSE });
      expect(server.lookups()).toBe(lookups);
      expect(await lookupsAudited('congdan')).toBe(audited);
    } finally {
      await grantConsent(db, ids.congdan!, PREFILL_PURPOSE, '2026-01');
    }
  });

  it('never takes a number from the request: any body field is refused (400), nothing looked up', async () => {
    const lookups = server.lookups();
    expectProblem(await prefill('congdan', { idNumber: DEMO_ID_NUMBERS.congdan2 }), 400);
    expectProblem(await app.inject({ method: 'POST', url: `/api/me/prefill?idNumber=${COUNTER_ID}`, headers: bearer(t.congdan!), payload: { soDinhDanh: COUNTER_ID } }), 400);
    expect(server.lookups()).toBe(lookups);
  });

  it('answers 422 naming idNumber when the account has no verified ID number', async () => {
    const body = expectProblem(await prefill('dan02'), 422);
    expect(body.errors?.map((e) => e.field)).toEqual(['idNumber']);
  });

  it('answers 404 population-not-found when the database does not know the number (audited)', async () => {
    const audited = await lookupsAudited('congdan2');
    expect(expectProblem(await prefill('congdan2'), 404).type).toBe('/problems/population-not-found');
    expect(await lookupsAudited('congdan2')).toBe(audited + 1);
  });

  it('answers 502 population-unavailable when the database is down or too slow, never 500', async () => {
    server.setDown(true);
    try {
      expect(expectProblem(await prefill('congdan'), 502).type).toBe('/problems/population-unavailable');
    } finally {
      server.setDown(false);
    }
    server.setDelay(900);
    try {
      expect(expectProblem(await prefill('congdan'), 502).type).toBe('/problems/population-unavailable');
    } finally {
      server.setDelay(0);
    }
  });

  it('answers 502 when no population database is configured', async () => {
    const bare = await buildTestApp(db);
    const token = await loginAs(bare, 'congdan');
    const res = await bare.inject({ method: 'POST', url: '/api/me/prefill', headers: bearer(token), payload: {} });
    expect(expectProblem(res, 502).type).toBe('/problems/population-unavailable');
  });

  it('with POPULATION_API_URL=demo runs the built-in demo database', async () => {
    const demo = await buildTestApp(db, { POPULATION_API_URL: 'demo' });
    const token = await loginAs(demo, 'congdan2');
    const res = await demo.inject({ method: 'POST', url: '/api/me/prefill', headers: bearer(token), payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ person: { fullName: 'Trần Thị Bình', sex: 'Nữ', currentResidence: { communeCode: '25486' } } });
  });

  it('is for citizens only: 401 without a session, 403 for staff, nothing looked up', async () => {
    const lookups = server.lookups();
    expectProblem(await prefill(undefined), 401);
    for (const user of ['motcua', 'admin']) {
      const token = await loginAs(app, user);
      const res = await app.inject({ method: 'POST', url: '/api/me/prefill', headers: bearer(token), payload: {} });
      expect(expectProblem(res, 403).type).toBe('/problems/forbidden');
    }
    expect(server.lookups()).toBe(lookups);
  });
});
