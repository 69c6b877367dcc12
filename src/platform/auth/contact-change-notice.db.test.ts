import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs, testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { runOutboxJobs } from '../jobs/testing.ts';
import { startFakeSmsGateway } from '../notify/testing/fake-sms-gateway.ts';
import { startFakeSmtpServer } from '../notify/testing/fake-smtp-server.ts';
import { CONTACT_CHANGED_QUEUE } from './contact-change-notice.ts';

/** An administrator changes an officer's contacts: the person hears of it at the old ones (local SMTP and SMS fakes) and in their inbox. */
let db: Db;
let app: FastifyInstance;
let admin: Record<string, string>;
let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
let sms: Awaited<ReturnType<typeof startFakeSmsGateway>>;
/** Runs the waiting contact-change jobs of `username` as a worker would; answers how many ran. */
const runNotices = (username: string) => runOutboxJobs(db, testConfig({ SMTP_URL: smtp.url, SMS_GATEWAY_URL: sms.url }), CONTACT_CHANGED_QUEUE, 'username', username);

const newOfficer = async (username: string, contacts: object) => {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`);
  const res = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin,
    payload: { username, fullName: 'Cán Bộ Liên Hệ', password: 'mat-khau-1234', roles: ['officer'], agencyId: rows[0]!.id, ...contacts },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  admin = bearer(await loginAs(app, 'admin'));
  smtp = await startFakeSmtpServer();
  sms = await startFakeSmsGateway();
});
afterAll(async () => {
  await smtp.close();
  await sms.close();
});

describe('notice of a contact change', () => {
  it('goes to the old e-mail and the old phone, never to the new ones, and to the inbox', async () => {
    const id = await newOfficer('cb.lienhe.cu', { email: 'cu@example.vn', phone: '0912777001' });
    const res = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { email: 'moi@example.vn', phone: '0912777002' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await runNotices('cb.lienhe.cu')).toBe(2);

    const mails = smtp.messages.filter((m) => m.text.includes('cb.lienhe.cu'));
    expect(mails.map((m) => m.to)).toEqual([['cu@example.vn']]);
    expect(mails[0]!.subject).toBe('Thông tin liên hệ của tài khoản đã được thay đổi');
    expect(mails[0]!.text).toMatch(/đã được quản trị viên thay đổi lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    expect(mails[0]!.text).not.toContain('moi@example.vn');
    const texts = sms.requests.filter((r) => r.body.text?.includes('cb.lienhe.cu'));
    expect(texts.map((r) => r.body.to)).toEqual(['0912777001']);

    const { rows } = await db.query(`SELECT kind, title, link FROM notifications WHERE user_id = $1`, [id]);
    expect(rows).toEqual([{ kind: 'account.contact-changed', title: 'Thông tin liên hệ của tài khoản đã được thay đổi', link: '/profile' }]);
  });

  it('sends nothing out when no contact was replaced: a first contact, or a change of name', async () => {
    const id = await newOfficer('cb.lienhe.moi', {});
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { email: 'lan.dau@example.vn' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { fullName: 'Cán Bộ Đổi Tên' } })).statusCode).toBe(200);
    expect(await runNotices('cb.lienhe.moi')).toBe(0);
    // The inbox still says the e-mail was set by someone else.
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'account.contact-changed'`, [id]);
    expect(rows[0]!.n).toBe(1);
  });

  it('queues nothing when the change is refused', async () => {
    const id = await newOfficer('cb.lienhe.tu.choi', { email: 'giu@example.vn' });
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { email: 'congdan@example.vn' } })).statusCode).toBe(409);
    expect(await runNotices('cb.lienhe.tu.choi')).toBe(0);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [id]);
    expect(rows[0]!.n).toBe(0);
  });
});
