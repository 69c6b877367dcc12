import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, DEMO_PASSWORD, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { isMfaAnswer, type MfaAnswer, nextLoginCode } from '../../../test/helpers/second-factor.ts';
import type { Db } from '../db/pool.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './access.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
});

type Login = { token: string; csrfToken: string; user: { id: string } };
const login = async (username: string, cookies: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD }, cookies, headers });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<Login | MfaAnswer>();
  if (!isMfaAnswer(body)) return body;
  // Staff: the second step, sent with the same cookies and headers (the session is opened there).
  const code = await nextLoginCode(db, username);
  const done = await app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket: body.ticket, code }, cookies, headers });
  expect(done.statusCode, done.body).toBe(200);
  return done.json<Login>();
};
const me = (headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers, cookies });

describe('GET /api/auth/me', () => {
  it('answers 401 without a session, with a forged cookie and with a forged bearer token', async () => {
    expectProblem(await me(), 401);
    expectProblem(await me({}, { [SESSION_COOKIE]: 'forged-token-forged-token-forged' }), 401);
    expectProblem(await me(bearer('forged-token-forged-token-forged')), 401);
  });
});

describe('POST /api/auth/logout', () => {
  it('revokes only this session, clears the cookies, and audits', async () => {
    const first = await login('motcua');
    const second = await login('motcua');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(first.token) });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const cleared = res.cookies.filter((c) => c.value === '' || (c.expires && c.expires.getTime() <= Date.now()));
    expect(cleared.map((c) => c.name).sort()).toEqual(['tinhso_csrf', 'tinhso_session']);
    expectProblem(await me(bearer(first.token)), 401);
    expect((await me(bearer(second.token))).statusCode).toBe(200);
    const { rows } = await db.query(`SELECT 1 FROM audit_log WHERE action = 'session.logout' AND target_id = $1`, [first.user.id]);
    expect(rows).toHaveLength(1);
  });

  it('needs a session: 401 without one', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/logout' }), 401);
  });
});

describe('POST /api/auth/logout-all', () => {
  it('revokes every session of the user, and no one else\'s', async () => {
    const a = await login('chuyenvien');
    const b = await login('chuyenvien');
    const c = await login('chuyenvien');
    const other = await login('lanhdao');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: bearer(b.token) });
    expect(res.statusCode).toBe(204);
    for (const s of [a, b, c]) expectProblem(await me(bearer(s.token)), 401);
    expect((await me(bearer(other.token))).statusCode).toBe(200);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
      [a.user.id],
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  it('refuses a cookie-authenticated POST without or with a wrong x-csrf-token (403), accepts the right one', async () => {
    const s = await login('lanhdaotinh');
    const cookies = { [SESSION_COOKIE]: s.token };
    const without = expectProblem(await app.inject({ method: 'POST', url: '/api/auth/logout', cookies }), 403);
    expect(without.type).toBe('/problems/csrf-failed');
    const wrong = expectProblem(await app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers: { [CSRF_HEADER]: 'x'.repeat(s.csrfToken.length) } }), 403);
    expect(wrong.type).toBe('/problems/csrf-failed');
    // Another session's CSRF token is wrong too.
    const otherSession = await login('lanhdaotinh');
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers: { [CSRF_HEADER]: otherSession.csrfToken } }), 403);
    expect((await me({}, cookies)).statusCode).toBe(200); // still signed in: nothing was done
    const ok = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers: { [CSRF_HEADER]: s.csrfToken } });
    expect(ok.statusCode).toBe(204);
    expectProblem(await me({}, cookies), 401);
  });

  it('needs no CSRF token with a bearer token', async () => {
    const token = await loginAs(app, 'dangvien');
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
  });

  it('reads are not CSRF-checked', async () => {
    const s = await login('dangvien');
    expect((await me({}, { [SESSION_COOKIE]: s.token })).statusCode).toBe(200);
  });
});

describe('session fixation', () => {
  it('a login issues a new token and never upgrades a forged cookie', async () => {
    const forged = 'attacker-chosen-token-0123456789abcdef';
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'congdan', password: DEMO_PASSWORD }, cookies: { [SESSION_COOKIE]: forged } });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(issued).not.toBe(forged);
    expectProblem(await me({}, { [SESSION_COOKIE]: forged }), 401);
    expect((await me({}, { [SESSION_COOKIE]: issued })).json()).toMatchObject({ user: { username: 'congdan' } });
  });

  it('logging in over an existing session revokes the old one instead of carrying it to the new identity', async () => {
    const old = await login('congdan2');
    const fresh = await login('congdan', { [SESSION_COOKIE]: old.token });
    expect(fresh.token).not.toBe(old.token);
    expectProblem(await me({}, { [SESSION_COOKIE]: old.token }), 401);
    expect((await me(bearer(fresh.token))).json()).toMatchObject({ user: { username: 'congdan' } });
  });
});

describe('GET /api/auth/sso', () => {
  it('says single sign-on is off when no provider is configured, and its login answers 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(res.json()).toEqual({ enabled: false, name: null });
    expectProblem(await app.inject({ method: 'GET', url: '/api/auth/oidc/login' }), 404);
    expectProblem(await app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' }), 404);
  });
});

describe('OpenAPI', () => {
  it('documents the identity and user-administration endpoints', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login', '/api/auth/logout', '/api/auth/logout-all', '/api/auth/me', '/api/auth/sso',
        '/api/auth/signup/start', '/api/auth/signup/verify', '/api/auth/oidc/login', '/api/auth/oidc/callback',
        '/api/users/', '/api/users/{id}',
      ]),
    );
  });
});
