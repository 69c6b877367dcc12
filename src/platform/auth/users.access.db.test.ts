import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';

/** Every /api/users endpoint × role: who is allowed, who gets 401/403, and 404 across agencies. */
let db: Db;
let app: FastifyInstance;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let justiceId: string;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['admin', 'congdan', 'chuyenvien', 'motcua', 'lanhdao', 'lanhdaotinh', 'dangvien']) tokens[u] = await loginAs(app, u);
  const { rows } = await db.query<{ username: string; id: string }>(`SELECT username, id FROM users`);
  for (const r of rows) ids[r.username] = r.id;
  justiceId = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;
});

const newUser = (username: string) => ({ username, fullName: 'Cán Bộ Mới', password: 'mat-khau-1234', roles: ['officer'], agencyId: justiceId });

type Call = { name: string; method: 'GET' | 'POST' | 'PATCH'; url: () => string; payload?: () => object };
const calls: Call[] = [
  { name: 'GET /api/users', method: 'GET', url: () => '/api/users' },
  { name: 'GET /api/users/{id}', method: 'GET', url: () => `/api/users/${ids.chuyenvien}` },
  { name: 'POST /api/users', method: 'POST', url: () => '/api/users', payload: () => newUser(`moi.${Math.random().toString(36).slice(2, 8)}`) },
  { name: 'PATCH /api/users/{id}', method: 'PATCH', url: () => `/api/users/${ids.chuyenvien}`, payload: () => ({ fullName: 'Phạm Minh Đức' }) },
  { name: 'GET /api/users/party-orgs', method: 'GET', url: () => '/api/users/party-orgs' },
];
const send = (call: Call, headers: Record<string, string> = {}, payload = call.payload?.()) =>
  app.inject({ method: call.method, url: call.url(), headers, ...(payload ? { payload } : {}) });

describe('no session: 401 everywhere', () => {
  it.each(calls.map((c) => [c.name, c] as const))('%s', async (_name, call) => {
    expectProblem(await send(call), 401);
  });
});

describe.each(['congdan', 'chuyenvien', 'motcua', 'dangvien'])('%s (no users scope): 403 everywhere, before validation', (user) => {
  it.each(calls.map((c) => [c.name, c] as const))('%s', async (_name, call) => {
    expectProblem(await send(call, bearer(tokens[user]!)), 403);
    if (call.payload) expectProblem(await send(call, bearer(tokens[user]!), { not: 'valid' }), 403);
  });
});

describe('admin: everything', () => {
  it.each(calls.map((c) => [c.name, c] as const))('%s', async (_name, call) => {
    const res = await send(call, bearer(tokens.admin!));
    expect(res.statusCode, res.body).toBe(call.method === 'POST' ? 201 : 200);
  });
});

describe('leaders: read their own agency only, never write', () => {
  it('an agency leader lists only the users of their agency', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/users?pageSize=100', headers: bearer(tokens.lanhdao!) });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: { agencyId: string; username: string }[]; total: number }>();
    expect(page.total).toBeGreaterThan(2);
    expect(new Set(page.items.map((u) => u.agencyId))).toEqual(new Set([justiceId]));
    expect(page.items.map((u) => u.username)).toEqual(expect.arrayContaining(['chuyenvien', 'lanhdao', 'dangvien']));
    // Asking for another agency's users gives nothing, not them.
    const other = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.02.H59'`)).rows[0]!.id;
    const filtered = await app.inject({ method: 'GET', url: `/api/users?agencyId=${other}`, headers: bearer(tokens.lanhdao!) });
    expect(filtered.json()).toMatchObject({ items: [], total: 0 });
  });

  it('an agency leader reads a user of their agency, and gets 404 for another agency\'s user (IDOR)', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/users/${ids.chuyenvien}`, headers: bearer(tokens.lanhdao!) })).statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'GET', url: `/api/users/${ids.motcua}`, headers: bearer(tokens.lanhdao!) }), 404);
    expectProblem(await app.inject({ method: 'GET', url: `/api/users/${ids.congdan}`, headers: bearer(tokens.lanhdao!) }), 404);
  });

  it('the province leader sees only the Provincial People\'s Committee\'s users', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/users?pageSize=100', headers: bearer(tokens.lanhdaotinh!) })).json<{ items: { username: string }[] }>();
    expect(page.items.map((u) => u.username)).toContain('lanhdaotinh');
    expect(page.items.map((u) => u.username)).not.toContain('chuyenvien');
    expectProblem(await app.inject({ method: 'GET', url: `/api/users/${ids.chuyenvien}`, headers: bearer(tokens.lanhdaotinh!) }), 404);
  });

  it.each(['lanhdao', 'lanhdaotinh'])('%s cannot create or change users (403)', async (leader) => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
    expectProblem(await send(calls[2]!, bearer(tokens[leader]!)), 403);
    expectProblem(await send(calls[3]!, bearer(tokens[leader]!), { roles: ['admin'] }), 403);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(before);
    const { rows } = await db.query<{ roles: string[] }>('SELECT roles FROM users WHERE id = $1', [ids.chuyenvien]);
    expect(rows[0]!.roles).toEqual(['officer']);
  });

  it.each(['lanhdao', 'lanhdaotinh'])('%s cannot list the Party organisations to give (403)', async (leader) => {
    expectProblem(await send(calls[4]!, bearer(tokens[leader]!)), 403);
  });
});
