import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { browserSessionFor } from '../../../platform/audit/testing.ts';
import type { Db } from '../../../platform/db/pool.ts';
import type { Catalogue } from './schema.ts';

/** Every procedure endpoint × every kind of caller: who is allowed, who gets 401/403. */
let db: Db;
let app: FastifyInstance;
const headers: Record<string, Record<string, string>> = { anonymous: {} };
const NON_ADMINS = ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'dangvien', 'tinhuy'];
let catalogue: Catalogue;

const state = async () => ({
  procedures: (await db.query('SELECT code, name, updated_at FROM procedures ORDER BY code')).rows,
  audits: (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'procedure%'`)).rows[0]!.n,
});
const importAs = (who: string, extra: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/procedures/import',
    headers: { ...headers[who], ...extra, 'content-type': 'application/json' },
    payload: JSON.stringify({ ...catalogue, procedures: catalogue.procedures.map((p) => (p.code === 'ho-tich.giam-ho' ? { ...p, name: 'Đăng ký giám hộ (sửa)' } : p)) }),
  });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const who of ['admin', ...NON_ADMINS]) headers[who] = bearer(await loginAs(app, who));
  catalogue = (await app.inject({ url: '/api/procedures/export', headers: headers.admin })).json<Catalogue>();
});

describe('public reading: search, fields, detail', () => {
  it('answers every caller, signed in or not', async () => {
    for (const who of ['anonymous', 'admin', ...NON_ADMINS]) {
      for (const url of ['/api/procedures?q=khai%20sinh', '/api/procedures/fields', '/api/procedures/ho-tich.khai-sinh']) {
        const res = await app.inject({ url, headers: headers[who] });
        expect(res.statusCode, `${who} ${url}`).toBe(200);
      }
    }
  });

  it('treats an expired or forged bearer token on a public route as anonymous', async () => {
    const res = await app.inject({ url: '/api/procedures/ho-tich.khai-sinh', headers: bearer('forged-token') });
    expect(res.statusCode).toBe(200);
  });
});

describe('GET /api/procedures/export (org.write)', () => {
  it('answers the administrator, 401 without a session, 403 for every other role', async () => {
    expect((await app.inject({ url: '/api/procedures/export', headers: headers.admin })).statusCode).toBe(200);
    expectProblem(await app.inject({ url: '/api/procedures/export' }), 401);
    expectProblem(await app.inject({ url: '/api/procedures/export', headers: bearer('forged-token') }), 401);
    for (const who of NON_ADMINS) {
      const body = expectProblem(await app.inject({ url: '/api/procedures/export?format=xlsx', headers: headers[who] }), 403);
      expect(body.type, who).toBe('/problems/forbidden');
    }
  });
});

describe('POST /api/procedures/import (org.write)', () => {
  it('refuses 401 without a session and 403 for every other role, before reading the body, writing nothing', async () => {
    const before = await state();
    expectProblem(await importAs('anonymous'), 401);
    for (const who of NON_ADMINS) expect(expectProblem(await importAs(who), 403).type, who).toBe('/problems/forbidden');
    // Refused before validation: even a broken body gets 403, not 400.
    const garbage = await app.inject({ method: 'POST', url: '/api/procedures/import', headers: { ...headers.congdan, 'content-type': 'application/json' }, payload: '{' });
    expectProblem(garbage, 403);
    expect(await state()).toEqual(before);
  });

  it('needs the CSRF token when the administrator is signed in with the cookie', async () => {
    const browser = await browserSessionFor(db, 'admin');
    headers.adminCookie = { cookie: browser.cookie };
    const before = await state();
    expect(expectProblem(await importAs('adminCookie'), 403).type).toBe('/problems/csrf-failed');
    expect(await state()).toEqual(before);
    const res = await importAs('adminCookie', { 'x-csrf-token': browser.csrfToken });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ updated: 1 });
  });

  it('lets the administrator import (bearer)', async () => {
    const res = await importAs('admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ updated: 0, unchanged: catalogue.procedures.length });
  });
});
