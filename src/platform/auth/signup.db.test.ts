import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { startFakeSmsGateway } from '../notify/testing/fake-sms-gateway.ts';
import { startFakeSmtpServer } from '../notify/testing/fake-smtp-server.ts';
import { SESSION_COOKIE } from './access.ts';

let db: Db;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
let sms: Awaited<ReturnType<typeof startFakeSmsGateway>>;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  smtp = await startFakeSmtpServer();
  sms = await startFakeSmsGateway();
  app = await buildTestApp(db, { SMTP_URL: smtp.url, SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: 'gateway-token' });
});
afterAll(async () => {
  await smtp.close();
  await sms.close();
});

let ipCounter = 0;
const freshIp = () => `10.2.0.${(ipCounter += 1)}`;

const start = (payload: object, remoteAddress = freshIp()) => app.inject({ method: 'POST', url: '/api/auth/signup/start', payload, remoteAddress });
const verify = (payload: object, remoteAddress = freshIp()) => app.inject({ method: 'POST', url: '/api/auth/signup/verify', payload, remoteAddress });
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const writes = () => count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM otp_codes) + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM audit_log) AS n');

const codeIn = (text: string | undefined) => /\b(\d{6})\b/.exec(text ?? '')?.[1];
const lastSmsTo = (phone: string) => sms.requests.filter((r) => r.body.to === phone).at(-1);
const lastMailTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email)).at(-1);

describe('sign-up by SMS', () => {
  it('sends a code to the normalised number, then creates a citizen and a session with it', async () => {
    const res = await start({ phone: '+84 933 111 222' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ channel: 'sms', sentTo: '09******22', expiresInSeconds: 600 });
    const delivered = lastSmsTo('0933111222')!;
    expect(delivered.authorization).toBe('Bearer gateway-token');
    const code = codeIn(delivered.body.text)!;
    expect(code).toMatch(/^\d{6}$/);
    const { rows: stored } = await db.query<{ code_hash: string; expires_at: Date; channel: string }>(
      `SELECT code_hash, expires_at, channel FROM otp_codes WHERE destination = '0933111222'`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);
    expect(stored[0]!.expires_at.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

    const done = await verify({ phone: '0933111222', code, fullName: '  Nguyễn Thị  Hoà ', password: 'mat-khau-moi-1' });
    expect(done.statusCode, done.body).toBe(201);
    const body = done.json<{ token: string; user: { id: string; username: string; fullName: string; roles: string[] } }>();
    expect(body.user).toMatchObject({ username: '0933111222', fullName: 'Nguyễn Thị Hòa', roles: ['citizen'], agencyId: null });
    expect(done.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe(body.token);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) })).json()).toMatchObject({ user: { id: body.user.id } });
    const { rows } = await db.query(`SELECT phone, email FROM users WHERE id = $1`, [body.user.id]);
    expect(rows[0]).toEqual({ phone: '0933111222', email: null });
    const audited = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [body.user.id]);
    expect(audited.rows.map((r) => r.action)).toEqual(['user.signup', 'session.login']);

    // The password works for a later login (by phone), and the code cannot be used twice.
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '+84933111222', password: 'mat-khau-moi-1' } });
    expect(login.statusCode).toBe(200);
    const again = expectProblem(await verify({ phone: '0933111222', code, fullName: 'Ai Đó', password: 'mat-khau-moi-1', username: 'aido' }), 400);
    expect(again.type).toBe('/problems/invalid-code');
  });

  it('answers a wrong code with 400 invalid-code and counts the try on the code', async () => {
    await start({ phone: '0933111333' });
    const code = codeIn(lastSmsTo('0933111333')!.body.text)!;
    const wrong = code === '000000' ? '000001' : '000000';
    const before = await count('SELECT count(*)::int AS n FROM users');
    expect(expectProblem(await verify({ phone: '0933111333', code: wrong, fullName: 'Lê Văn Tám', password: 'mat-khau-1234' }), 400).type).toBe('/problems/invalid-code');
    expect(await count(`SELECT attempts AS n FROM otp_codes WHERE destination = '0933111333'`)).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(before);
    expect((await verify({ phone: '0933111333', code, fullName: 'Lê Văn Tám', password: 'mat-khau-1234' })).statusCode).toBe(201);
  });

  it('refuses an expired code and writes nothing', async () => {
    await start({ phone: '0933111444' });
    const code = codeIn(lastSmsTo('0933111444')!.body.text)!;
    await db.query(`UPDATE otp_codes SET expires_at = now() - interval '1 second' WHERE destination = '0933111444'`);
    const before = await count('SELECT count(*)::int AS n FROM users');
    expect(expectProblem(await verify({ phone: '0933111444', code, fullName: 'Lê Văn Tám', password: 'mat-khau-1234' }), 400).type).toBe('/problems/invalid-code');
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(before);
  });

  it('refuses the right code once the code has used up its 5 tries', async () => {
    await start({ phone: '0933111555' });
    const code = codeIn(lastSmsTo('0933111555')!.body.text)!;
    await db.query(`UPDATE otp_codes SET attempts = 5 WHERE destination = '0933111555'`);
    expectProblem(await verify({ phone: '0933111555', code, fullName: 'Lê Văn Tám', password: 'mat-khau-1234' }), 400);
  });

  it('blocks verification after 5 wrong codes for a number (429), even with the right code', async () => {
    await start({ phone: '0933111666' });
    const code = codeIn(lastSmsTo('0933111666')!.body.text)!;
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i += 1) expectProblem(await verify({ phone: '0933111666', code: wrong, fullName: 'X Y', password: 'mat-khau-1234' }), 400);
    const blocked = await verify({ phone: '0933111666', code, fullName: 'X Y', password: 'mat-khau-1234' });
    expect(expectProblem(blocked, 429).type).toBe('/problems/rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a new code replaces the previous one', async () => {
    await start({ phone: '0933111777' });
    const first = codeIn(lastSmsTo('0933111777')!.body.text)!;
    await start({ phone: '0933111777' });
    const second = codeIn(lastSmsTo('0933111777')!.body.text)!;
    if (first !== second) expectProblem(await verify({ phone: '0933111777', code: first, fullName: 'Đinh Văn Bảy', password: 'mat-khau-1234' }), 400);
    expect((await verify({ phone: '0933111777', code: second, fullName: 'Đinh Văn Bảy', password: 'mat-khau-1234' })).statusCode).toBe(201);
  });
});

describe('sign-up by e-mail', () => {
  it('mails the code, and the chosen username is used', async () => {
    const res = await start({ email: ' Moi.Dan@Example.VN ' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ channel: 'email', sentTo: 'm***@example.vn' });
    const mail = lastMailTo('moi.dan@example.vn')!;
    expect(mail.subject).toBe('Mã xác thực đăng ký tài khoản Tỉnh số');
    const code = codeIn(mail.text)!;
    const done = await verify({ email: 'moi.dan@example.vn', code, fullName: 'Trương Mỹ Lan', password: 'mat-khau-1234', username: 'truongmylan' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ user: { username: 'truongmylan', fullName: 'Trương Mỹ Lan', roles: ['citizen'] } });
  });

  it('answers 409 for a taken username and leaves the code usable', async () => {
    await start({ email: 'ten.trung@example.vn' });
    const code = codeIn(lastMailTo('ten.trung@example.vn')!.text)!;
    const taken = expectProblem(await verify({ email: 'ten.trung@example.vn', code, fullName: 'Tên Trùng', password: 'mat-khau-1234', username: 'admin' }), 409);
    expect(taken.errors).toEqual([{ field: 'username', message: 'Tên đăng nhập đã được dùng' }]);
    expect((await verify({ email: 'ten.trung@example.vn', code, fullName: 'Tên Trùng', password: 'mat-khau-1234', username: 'tentrung' })).statusCode).toBe(201);
  });
});

describe('no account enumeration', () => {
  it('answers a taken number exactly like a free one, sends a notice without a code, and no code can succeed', async () => {
    const taken = await start({ phone: '0912000001' }); // congdan's number
    const free = await start({ phone: '0933999001' });
    expect(taken.statusCode).toBe(202);
    expect(taken.json()).toEqual({ ...free.json<object>(), sentTo: '09******01' });
    const notice = lastSmsTo('0912000001')!.body.text!;
    expect(codeIn(notice)).toBeUndefined();
    expect(notice).toContain('đã gắn với một tài khoản');
    expect(await count(`SELECT count(*)::int AS n FROM otp_codes WHERE destination = '0912000001'`)).toBe(0);
    expectProblem(await verify({ phone: '0912000001', code: '123456', fullName: 'Kẻ Giả Mạo', password: 'mat-khau-1234' }), 400);
  });
});

describe('sending limits', () => {
  it('sends at most 5 codes to one number in 15 minutes (429 with Retry-After)', async () => {
    for (let i = 0; i < 5; i += 1) expect((await start({ phone: '0933222111' })).statusCode).toBe(202);
    const sent = sms.requests.length;
    const blocked = await start({ phone: '0933222111' });
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(sms.requests.length).toBe(sent);
  });

  it('sends at most 5 codes from one address in 15 minutes', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) expect((await start({ phone: `093322300${i}` }, ip)).statusCode).toBe(202);
    expectProblem(await start({ phone: '0933223009' }, ip), 429);
  });

  it('answers 503 when the gateway fails (after its retry)', async () => {
    sms.answerNext(500, 500);
    expect(expectProblem(await start({ phone: '0933224001' }), 503).type).toBe('/problems/unavailable');
  });
});

describe('bad input (400, nothing written, nothing sent)', () => {
  it.each([
    [{}, 'phone'],
    [{ phone: '0933111888', email: 'a@example.vn' }, 'phone'],
    [{ phone: '12345' }, 'phone'],
    [{ email: 'not-an-email' }, 'email'],
  ])('start %j', async (payload, field) => {
    const before = await writes();
    const sent = sms.requests.length + smtp.messages.length;
    const body = expectProblem(await start(payload), 400);
    expect(body.errors?.map((e) => e.field)).toContain(field);
    expect(await writes()).toBe(before);
    expect(sms.requests.length + smtp.messages.length).toBe(sent);
  });

  it.each([
    [{ phone: '0933111999', code: '12345', fullName: 'A B', password: 'mat-khau-1234' }, 'code'],
    [{ phone: '0933111999', code: '123456', fullName: 'A B', password: 'short' }, 'password'],
    [{ phone: '0933111999', code: '123456', fullName: '', password: 'mat-khau-1234' }, 'fullName'],
    [{ phone: '0933111999', code: '123456', fullName: 'A B', password: 'mat-khau-1234', username: '9bad' }, 'username'],
  ])('verify %j', async (payload, field) => {
    const before = await writes();
    const body = expectProblem(await verify(payload), 400);
    expect(body.errors?.map((e) => e.field)).toContain(field);
    expect(await writes()).toBe(before);
  });
});

describe('production without a transport', () => {
  it('answers 503 rather than pretending to send, and stores no code', async () => {
    const prod = await buildTestApp(db, { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://unused@127.0.0.1/unused' });
    const before = await count('SELECT count(*)::int AS n FROM otp_codes');
    const res = await prod.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { email: 'prod@example.vn' }, remoteAddress: freshIp() });
    expectProblem(res, 503);
    expect(await count('SELECT count(*)::int AS n FROM otp_codes')).toBe(before);
  });
});
