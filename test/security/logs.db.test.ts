import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { fileOwnedBy, insertFixtureProcedure } from '../../src/modules/services/dossiers/testing.ts';
import { startFakeSmsGateway } from '../../src/platform/notify/testing/fake-sms-gateway.ts';
import { startFakeSmtpServer } from '../../src/platform/notify/testing/fake-smtp-server.ts';
import { signCallback } from '../../src/platform/payments/callback.ts';
import { bearer, DEMO_PASSWORD, testConfig } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { oneUserPerRole, sessionFor, userIdOf } from './callers.ts';
import { apiRoutes, fillPath, isWrite } from './routes.ts';

/**
 * No secret and no personal ID reaches the log: the app runs as in production (debug level, real
 * SMS and e-mail transports) through sign-in, sign-up with one-time codes, cookie sessions, a
 * dossier carrying an ID-card number, signed payment callbacks and every route of the API; then
 * the captured log is searched for each secret and personal value that went through it.
 */
const SECRETS = {
  SESSION_SECRET: 'log-test-session-secret-0123456789-abcdefghij',
  AUDIT_SIGNING_KEY: 'log-test-audit-signing-key-0123456789-abcdef',
  PAYMENT_CALLBACK_SECRET: 'log-test-payment-callback-secret-0123456789',
  SMS_GATEWAY_TOKEN: 'log-test-sms-gateway-token-0123456789',
};
const CCCD = '079203001234';
const WRONG_PASSWORD = 'Mat-Khau-Sai-9876!';
const NEW_PASSWORD = 'Mat-Khau-Moi-Rat-Dai-2468';
const PHONE = '0987654000';
const EMAIL = 'nguoi.dan.moi@example.vn';

const sms = await startFakeSmsGateway();
const smtp = await startFakeSmtpServer();
afterAll(async () => {
  await sms.close();
  await smtp.close();
});
const { db } = await createTestDb('demo');
const stream = new PassThrough();
let log = '';
stream.on('data', (chunk) => (log += chunk));
const config = testConfig({
  ...SECRETS,
  NODE_ENV: 'production',
  LOG_LEVEL: 'debug',
  DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
  SMS_GATEWAY_URL: sms.url,
  SMTP_URL: smtp.url,
});
const app = await buildApp({ config, db, logStream: stream });
await app.ready();
afterAll(() => app.close());

const seen = new Set<string>([...Object.values(SECRETS), CCCD, WRONG_PASSWORD, NEW_PASSWORD, DEMO_PASSWORD, PHONE, EMAIL]);
const remember = (...values: (string | undefined)[]) => values.forEach((v) => v && seen.add(v));

describe('logs', () => {
  it('carry no password, token, one-time code, secret, ID-card number, phone or e-mail', async () => {
    // Sign-in: a wrong password, then the right one; the session used by cookie and by bearer.
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'congdan', password: WRONG_PASSWORD } });
    const session = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'congdan', password: DEMO_PASSWORD } })).json<{ token: string; csrfToken: string }>();
    remember(session.token, session.csrfToken);
    await app.inject({ url: '/api/auth/me', headers: { cookie: `tinhso_session=${session.token}; tinhso_csrf=${session.csrfToken}` } });
    await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: `tinhso_session=${session.token}`, 'x-csrf-token': session.csrfToken } });

    // Sign-up by phone and by e-mail: a wrong code, then the right one.
    await app.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { phone: PHONE } });
    await app.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { email: EMAIL } });
    const codes = [...sms.requests.map((r) => r.body.text ?? ''), ...smtp.messages.map((m) => m.text)].flatMap((t) => /\b\d{6}\b/.exec(t)?.[0] ?? []);
    expect(codes.length).toBe(2);
    remember(...codes);
    await app.inject({ method: 'POST', url: '/api/auth/signup/verify', payload: { phone: PHONE, code: codes[0] === '000000' ? '111111' : '000000', fullName: 'Người Dân Mới', password: NEW_PASSWORD } });
    const signedUp = await app.inject({ method: 'POST', url: '/api/auth/signup/verify', payload: { phone: PHONE, code: codes[0], fullName: 'Người Dân Mới', password: NEW_PASSWORD } });
    expect(signedUp.statusCode, signedUp.body).toBe(201);
    remember(signedUp.json().token);

    // A dossier whose form carries an ID-card number, filed once with a wrong one and once right.
    const procedure = await insertFixtureProcedure(db);
    await db.query(
      `UPDATE procedures SET form = jsonb_set(form, '{properties,idNumber}', '{"type": "string", "title": "Số CCCD", "pattern": "^[0-9]{12}$"}') WHERE code = $1`,
      [procedure],
    );
    const owner = await userIdOf(db, 'congdan');
    const documents = [{ code: 'to-khai', fileId: await fileOwnedBy(db, owner) }, { code: 'can-cuoc', fileId: await fileOwnedBy(db, owner) }];
    for (const idNumber of [`${CCCD}X`, CCCD]) {
      await app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: bearer(session.token),
        payload: { procedureCode: procedure, data: { fullName: 'Nguyễn Văn An', birthDate: '1990-05-17', idNumber }, documents, submit: true },
      });
    }

    // Payment callbacks: one signed, one with a forged signature.
    const body = JSON.stringify({ transactionId: 'TXN-LOG-1', reference: 'KHONG-CO', amount: 50_000, paidAt: new Date().toISOString() });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signCallback(SECRETS.PAYMENT_CALLBACK_SECRET, timestamp, body);
    remember(signature);
    for (const sig of [signature, 'ab'.repeat(32)]) {
      await app.inject({ method: 'POST', url: '/api/payments/callback', headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': sig }, payload: body });
    }

    // Every route of the API, as every role, with the caller's token in both places.
    const users = await oneUserPerRole(db);
    for (const userId of Object.values(users)) {
      const s = await sessionFor(app, userId);
      remember(s.token, s.csrfToken);
      for (const route of apiRoutes(app)) {
        await app.inject({
          method: route.method as 'GET',
          url: `${fillPath(route.url, () => 'x')}?q=${PHONE}&token=${s.token}&cccd=${CCCD}`,
          headers: { authorization: `Bearer ${s.token}`, cookie: `tinhso_session=${s.token}`, 'x-csrf-token': s.csrfToken },
          ...(isWrite(route.method) ? { payload: { password: NEW_PASSWORD, idNumber: CCCD } } : {}),
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));

    const lines = log.trim().split('\n');
    expect(lines.length).toBeGreaterThan(500);
    const leaks = [...seen].flatMap((value) => lines.filter((l) => l.includes(value)).slice(0, 2).map((l) => `${value.slice(0, 12)}… in ${l.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });
});
