import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, DEMO_PASSWORD, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { totpCode, totpStep } from './totp.ts';
import { DEMO_TOTP_SECRET } from './totp-secrets.ts';

/**
 * The second factor: who needs it, the exact contract shapes (checked by outside scripts), wrong,
 * replayed and recovery codes, tickets (single use, five minutes, bound to the user), and
 * enrolment of an official who has no authenticator yet.
 */
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
});

let ipCounter = 0;
const freshIp = () => `10.2.0.${(ipCounter += 1)}`;

const login = (username: string, password = DEMO_PASSWORD, remoteAddress = freshIp()) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
const totp = (ticket: string, code: string, remoteAddress = freshIp()) =>
  app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket, code }, remoteAddress });
const ticketOf = async (username: string) => (await login(username)).json<{ ticket: string }>().ticket;
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
/** The demo secret's code `offset` steps from now (each test uses its own account, so steps do not collide). */
const code = (offset = 0, secret = DEMO_TOTP_SECRET) => totpCode(secret, totpStep() + offset);

describe('who needs a second factor', () => {
  it('an officer: login answers 200 { mfaRequired: true, ticket } and nothing else — no token, no cookie', async () => {
    const res = await login('motcua');
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['mfaRequired', 'ticket']);
    expect(body.mfaRequired).toBe(true);
    expect(body.ticket).toEqual(expect.stringMatching(/^[\w-]{40,}$/));
    expect(res.cookies).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'motcua'`)).toBe(0);
  });

  it('every non-citizen role (leader, admin, moderator, Party member) and never a citizen', async () => {
    for (const username of ['lanhdao', 'admin', 'kiemduyet', 'dangvien', 'lanhdaotinh']) {
      expect((await login(username)).json(), username).toMatchObject({ mfaRequired: true });
    }
    const citizen = (await login('congdan')).json<Record<string, unknown>>();
    expect(citizen).toMatchObject({ token: expect.any(String), user: { username: 'congdan' } });
    expect(citizen).not.toHaveProperty('mfaRequired');
  });

  it('POST /api/auth/totp { ticket, code } completes with { token, csrfToken, user } and the cookies', async () => {
    const res = await totp(await ticketOf('chuyenvien'), code());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ token: string; csrfToken: string; user: { username: string } }>();
    expect(Object.keys(body).sort()).toEqual(['csrfToken', 'token', 'user']);
    expect(body.user.username).toBe('chuyenvien');
    expect(res.cookies.map((c) => c.name).sort()).toEqual(['tinhso_csrf', 'tinhso_session']);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
    expect(me.json()).toMatchObject({ user: { username: 'chuyenvien' } });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.login' AND actor_name = 'chuyenvien'`)).toBe(1);
  });

  it('the demo secret is stored encrypted, never in plain text', async () => {
    const { rows } = await db.query<{ totp_secret: string }>(`SELECT totp_secret FROM users WHERE username = 'motcua'`);
    expect(rows[0]!.totp_secret).toMatch(/^v1\./);
    expect(rows[0]!.totp_secret).not.toContain(DEMO_TOTP_SECRET);
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE 'citizen' = ALL(roles) AND totp_secret IS NOT NULL`)).toBe(0);
  });
});

describe('codes', () => {
  it('refuses a wrong code with 400 invalid-code and opens no session; the ticket stays usable', async () => {
    const ticket = await ticketOf('cb.snv.1');
    const wrong = expectProblem(await totp(ticket, code() === '000000' ? '111111' : '000000'), 400);
    expect(wrong.type).toBe('/problems/invalid-code');
    expect(await count(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'cb.snv.1'`)).toBe(0);
    expect((await totp(ticket, code())).statusCode).toBe(200);
  });

  it('accepts the previous and next step, not two away', async () => {
    expect((await totp(await ticketOf('cb.stc.1'), code(-1))).statusCode).toBe(200);
    expectProblem(await totp(await ticketOf('cb.sxd.1'), code(2)), 400);
    expect((await totp(await ticketOf('cb.sxd.1'), code(1))).statusCode).toBe(200);
  });

  it('refuses a code once used (replay), and an older one, even with a new ticket', async () => {
    const used = code();
    expect((await totp(await ticketOf('cb.syt.1'), used)).statusCode).toBe(200);
    expect(expectProblem(await totp(await ticketOf('cb.syt.1'), used), 400).type).toBe('/problems/invalid-code');
    expectProblem(await totp(await ticketOf('cb.syt.1'), code(-1)), 400);
    expect((await totp(await ticketOf('cb.syt.1'), code(1))).statusCode).toBe(200);
  });

  it('a code of another secret is refused', async () => {
    expectProblem(await totp(await ticketOf('cb.sct.1'), code(0, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')), 400);
  });
});

describe('tickets', () => {
  it('are single use', async () => {
    const ticket = await ticketOf('cb.skhcn.1');
    expect((await totp(ticket, code())).statusCode).toBe(200);
    expect(expectProblem(await totp(ticket, code(1)), 401).type).toBe('/problems/login-ticket-invalid');
  });

  it('expire after five minutes', async () => {
    const ticket = await ticketOf('cb.sgddt.1');
    const { rows } = await db.query<{ ttl: number }>(`SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM login_tickets ORDER BY created_at DESC LIMIT 1`);
    expect(rows[0]!.ttl).toBe(300);
    await db.query(`UPDATE login_tickets SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'cb.sgddt.1')`);
    expect(expectProblem(await totp(ticket, code()), 401).type).toBe('/problems/login-ticket-invalid');
  });

  it('are bound to their user: an unknown or made-up ticket is refused, a disabled user cannot finish', async () => {
    expectProblem(await totp('x'.repeat(43), code()), 401);
    const ticket = await ticketOf('cb.sdttg.1');
    await db.query(`UPDATE users SET disabled_at = now() WHERE username = 'cb.sdttg.1'`);
    expectProblem(await totp(ticket, code()), 401);
    await db.query(`UPDATE users SET disabled_at = NULL WHERE username = 'cb.sdttg.1'`);
  });

  it('bad bodies answer 400 problem+json and write nothing', async () => {
    const before = await count('SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM auth_attempts) + (SELECT count(*) FROM audit_log) AS n');
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket: 'abc' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/totp', payload: { code: '123456' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket: 1, code: [] } }), 400);
    expect(await count('SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM auth_attempts) + (SELECT count(*) FROM audit_log) AS n')).toBe(before);
  });
});

describe('enrolment and recovery codes', () => {
  const createOfficer = async (username: string) => {
    const admin = await loginAs(app, 'admin');
    const justice = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;
    const res = await app.inject({
      method: 'POST', url: '/api/users', headers: bearer(admin),
      payload: { username, fullName: 'Cán Bộ Mới', password: 'mat-khau-can-bo-moi', roles: ['officer'], agencyId: justice },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('an official without a secret is offered one; the first right code enrols and answers ten recovery codes once', async () => {
    await createOfficer('cb.moi.totp');
    const first = await login('cb.moi.totp', 'mat-khau-can-bo-moi');
    const body = first.json<{ mfaRequired: true; ticket: string; enrol: { secret: string; otpauthUri: string } }>();
    expect(Object.keys(body).sort()).toEqual(['enrol', 'mfaRequired', 'ticket']);
    expect(body.enrol.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.enrol.otpauthUri).toBe(`otpauth://totp/T%E1%BB%89nh%20s%E1%BB%91%3Acb.moi.totp?secret=${body.enrol.secret}&issuer=T%E1%BB%89nh%20s%E1%BB%91&algorithm=SHA1&digits=6&period=30`);
    // The demo secret is not theirs.
    expectProblem(await totp(body.ticket, code()), 400);
    const done = await totp(body.ticket, code(0, body.enrol.secret));
    expect(done.statusCode, done.body).toBe(200);
    const answer = done.json<{ token: string; recoveryCodes: string[] }>();
    expect(answer.recoveryCodes).toHaveLength(10);
    expect(new Set(answer.recoveryCodes).size).toBe(10);
    for (const c of answer.recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const stored = await db.query<{ code_hash: string }>(`SELECT code_hash FROM totp_recovery_codes WHERE user_id = (SELECT id FROM users WHERE username = 'cb.moi.totp')`);
    expect(stored.rows).toHaveLength(10);
    expect(stored.rows.map((r) => r.code_hash)).not.toContain(answer.recoveryCodes[0]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.totp-enrol' AND actor_name = 'cb.moi.totp'`)).toBe(1);

    // Enrolled now: the next login offers no secret, and the enrolled secret's next code works.
    const again = (await login('cb.moi.totp', 'mat-khau-can-bo-moi')).json<Record<string, unknown>>();
    expect(Object.keys(again).sort()).toEqual(['mfaRequired', 'ticket']);
    const next = await totp(again.ticket as string, code(1, body.enrol.secret));
    expect(next.statusCode).toBe(200);
    expect(next.json()).not.toHaveProperty('recoveryCodes');

    // A recovery code works once, in place of the code, in any case and with or without the dash.
    const [first1, second] = answer.recoveryCodes as [string, string];
    const viaRecovery = await totp(await ticketOf2('cb.moi.totp'), first1.toLowerCase());
    expect(viaRecovery.statusCode, viaRecovery.body).toBe(200);
    expectProblem(await totp(await ticketOf2('cb.moi.totp'), first1), 400);
    expect((await totp(await ticketOf2('cb.moi.totp'), second.replace('-', ''))).statusCode).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM totp_recovery_codes WHERE used_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'cb.moi.totp')`)).toBe(8);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.recovery-code-use' AND actor_name = 'cb.moi.totp'`)).toBe(2);
  });

  const ticketOf2 = async (username: string) => (await login(username, 'mat-khau-can-bo-moi')).json<{ ticket: string }>().ticket;

  it('a recovery code of another user is refused', async () => {
    await createOfficer('cb.khac.totp');
    const enrol = (await login('cb.khac.totp', 'mat-khau-can-bo-moi')).json<{ ticket: string; enrol: { secret: string } }>();
    const codes = (await totp(enrol.ticket, code(0, enrol.enrol.secret))).json<{ recoveryCodes: string[] }>().recoveryCodes;
    expectProblem(await totp(await ticketOf2('cb.moi.totp'), codes[0]!), 400);
  });
});
