import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { insertFixtureProcedure } from '../dossiers/testing.ts';
import { nationalProcedureCodeOf } from './procedure-map.ts';

/** The national → local procedure mapping and its admin API: every endpoint × role, bad input, idempotency. */
let db: Db;
let app: FastifyInstance;
const t: Record<string, string> = {};
let procedure: string;
let other: string;

const USERS = ['admin', 'lanhdaotinh', 'motcua', 'lanhdao', 'congdan', 'dangvien'];
const rows = async () => (await db.query('SELECT national_code, procedure_code, note FROM portal_procedure_map ORDER BY national_code')).rows;
const audits = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'portal.procedure-map.%'`)).rows[0]!.n;
const put = (code: string, payload: object, user?: string) =>
  app.inject({ method: 'PUT', url: `/api/portal/procedure-map/${code}`, payload, headers: user ? bearer(t[user]!) : {} });
const del = (code: string, user?: string) => app.inject({ method: 'DELETE', url: `/api/portal/procedure-map/${code}`, headers: user ? bearer(t[user]!) : {} });
const list = (user?: string) => app.inject({ method: 'GET', url: '/api/portal/procedure-map', headers: user ? bearer(t[user]!) : {} });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of USERS) t[u] = await loginAs(app, u);
  procedure = await insertFixtureProcedure(db);
  other = await insertFixtureProcedure(db);
});

describe('/api/portal/procedure-map', () => {
  it('lets an administrator map a national code (201), change it (200), repeat it (200, one row), and audits each', async () => {
    const created = await put('1.001193', { procedureCode: procedure, note: 'Theo Quyết định công bố' }, 'admin');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ nationalCode: '1.001193', procedureCode: procedure, procedureActive: true, note: 'Theo Quyết định công bố', updatedBy: 'admin' });
    expect((await put('1.001193', { procedureCode: other }, 'admin')).statusCode).toBe(200);
    const repeated = await put('1.001193', { procedureCode: other }, 'admin');
    expect(repeated.statusCode).toBe(200);
    expect(await rows()).toEqual([{ national_code: '1.001193', procedure_code: other, note: null }]);
    expect(await audits()).toBe(3);
    expect((await list('lanhdaotinh')).json().items).toEqual([repeated.json()]);
  });

  it('names the mapped national code in pushes, else the catalogue’s, else none', async () => {
    await put('2.000001', { procedureCode: procedure }, 'admin');
    await put('2.000002', { procedureCode: procedure }, 'admin');
    expect(await nationalProcedureCodeOf(db, procedure, '1.000000')).toBe('2.000001');
    const unmapped = await insertFixtureProcedure(db);
    expect(await nationalProcedureCodeOf(db, unmapped, '1.000000')).toBe('1.000000');
    expect(await nationalProcedureCodeOf(db, unmapped, null)).toBeNull();
  });

  it('removes a mapping (204), then answers 404', async () => {
    await put('3.000003', { procedureCode: procedure }, 'admin');
    expect((await del('3.000003', 'admin')).statusCode).toBe(204);
    expectProblem(await del('3.000003', 'admin'), 404);
    expect((await rows()).map((r) => r.national_code)).not.toContain('3.000003');
  });

  it('refuses an unknown procedure, a malformed code or body (400), writing nothing', async () => {
    const before = [await rows(), await audits()];
    expect(expectProblem(await put('4.000004', { procedureCode: 'khong-co' }, 'admin'), 400).errors).toEqual([expect.objectContaining({ field: 'procedureCode' })]);
    expectProblem(await put('co ma sai', { procedureCode: procedure }, 'admin'), 400);
    expectProblem(await put('4.000004', {}, 'admin'), 400);
    expectProblem(await put('4.000004', { procedureCode: procedure, note: 'x'.repeat(501) }, 'admin'), 400);
    expect([await rows(), await audits()]).toEqual(before);
  });

  it('answers 401 without a session and 403 to roles without the scope (before validation), writing nothing', async () => {
    const before = [await rows(), await audits()];
    expectProblem(await list(), 401);
    expectProblem(await put('5.000005', { procedureCode: procedure }), 401);
    expectProblem(await del('1.001193'), 401);
    for (const user of ['motcua', 'lanhdao', 'congdan', 'dangvien']) expectProblem(await list(user), 403);
    for (const user of ['lanhdaotinh', 'motcua', 'lanhdao', 'congdan', 'dangvien']) {
      expectProblem(await put('5.000005', { bad: true }, user), 403);
      expectProblem(await del('1.001193', user), 403);
    }
    expect([await rows(), await audits()]).toEqual(before);
  });
});
