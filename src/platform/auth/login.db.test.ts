import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, DEMO_PASSWORD, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { nextLoginCode } from '../../../test/helpers/second-factor.ts';
import type { Db } from '../db/pool.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './access.ts';
import { purgeOldAttempts } from './rate-limit.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
});

let ipCounter = 0;
/** Each test signs in from its own address, so per-address limits of one test do not leak into another. */
const freshIp = () => `10.1.0.${(ipCounter += 1)}`;

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const sessionsOf = (username: string) =>
  count('SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1', [username]);

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);

describe('POST /api/auth/login', () => {
  it('answers token, csrfToken and user, sets the session and CSRF cookies, and both work on /me', async () => {
    const res = await login('dan05', DEMO_PASSWORD, freshIp());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ token: string; csrfToken: string; user: Record<string, unknown> }>();
    const { rows } = await db.query<{ id: string; full_name: string }>(`SELECT id, full_name FROM users WHERE username = 'dan05'`);
    expect(body.user).toEqual({ id: rows[0]!.id, username: 'dan05', fullName: rows[0]!.full_name, roles: ['citizen'], agencyId: null });

    const session = cookieOf(res, SESSION_COOKIE)!;
    expect(session.value).toBe(body.token);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session.secure).toBeFalsy(); // Secure only in production
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3_600_000); // citizens: SESSION_TTL_HOURS
    const csrf = cookieOf(res, CSRF_COOKIE)!;
    expect(csrf.value).toBe(body.csrfToken);
    expect(csrf.httpOnly).toBeFalsy();

    const viaBearer = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
    expect(viaBearer.statusCode).toBe(200);
    expect(viaBearer.json()).toMatchObject({ user: { username: 'dan05' }, csrfToken: body.csrfToken });
    expect(viaBearer.json<{ scopes: string[] }>().scopes).toContain('dossier.file');
    const viaCookie = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: session.value } });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json()).toMatchObject({ user: { username: 'dan05' } });
  });

  it('audits the login in the same transaction as the session', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.login'`);
    const res = await login('dan06', DEMO_PASSWORD, freshIp());
    expect(res.statusCode).toBe(200);
    const { rows } = await db.query<{ actor_name: string; target_id: string }>(
      `SELECT actor_name, target_id FROM audit_log WHERE action = 'session.login' ORDER BY id DESC LIMIT 1`,
    );
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.login'`)).toBe(before + 1);
    expect(rows[0]).toEqual({ actor_name: 'dan06', target_id: res.json<{ user: { id: string } }>().user.id });
  });

  it('accepts the phone number or e-mail of the account in place of the username', async () => {
    expect((await login('+84912000001', DEMO_PASSWORD, freshIp())).json()).toMatchObject({ user: { username: 'congdan' } });
    expect((await login('CongDan@Example.VN', DEMO_PASSWORD, freshIp())).json()).toMatchObject({ user: { username: 'congdan' } });
  });

  it('answers a wrong password and an unknown user alike: 401 invalid-credentials, no session', async () => {
    const sessions = await count('SELECT count(*)::int AS n FROM sessions');
    const wrong = expectProblem(await login('motcua', 'not-the-password', freshIp()), 401);
    const unknown = expectProblem(await login('khong-co-ai', 'not-the-password', freshIp()), 401);
    expect(wrong.type).toBe('/problems/invalid-credentials');
    expect({ ...unknown, instance: undefined, requestId: undefined }).toEqual({ ...wrong, instance: undefined, requestId: undefined });
    expect(await count('SELECT count(*)::int AS n FROM sessions')).toBe(sessions);
  });

  it('refuses a disabled user with 401 even with the right password', async () => {
    await db.query(`UPDATE users SET disabled_at = now() WHERE username = 'dan01'`);
    const body = expectProblem(await login('dan01', DEMO_PASSWORD, freshIp()), 401);
    expect(body.type).toBe('/problems/invalid-credentials');
    expect(body).toMatchObject({ detail: expect.stringContaining('bị khóa') });
    expect(await sessionsOf('dan01')).toBe(0);
  });

  it('answers a bad body with 400 field errors and writes nothing', async () => {
    const before = await count('SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM auth_attempts) + (SELECT count(*) FROM audit_log) AS n');
    const missing = expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } }), 400);
    expect(missing.errors?.map((e) => e.field)).toContain('password');
    const wrongType = expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42, password: 'x' } }), 400);
    expect(wrongType.errors?.map((e) => e.field)).toContain('username');
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: 'not json', headers: { 'content-type': 'application/json' } }), 400);
    expect(await count('SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM auth_attempts) + (SELECT count(*) FROM audit_log) AS n')).toBe(before);
  });
});

describe('login rate limits', () => {
  it('blocks an account after 5 failures in 15 minutes, from any address, with Retry-After and a Vietnamese detail', async () => {
    for (let i = 0; i < 5; i += 1) expectProblem(await login('cb.snv.1', `wrong-${i}`, freshIp()), 401);
    const blocked = await login('cb.snv.1', DEMO_PASSWORD, freshIp()); // even the right password
    const body = expectProblem(blocked, 429);
    expect(body.type).toBe('/problems/rate-limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(body).toMatchObject({ detail: expect.stringMatching(/thử lại sau 15 phút \(lúc \d{2}:\d{2}\)/) });
    // Another account is not affected.
    expect((await login('cb.stp.1', DEMO_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('counts every spelling of the account together (username, phone, e-mail)', async () => {
    const ip = freshIp;
    for (const id of ['congdan2', '0912000002', '+84912000002', 'congdan2@example.vn', 'CONGDAN2']) expectProblem(await login(id, 'wrong', ip()), 401);
    expectProblem(await login('congdan2@example.vn', DEMO_PASSWORD, ip()), 429);
  });

  it('blocks an address after 5 failures in 15 minutes, whatever the usernames', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) expectProblem(await login(`nobody-${i}`, 'wrong', ip), 401);
    const blocked = expectProblem(await login('ld.snv', DEMO_PASSWORD, ip), 429);
    expect(blocked.type).toBe('/problems/rate-limited');
    expect((await login('ld.snv', DEMO_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('lets the window pass: attempts older than 15 minutes no longer count', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) expectProblem(await login('ld.stc', 'wrong', ip), 401);
    expectProblem(await login('ld.stc', DEMO_PASSWORD, ip), 429);
    await db.query(
      `UPDATE auth_attempts SET at = at - interval '16 minutes'
        WHERE key IN ('login:ip:' || $1, 'login:subject:user:' || (SELECT id FROM users WHERE username = 'ld.stc'))`,
      [ip],
    );
    expect((await login('ld.stc', DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('hands a successful attempt back and clears the account count, so colleagues behind one address are not blocked', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) expectProblem(await login('cb.sxd.1', 'wrong', ip), 401);
    const subjectRows = () =>
      count(`SELECT count(*)::int AS n FROM auth_attempts WHERE key = 'login:subject:user:' || (SELECT id FROM users WHERE username = 'cb.sxd.1')`);
    // A right password of a staff account hands its own attempt back but keeps the count; the second factor clears it.
    const first = await login('cb.sxd.1', DEMO_PASSWORD, ip);
    expect(first.statusCode).toBe(200);
    expect(await subjectRows()).toBe(4);
    const code = await nextLoginCode(db, 'cb.sxd.1');
    const done = await app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket: first.json<{ ticket: string }>().ticket, code }, remoteAddress: ip });
    expect(done.statusCode, done.body).toBe(200);
    expect(await subjectRows()).toBe(0);
    for (let i = 0; i < 10; i += 1) expect((await login('ld.sxd', DEMO_PASSWORD, ip)).statusCode).toBe(200);
    // The address still holds its 4 failures: one more is allowed, the next is not.
    expectProblem(await login('ld.sxd', 'wrong', ip), 401);
    expectProblem(await login('ld.sxd', DEMO_PASSWORD, ip), 429);
  });

  it('holds under parallel guessing: no more than 5 tries get through', async () => {
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login('ld.syt', `wrong-${i}`, ip)));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('sweeps attempts too old to matter', async () => {
    await db.query(`INSERT INTO auth_attempts (key, at) VALUES ('login:ip:old', now() - interval '2 hours'), ('login:ip:recent', now())`);
    expect(await purgeOldAttempts(db)).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*)::int AS n FROM auth_attempts WHERE key = 'login:ip:old'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM auth_attempts WHERE key = 'login:ip:recent'`)).toBe(1);
  });
});
