import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, DEMO_PASSWORD, expectProblem, loginAs, testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { prepareData } from '../../seed/prepare.ts';
import type { Db } from '../db/pool.ts';
import { totpCode } from './totp.ts';
import { DEMO_TOTP_SECRET } from './totp-secrets.ts';
import { insertUser } from './user-store.ts';

/**
 * Level-3 sign-in controls besides the second factor itself: lockout (passwords and codes share
 * it), staff session idle and absolute limits, separation of duties, password change and policy,
 * the administrators' 2FA reset, and the production refusal of the demo TOTP secret.
 */
let db: Db;
let app: FastifyInstance;
let justiceId: string;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db, { LOGIN_MAX_ATTEMPTS: '4', LOGIN_LOCKOUT_MINUTES: '10' });
  justiceId = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;
});

let ipCounter = 0;
const freshIp = () => `10.3.0.${(ipCounter += 1)}`;
const login = (username: string, password = DEMO_PASSWORD) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshIp() });
const totp = (ticket: string, code: string) => app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket, code }, remoteAddress: freshIp() });
const wrongCode = () => (totpCode(DEMO_TOTP_SECRET) === '000000' ? '111111' : '000000');
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const age = (username: string, table: 'auth_attempts', minutes: number) =>
  db.query(`UPDATE ${table} SET at = at - $2 * interval '1 minute' WHERE key = 'login:subject:user:' || (SELECT id FROM users WHERE username = $1)`, [username, minutes]);

describe('lockout (LOGIN_MAX_ATTEMPTS=4, LOGIN_LOCKOUT_MINUTES=10 here)', () => {
  it('locks the account after 4 wrong passwords: 429 problem+json, Vietnamese title, Retry-After of 10 minutes', async () => {
    for (let i = 0; i < 4; i += 1) expectProblem(await login('cb.snnmt.1', `sai-${i}`), 401);
    const locked = await login('cb.snnmt.1');
    const body = expectProblem(locked, 429);
    expect(body.type).toBe('/problems/rate-limited');
    expect(body.title).toBe('Quá nhiều yêu cầu, vui lòng thử lại sau');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(9 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(10 * 60);
  });

  it('wrong second-factor codes count in the same lockout as wrong passwords', async () => {
    expectProblem(await login('cb.svhttdl.1', 'sai-mat-khau'), 401);
    const ticket = (await login('cb.svhttdl.1')).json<{ ticket: string }>().ticket;
    for (let i = 0; i < 3; i += 1) expectProblem(await totp(ticket, wrongCode()), 400);
    // The fifth try, even with the right code, finds the account locked.
    expectProblem(await totp(ticket, totpCode(DEMO_TOTP_SECRET)), 429);
    expectProblem(await login('cb.svhttdl.1'), 429);
  });

  it('a right password alone does not reset the count (no endless code guessing by logging in again)', async () => {
    for (let round = 0; round < 2; round += 1) {
      const ticket = (await login('ld.svhttdl')).json<{ ticket: string }>().ticket;
      for (let i = 0; i < 2; i += 1) expectProblem(await totp(ticket, wrongCode()), 400);
    }
    expectProblem(await login('ld.svhttdl'), 429);
  });

  it('unlocks after the lockout minutes, counted from the try that locked it', async () => {
    for (let i = 0; i < 4; i += 1) expectProblem(await login('ld.snnmt', `sai-${i}`), 401);
    expectProblem(await login('ld.snnmt'), 429);
    await age('ld.snnmt', 'auth_attempts', 9);
    expectProblem(await login('ld.snnmt'), 429);
    await age('ld.snnmt', 'auth_attempts', 2);
    expect((await login('ld.snnmt')).json()).toMatchObject({ mfaRequired: true });
  });

  it('a correct second factor clears the count', async () => {
    for (let i = 0; i < 3; i += 1) expectProblem(await login('ld.sct', `sai-${i}`), 401);
    await loginAs(app, 'ld.sct');
    expect(await count(`SELECT count(*)::int AS n FROM auth_attempts WHERE key = 'login:subject:user:' || (SELECT id FROM users WHERE username = 'ld.sct')`)).toBe(0);
  });
});

describe('sessions', () => {
  const me = (token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  const sessionOf = (username: string) => `(SELECT id FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = '${username}') AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1)`;

  it('staff sessions end after SESSION_IDLE_MINUTES (30) without a request: 401 problem+json', async () => {
    const token = await loginAs(app, 'cb.skhcn.1');
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = ${sessionOf('cb.skhcn.1')}`);
    expect((await me(token)).statusCode).toBe(200); // and this request counts as activity
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = ${sessionOf('cb.skhcn.1')}`);
    expect(expectProblem(await me(token), 401).type).toBe('/problems/unauthenticated');
  });

  it('citizens have no idle limit, only the absolute lifetime', async () => {
    const token = await loginAs(app, 'dan07');
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '3 days' WHERE id = ${sessionOf('dan07')}`);
    expect((await me(token)).statusCode).toBe(200);
    const { rows } = await db.query<{ idle: number | null; hours: number }>(`SELECT idle_minutes AS idle, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM sessions WHERE id = ${sessionOf('dan07')}`);
    expect(rows[0]).toEqual({ idle: null, hours: 336 });
  });

  it('staff sessions live SESSION_STAFF_TTL_HOURS (12) at most, however active', async () => {
    const token = await loginAs(app, 'cb.sgddt.1');
    const { rows } = await db.query<{ idle: number; hours: number }>(`SELECT idle_minutes AS idle, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM sessions WHERE id = ${sessionOf('cb.sgddt.1')}`);
    expect(rows[0]).toEqual({ idle: 30, hours: 12 });
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE id = ${sessionOf('cb.sgddt.1')}`);
    expectProblem(await me(token), 401);
  });

  it('writes last_seen_at at most once a minute, not on every request', async () => {
    const token = await loginAs(app, 'ld.sdttg');
    const seen = async () => (await db.query<{ t: Date }>(`SELECT last_seen_at AS t FROM sessions WHERE id = ${sessionOf('ld.sdttg')}`)).rows[0]!.t.getTime();
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '30 seconds' WHERE id = ${sessionOf('ld.sdttg')}`);
    const before = await seen();
    for (let i = 0; i < 3; i += 1) await me(token);
    expect(await seen()).toBe(before);
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '90 seconds' WHERE id = ${sessionOf('ld.sdttg')}`);
    await me(token);
    expect(await seen()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe('separation of duties', () => {
  const create = async (token: string, payload: object) => app.inject({ method: 'POST', url: '/api/users', headers: bearer(token), payload });

  it('refuses creating an administrator who also processes dossiers (409, nothing written)', async () => {
    const admin = await loginAs(app, 'admin');
    const before = await count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n');
    const body = expectProblem(await create(admin, { username: 'kiem.nhiem', fullName: 'Kiêm Nhiệm', password: 'mat-khau-dai-du-12', roles: ['admin', 'officer'], agencyId: justiceId }), 409);
    expect(body.type).toBe('/problems/separation-of-duties');
    expect(body.title).toBe('Vi phạm nguyên tắc tách biệt nhiệm vụ');
    expect(await count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n')).toBe(before);
  });

  it('refuses giving the admin role to a leader, and a dossier role to an admin', async () => {
    const admin = await loginAs(app, 'admin');
    const leader = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'ld.stc'`)).rows[0]!.id;
    const patch = (id: string, roles: string[]) => app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: bearer(admin), payload: { roles } });
    expect(expectProblem(await patch(leader, ['agency_leader', 'admin']), 409).type).toBe('/problems/separation-of-duties');
    const created = await create(admin, { username: 'qtv.hai', fullName: 'Quản Trị Hai', password: 'mat-khau-dai-du-12', roles: ['admin'], agencyId: justiceId });
    expect(created.statusCode, created.body).toBe(201);
    expect(expectProblem(await patch(created.json<{ id: string }>().id, ['admin', 'feedback_moderator']), 409).type).toBe('/problems/separation-of-duties');
  });

  it('at request time, an account holding both (written straight into the table) cannot act on dossiers or reports', async () => {
    await insertUser(db, { username: 'hai.vai', fullName: 'Hai Vai Trò', roles: ['admin', 'officer', 'feedback_moderator'], agencyId: justiceId, passwordHash: (await db.query<{ h: string }>(`SELECT password_hash AS h FROM users WHERE username = 'admin'`)).rows[0]!.h });
    const token = await loginAs(app, 'hai.vai');
    const assignees = expectProblem(await app.inject({ method: 'GET', url: '/api/dossiers/0190a0a0-0000-7000-8000-000000000000/assignees', headers: bearer(token) }), 403);
    expect(assignees.type).toBe('/problems/forbidden');
    expectProblem(await app.inject({ method: 'GET', url: '/api/feedback/moderation', headers: bearer(token) }), 403);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) })).statusCode).toBe(200);
    const officer = await loginAs(app, 'chuyenvien');
    expect((await app.inject({ method: 'GET', url: '/api/dossiers/0190a0a0-0000-7000-8000-000000000000/assignees', headers: bearer(officer) })).statusCode).toBe(404);
  });
});

describe('POST /api/auth/password', () => {
  const change = (token: string, body: object) => app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(token), payload: body });

  it('changes the password, revokes the other sessions, keeps this one, audits', async () => {
    const other = await loginAs(app, 'dan08');
    const token = await loginAs(app, 'dan08');
    expect((await change(token, { current: DEMO_PASSWORD, next: 'mat-khau-moi-cua-toi' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(other) }), 401);
    expectProblem(await login('dan08'), 401);
    expect((await login('dan08', 'mat-khau-moi-cua-toi')).statusCode).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.password-change' AND actor_name = 'dan08'`)).toBe(1);
  });

  it('refuses a wrong current password (400, counted) and a new one against the policy (400 weak-password)', async () => {
    const token = await loginAs(app, 'ld.syt');
    const wrong = expectProblem(await change(token, { current: 'sai', next: 'mat-khau-rat-dai-moi' }), 400);
    expect(wrong.errors?.map((e) => e.field)).toEqual(['current']);
    expect(await count(`SELECT count(*)::int AS n FROM auth_attempts WHERE key = 'login:subject:user:' || (SELECT id FROM users WHERE username = 'ld.syt')`)).toBe(1);
    for (const next of ['ngan-qua-1', '123456789012', 'ld.syt']) {
      const weak = expectProblem(await change(token, { current: DEMO_PASSWORD, next }), 400);
      expect(weak.type, next).toBe('/problems/weak-password');
      expect(weak.errors?.[0]?.field).toBe('next');
    }
    expectProblem(await change(token, { current: DEMO_PASSWORD }), 400);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.password-change' AND actor_name = 'ld.syt'`)).toBe(0);
  });

  it('needs a session', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/password', payload: { current: DEMO_PASSWORD, next: 'mat-khau-moi-cua-toi' } }), 401);
  });

  it('the policy applies when an account is created: 12 characters for staff', async () => {
    const admin = await loginAs(app, 'admin');
    const body = expectProblem(await app.inject({ method: 'POST', url: '/api/users', headers: bearer(admin), payload: { username: 'cb.ngan', fullName: 'Mật Khẩu Ngắn', password: 'ngan-8-ky', roles: ['officer'], agencyId: justiceId } }), 400);
    expect(body.type).toBe('/problems/weak-password');
  });
});

describe('POST /api/users/{id}/totp-reset', () => {
  const reset = (token: string, id: string) => app.inject({ method: 'POST', url: `/api/users/${id}/totp-reset`, headers: bearer(token) });

  it('clears the enrolment, revokes sessions, is audited; the next login enrols a new secret', async () => {
    const officerToken = await loginAs(app, 'cb.sdttg.1');
    const id = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cb.sdttg.1'`)).rows[0]!.id;
    const admin = await loginAs(app, 'admin');
    const view = async () => (await app.inject({ method: 'GET', url: `/api/users/${id}`, headers: bearer(admin) })).json();
    expect(await view()).toMatchObject({ username: 'cb.sdttg.1', totpEnrolled: true });
    expect((await reset(admin, id)).statusCode).toBe(204);
    expect(await view()).toMatchObject({ username: 'cb.sdttg.1', totpEnrolled: false });
    expectProblem(await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(officerToken) }), 401);
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE id = $1 AND totp_secret IS NULL AND totp_enrolled_at IS NULL`, [id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.totp-reset' AND target_id = $1 AND actor_name = 'admin'`, [id])).toBe(1);
    expect((await login('cb.sdttg.1')).json()).toMatchObject({ mfaRequired: true, enrol: { secret: expect.any(String) } });
  });

  it('answers 404 for an unknown user, 400 for a bad id, 403 to a leader or officer', async () => {
    const admin = await loginAs(app, 'admin');
    expectProblem(await reset(admin, '0190a0a0-0000-7000-8000-000000000000'), 404);
    expectProblem(await reset(admin, 'not-a-uuid'), 400);
    const target = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'motcua'`)).rows[0]!.id;
    for (const who of ['lanhdao', 'chuyenvien', 'congdan']) expectProblem(await reset(await loginAs(app, who), target), 403);
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE id = $1 AND totp_secret IS NOT NULL`, [target])).toBe(1);
  });
});

describe('production start', () => {
  it('refuses while any account still has the demo TOTP secret, naming the fix; starts once reset', async () => {
    const { db: fresh } = await createTestDb('demo');
    // Demo accounts are refused in production anyway; disable them so only the TOTP check speaks.
    await fresh.query('UPDATE users SET is_demo = false');
    const config = testConfig({ NODE_ENV: 'production', SESSION_SECRET: 'production-session-secret-0123456789abcdef', DATABASE_URL: 'postgres://x@127.0.0.1/x', TINHSO_SEED_DEMO: 'false' });
    const refusal = await prepareData(fresh, config);
    expect(refusal).toContain('JBSWY3DPEHPK3PXP');
    expect(refusal).toContain('tinhso users totp-reset --demo-secret');
    await fresh.query(`UPDATE users SET totp_secret = NULL WHERE NOT 'citizen' = ALL(roles)`);
    expect(await prepareData(fresh, config)).toBeUndefined();
  });
});
