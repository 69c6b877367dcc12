import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { SESSION_COOKIE } from './access.ts';
import { OIDC_COOKIE } from './oidc.ts';
import { followToCallback, startFakeOidcProvider } from './testing/fake-oidc-provider.ts';

const PUBLIC_URL = 'http://tinhso.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

let db: Db;
let app: FastifyInstance;
let provider: Awaited<ReturnType<typeof startFakeOidcProvider>>;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  provider = await startFakeOidcProvider({
    clientId: 'tinhso',
    clientSecret: 'client-secret-for-tests',
    redirectUri: CALLBACK,
    accounts: [
      { sub: 'vneid-001', claims: { name: 'Nguyễn Văn Sáu', email: 'Sau.Nguyen@Example.VN', email_verified: true } },
      { sub: 'vneid-002', claims: { family_name: 'Trần', middle_name: 'Thị', given_name: 'Bảy' } },
      { sub: 'vneid-003', claims: { name: 'Người Lạ', email: 'congdan@example.vn', email_verified: true } },
      { sub: 'vneid-004', claims: { name: 'Sẽ Bị Khóa' } },
    ],
  });
  app = await buildTestApp(db, {
    PUBLIC_URL,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: 'tinhso',
    OIDC_CLIENT_SECRET: 'client-secret-for-tests',
    OIDC_NAME: 'VNeID',
  });
});
afterAll(() => provider.close());

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const userOf = async (sub: string) =>
  (await db.query<{ id: string; full_name: string; email: string | null; roles: string[] }>(
    `SELECT u.id, u.full_name, u.email, u.roles FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.provider = $1 AND i.subject = $2`,
    [provider.issuer, sub],
  )).rows;

/** Starts at our /oidc/login, plays the browser at the provider, and hands the answer to our callback. */
const signOn = async (sub: string | undefined) => {
  provider.signInAs(sub);
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
  expect(start.statusCode, start.body).toBe(302);
  const stateCookie = start.cookies.find((c) => c.name === OIDC_COOKIE)!;
  const back = await followToCallback(start.headers.location as string, CALLBACK);
  const callback = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { [OIDC_COOKIE]: stateCookie.value } });
  return { start, stateCookie, back, callback };
};

describe('single sign-on (OpenID Connect)', () => {
  it('announces the provider to the web', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: true, name: 'VNeID' });
  });

  it('redirects to the provider with state, nonce and PKCE, and binds the flow to the browser', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(res.statusCode).toBe(302);
    const to = new URL(res.headers.location as string);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'tinhso',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/.{20,}/),
      nonce: expect.stringMatching(/.{20,}/),
      code_challenge: expect.stringMatching(/.{40,}/),
    });
    const cookie = res.cookies.find((c) => c.name === OIDC_COOKIE)!;
    expect(cookie).toMatchObject({ value: to.searchParams.get('state'), httpOnly: true, path: '/api/auth/oidc', sameSite: 'Lax' });
    expect(await count(`SELECT count(*)::int AS n FROM oidc_logins WHERE expires_at > now()`)).toBeGreaterThan(0);
  });

  it('creates a citizen from the claims on first sign-on, opens a session and redirects to /', async () => {
    const users = await count('SELECT count(*)::int AS n FROM users');
    const { callback } = await signOn('vneid-001');
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.headers.location).toBe('/');
    const session = callback.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(session.httpOnly).toBe(true);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: session.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { fullName: 'Nguyễn Văn Sáu', roles: ['citizen'] } });
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(users + 1);
    const [linked] = await userOf('vneid-001');
    expect(linked).toMatchObject({ full_name: 'Nguyễn Văn Sáu', email: 'sau.nguyen@example.vn', roles: ['citizen'] });
    const { rows } = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [linked!.id]);
    expect(rows.map((r) => r.action)).toEqual(['user.signup', 'session.login']);
    const { rows: via } = await db.query(`SELECT via FROM sessions WHERE user_id = $1`, [linked!.id]);
    expect(via).toEqual([{ via: 'oidc' }]);
  });

  it('signs the same person into the same account next time', async () => {
    const users = await count('SELECT count(*)::int AS n FROM users');
    const { callback } = await signOn('vneid-001');
    expect(callback.statusCode).toBe(302);
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(users);
    expect(await userOf('vneid-001')).toHaveLength(1);
  });

  it('builds a Vietnamese name (family, middle, given) when the provider gives parts only', async () => {
    expect((await signOn('vneid-002')).callback.statusCode).toBe(302);
    expect((await userOf('vneid-002'))[0]).toMatchObject({ full_name: 'Trần Thị Bảy', email: null });
  });

  it('never links by e-mail: a provider account claiming an existing e-mail gets its own account, without that e-mail', async () => {
    expect((await signOn('vneid-003')).callback.statusCode).toBe(302);
    const [created] = await userOf('vneid-003');
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'congdan'`);
    expect(created!.id).not.toBe(rows[0]!.id);
    expect(created!.email).toBeNull();
  });

  it('refuses a disabled account', async () => {
    expect((await signOn('vneid-004')).callback.statusCode).toBe(302);
    await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [(await userOf('vneid-004'))[0]!.id]);
    const { callback } = await signOn('vneid-004');
    expectProblem(callback, 401);
    expect(callback.cookies.find((c) => c.name === SESSION_COOKIE && c.value)).toBeUndefined();
  });
});

describe('single sign-on for an official', () => {
  it('opens no session for an account with a role other than citizen: password and second factor only', async () => {
    expect((await signOn('vneid-002')).callback.statusCode).toBe(302);
    const [linked] = await userOf('vneid-002');
    await db.query(`UPDATE users SET roles = '{officer}' WHERE id = $1`, [linked!.id]);
    const sessions = await count(`SELECT count(*)::int AS n FROM sessions WHERE user_id = '${linked!.id}'`);
    const { callback } = await signOn('vneid-002');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/login?sso=staff');
    expect(callback.cookies.find((c) => c.name === SESSION_COOKIE && c.value)).toBeUndefined();
    expect(await count(`SELECT count(*)::int AS n FROM sessions WHERE user_id = '${linked!.id}'`)).toBe(sessions);
    await db.query(`UPDATE users SET roles = '{citizen}' WHERE id = $1`, [linked!.id]);
  });
});

describe('single sign-on refusals (400, no session, no user)', () => {
  it('refuses a callback that does not come back to the browser that started it (login CSRF)', async () => {
    provider.signInAs('vneid-002');
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    const back = await followToCallback(start.headers.location as string, CALLBACK);
    const sessions = await count('SELECT count(*)::int AS n FROM sessions');
    expectProblem(await app.inject({ method: 'GET', url: `${back.pathname}${back.search}` }), 400);
    expectProblem(await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { [OIDC_COOKIE]: 'another-state-value' } }), 400);
    expect(await count('SELECT count(*)::int AS n FROM sessions')).toBe(sessions);
  });

  it('refuses a replayed callback', async () => {
    const { back, stateCookie, callback } = await signOn('vneid-002');
    expect(callback.statusCode).toBe(302);
    const replay = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { [OIDC_COOKIE]: stateCookie.value } });
    expectProblem(replay, 400);
  });

  it('refuses a tampered code', async () => {
    provider.signInAs('vneid-002');
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    const state = start.cookies.find((c) => c.name === OIDC_COOKIE)!.value;
    const back = await followToCallback(start.headers.location as string, CALLBACK);
    back.searchParams.set('code', 'forged-code');
    expectProblem(await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { [OIDC_COOKIE]: state } }), 400);
  });

  it('answers 400 when the person cancels at the provider, and creates nobody', async () => {
    const users = await count('SELECT count(*)::int AS n FROM users');
    const { callback, back } = await signOn(undefined);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expectProblem(callback, 400);
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(users);
  });
});
