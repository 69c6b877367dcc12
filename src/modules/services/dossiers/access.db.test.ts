import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { act, fileThroughApi, insertFixtureProcedure } from './testing.ts';

/**
 * Every dossier endpoint × role: 401 without a session, 403 for roles without the scope (before
 * validation), 404 for a dossier outside the caller's reach (another citizen's, another agency's).
 */
let db: Db;
let app: FastifyInstance;
const t: Record<string, string> = {};
let dossier: { id: string; code: string };
let draftId: string;
let construction: { id: string; code: string };

const USERS = ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'admin', 'dangvien', 'cb.sxd.1', 'cb.xa01', 'cb.cn-ta.1'];
const get = (url: string, user?: string) => app.inject({ method: 'GET', url, headers: user ? bearer(t[user]!) : {} });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of USERS) t[u] = await loginAs(app, u);
  const justice = await insertFixtureProcedure(db);
  const building = await insertFixtureProcedure(db, { agencyCode: '000.00.06.H59' });
  dossier = await fileThroughApi(app, db, t.congdan!, justice);
  construction = await fileThroughApi(app, db, t.congdan2!, building);
  draftId = (await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(t.congdan!), payload: { procedureCode: justice, submit: false } })).json().id;
});

describe('GET /api/dossiers/{id} and /receipt', () => {
  const allowed = ['congdan', 'motcua', 'cb.cn-ta.1', 'chuyenvien', 'lanhdao', 'lanhdaotinh'];
  const hidden = ['congdan2', 'admin', 'dangvien', 'cb.sxd.1', 'cb.xa01'];
  it('answers 401 without a session', async () => {
    expectProblem(await get(`/api/dossiers/${dossier.id}`), 401);
    expectProblem(await get(`/api/dossiers/${dossier.id}/receipt`), 401);
  });
  it.each(allowed)('%s may read it', async (user) => {
    const res = await get(`/api/dossiers/${dossier.id}`, user);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().code).toBe(dossier.code);
    expect((await get(`/api/dossiers/${dossier.id}/receipt`, user)).statusCode).toBe(200);
  });
  it.each(hidden)('%s gets 404, as for a dossier that does not exist', async (user) => {
    expectProblem(await get(`/api/dossiers/${dossier.id}`, user), 404);
    expectProblem(await get(`/api/dossiers/${dossier.id}/receipt`, user), 404);
  });
  it('hides a citizen’s draft from the agency too; a malformed id is 400', async () => {
    expect((await get(`/api/dossiers/${draftId}`, 'congdan')).statusCode).toBe(200);
    expectProblem(await get(`/api/dossiers/${draftId}`, 'congdan2'), 404);
    expectProblem(await get(`/api/dossiers/${draftId}/receipt`, 'congdan'), 409);
    expectProblem(await get('/api/dossiers/123', 'congdan'), 400);
  });
});

describe('GET /api/dossiers (mine)', () => {
  it('401 without a session, 403 for staff, only the caller’s own dossiers for a citizen', async () => {
    expectProblem(await get('/api/dossiers'), 401);
    expectProblem(await get('/api/dossiers', 'motcua'), 403);
    const mine = (await get('/api/dossiers?mine=true', 'congdan')).json();
    expect(mine.items.map((i: { id: string }) => i.id).sort()).toEqual([dossier.id, draftId].sort());
    const theirs = (await get('/api/dossiers', 'congdan2')).json();
    expect(theirs.items.map((i: { id: string }) => i.id)).toEqual([construction.id]);
    expectProblem(await get('/api/dossiers?pageSize=1000', 'congdan'), 400);
  });
});

describe('GET /api/dossiers/queue and /stats', () => {
  const ids = async (user: string) => (await get('/api/dossiers/queue?pageSize=100', user)).json().items.map((i: { id: string }) => i.id);
  it('401 without a session, 403 for citizens and the administrator', async () => {
    for (const url of ['/api/dossiers/queue', '/api/dossiers/stats']) {
      expectProblem(await get(url), 401);
      for (const user of ['congdan', 'admin', 'dangvien']) expectProblem(await get(url, user), 403);
    }
  });
  it('shows each agency its dossiers; the one-stop centre and its branches all province-level ones; the province all', async () => {
    expect(await ids('chuyenvien')).toEqual([dossier.id]);
    expect(await ids('cb.sxd.1')).toEqual([construction.id]);
    expect((await ids('motcua')).sort()).toEqual([dossier.id, construction.id].sort());
    expect((await ids('cb.cn-ta.1')).sort()).toEqual([dossier.id, construction.id].sort());
    expect(await ids('cb.xa01')).toEqual([]);
    expect((await ids('lanhdaotinh')).sort()).toEqual([dossier.id, construction.id].sort());
  });
  it('limits statistics to the caller’s reach (404 for another agency)', async () => {
    const other = (await db.query(`SELECT id FROM agencies WHERE code = '000.00.06.H59'`)).rows[0].id;
    expectProblem(await get(`/api/dossiers/stats?agencyId=${other}`, 'chuyenvien'), 404);
    expectProblem(await get('/api/dossiers/stats?agency=000.00.06.H59', 'chuyenvien'), 404);
    expect((await get(`/api/dossiers/stats?agencyId=${other}`, 'lanhdaotinh')).json().totals.filed).toBe(1);
    expect((await get('/api/dossiers/stats', 'chuyenvien')).json().rows.map((r: { agencyCode: string }) => r.agencyCode)).toEqual(['000.00.04.H59']);
    expectProblem(await get('/api/dossiers/stats?from=2026-13-01', 'chuyenvien'), 400);
  });
});

describe('commune-level dossiers', () => {
  it('are seen and received by the commune’s one-stop centre, not by province departments or other communes', async () => {
    const centre = (await db.query(
      `SELECT a.commune_code FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = 'cb.xa01'`,
    )).rows[0].commune_code as string;
    const otherCommune = (await db.query(`SELECT commune_code FROM agencies WHERE kind = 'commune_committee' AND commune_code <> $1 LIMIT 1`, [centre])).rows[0].commune_code;
    const local = await insertFixtureProcedure(db, { level: 'commune' });
    const here = await fileThroughApi(app, db, t.congdan!, local, { communeCode: centre });
    const there = await fileThroughApi(app, db, t.congdan!, local, { communeCode: otherCommune });
    expect((await get(`/api/dossiers/${here.id}`, 'cb.xa01')).statusCode).toBe(200);
    expectProblem(await get(`/api/dossiers/${there.id}`, 'cb.xa01'), 404);
    for (const user of ['motcua', 'chuyenvien']) expectProblem(await get(`/api/dossiers/${here.id}`, user), 404);
    expect((await get('/api/dossiers/queue', 'cb.xa01')).json().items.map((i: { id: string }) => i.id)).toEqual([here.id]);
    expectProblem(await act(app, t.motcua!, here.id, 'receive'), 404);
    const received = await act(app, t['cb.xa01']!, here.id, 'receive');
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().status).toBe(2);
  });
});

describe('write endpoints × roles (before validation)', () => {
  it('POST /api/dossiers: 401, then 403 for every staff role, even with a broken body', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/api/dossiers', payload: {} }), 401);
    for (const user of ['motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'admin']) {
      expectProblem(await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(t[user]!), payload: { not: 'valid' } }), 403);
    }
  });
  it('POST /api/dossiers/{id}/submit and PATCH: only the owner (404 for others, 403 for staff)', async () => {
    expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${draftId}/submit` }), 401);
    expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${draftId}/submit`, headers: bearer(t.congdan2!) }), 404);
    expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${draftId}/submit`, headers: bearer(t.motcua!) }), 403);
  });
  it('POST /api/dossiers/{id}/actions/{action}: 401, 403 without a dossier scope, 404 outside the reach', async () => {
    expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/actions/receive`, payload: {} }), 401);
    expectProblem(await act(app, t.admin!, dossier.id, 'receive'), 403);
    expectProblem(await act(app, t.lanhdaotinh!, dossier.id, 'receive'), 403);
    expectProblem(await act(app, t['cb.sxd.1']!, dossier.id, 'receive'), 404);
    expectProblem(await act(app, t.congdan2!, dossier.id, 'withdraw', { data: { reason: 'x' } }), 404);
    const still = (await db.query('SELECT status FROM dossiers WHERE id = $1', [dossier.id])).rows[0];
    expect(still.status).toBe(1);
  });
});

describe('GET /api/public/dossiers/{code}', () => {
  it('answers anyone with the contract keys only — no personal data', async () => {
    const res = await get(`/api/public/dossiers/${dossier.code}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['agencyName', 'code', 'dueAt', 'onTime', 'receivedAt', 'status', 'statusName']);
    expect(body).toMatchObject({ code: dossier.code, status: 1, statusName: 'Mới đăng ký', receivedAt: null, agencyName: 'Sở Tư pháp', onTime: true });
    expect(res.body).not.toContain('Nguyễn Văn An');
    expect((await get(`/api/public/dossiers/${dossier.code.toLowerCase()}`)).statusCode).toBe(200);
  });
  it('answers 404 problem+json for an unknown or malformed code', async () => {
    expectProblem(await get(`/api/public/dossiers/${dossier.code.replace(/\d{4}$/, '9999')}`), 404);
    expectProblem(await get('/api/public/dossiers/not-a-code'), 404);
    expectProblem(await get(`/api/public/dossiers/${encodeURIComponent("x' OR '1'='1")}`), 404);
  });
});
