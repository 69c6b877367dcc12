import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, testConfig } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { runOutboxJobs } from '../../../platform/jobs/testing.ts';
import { startFakeSmsGateway } from '../../../platform/notify/testing/fake-sms-gateway.ts';
import { startFakeSmtpServer } from '../../../platform/notify/testing/fake-smtp-server.ts';
import { NOTIFY_QUEUE } from './outbox.ts';
import { act, fileThroughApi, insertFixtureProcedure } from './testing.ts';

/** Citizen notices: queued with the change, delivered by the job over SMTP or the SMS gateway (local fakes). */
let db: Db;
let app: FastifyInstance;
let procedure: string;
let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
let sms: Awaited<ReturnType<typeof startFakeSmsGateway>>;
const runNoticeJobs = (code: string) => runOutboxJobs(db, testConfig({ SMTP_URL: smtp.url, SMS_GATEWAY_URL: sms.url }), NOTIFY_QUEUE, 'code', code);

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  procedure = await insertFixtureProcedure(db);
  smtp = await startFakeSmtpServer();
  sms = await startFakeSmsGateway();
});
afterAll(async () => {
  await smtp.close();
  await sms.close();
});

describe('notices to the citizen', () => {
  it('e-mails a citizen with an address: filing, then receipt with the appointment', async () => {
    const citizen = await loginAs(app, 'congdan');
    const d = await fileThroughApi(app, db, citizen, procedure);
    expect((await act(app, await loginAs(app, 'motcua'), d.id, 'receive')).statusCode).toBe(200);
    expect(await runNoticeJobs(d.code)).toBe(2);
    const mails = smtp.messages.filter((m) => m.subject.includes(d.code));
    expect(mails.map((m) => m.to)).toEqual([['congdan@example.vn'], ['congdan@example.vn']]);
    expect(mails[1]!.subject).toBe(`Hồ sơ đã được tiếp nhận: ${d.code}`);
    expect(mails[1]!.text).toContain('Ngày hẹn trả kết quả:');
    expect(mails[1]!.text).not.toContain('Nguyễn Văn An');
  });

  it('texts a citizen with only a phone number', async () => {
    const citizen = await loginAs(app, 'dan01');
    const d = await fileThroughApi(app, db, citizen, procedure);
    expect(await runNoticeJobs(d.code)).toBe(1);
    const texts = sms.requests.filter((r) => r.body.text?.includes(d.code));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body.to).toMatch(/0913000001$/);
  });

  it('fails the job (to be retried) when the mail server refuses, and queues nothing for a rolled-back change', async () => {
    const citizen = await loginAs(app, 'congdan');
    const d = await fileThroughApi(app, db, citizen, procedure);
    smtp.failNext(2);
    await expect(runNoticeJobs(d.code)).rejects.toThrow();
    const before = (await db.query(`SELECT count(*)::int AS n FROM job_outbox WHERE queue = $1`, [NOTIFY_QUEUE])).rows[0].n;
    const refused = await act(app, await loginAs(app, 'motcua'), d.id, 'refuse', { data: {} });
    expect(refused.statusCode).toBe(422);
    expect((await db.query(`SELECT count(*)::int AS n FROM job_outbox WHERE queue = $1`, [NOTIFY_QUEUE])).rows[0].n).toBe(before);
  });
});
