import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifierFor, NotifyError } from './index.ts';
import { startFakeSmsGateway } from './testing/fake-sms-gateway.ts';
import { startFakeSmtpServer } from './testing/fake-smtp-server.ts';

type Logged = { level: 'info' | 'warn'; obj: object; msg: string };
const recorder = () => {
  const lines: Logged[] = [];
  return {
    lines,
    log: { info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }), warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }) },
  };
};

const config = (over: { smtpUrl?: string; gatewayUrl?: string; token?: string; isProduction?: boolean } = {}) => ({
  isProduction: over.isProduction ?? false,
  mail: { smtpUrl: over.smtpUrl, from: 'Tỉnh số <no-reply@tinhso.test>' },
  sms: { gatewayUrl: over.gatewayUrl, token: over.token },
});

describe('e-mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
  });
  afterAll(() => smtp.close());
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  it('delivers the message with subject and Vietnamese text intact, and logs nothing', async () => {
    const { lines, log } = recorder();
    const notifier = notifierFor(config({ smtpUrl: smtp.url }), log);
    expect(notifier.channels.email).toBe('transport');
    await notifier.sendEmail({ to: 'cong.dan@example.vn', subject: 'Mã xác thực Tỉnh số', text: 'Mã của bạn là 123456. Hiệu lực 10 phút.' });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.to).toEqual(['cong.dan@example.vn']);
    expect(mail!.subject).toBe('Mã xác thực Tỉnh số');
    expect(mail!.text).toBe('Mã của bạn là 123456. Hiệu lực 10 phút.');
    expect(mail!.raw).toMatch(/^From: .*no-reply@tinhso\.test/m);
    expect(lines).toEqual([]);
  });

  it('retries once after a failed delivery', async () => {
    const notifier = notifierFor(config({ smtpUrl: smtp.url }), recorder().log);
    smtp.failNext(1);
    await notifier.sendEmail({ to: 'a@example.vn', subject: 'S', text: 'lần hai' });
    expect(smtp.messages.map((m) => m.text)).toEqual(['lần hai']);
  });

  it('gives up after the retry fails too', async () => {
    const notifier = notifierFor(config({ smtpUrl: smtp.url }), recorder().log);
    smtp.failNext(2);
    await expect(notifier.sendEmail({ to: 'a@example.vn', subject: 'S', text: 'x' })).rejects.toBeInstanceOf(NotifyError);
    expect(smtp.messages).toEqual([]);
  });
});

describe('SMS through the HTTP gateway', () => {
  let gateway: Awaited<ReturnType<typeof startFakeSmsGateway>>;
  beforeAll(async () => {
    gateway = await startFakeSmsGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    gateway.requests.length = 0;
  });

  it('posts JSON { to, text } with the bearer token', async () => {
    const notifier = notifierFor(config({ gatewayUrl: gateway.url, token: 'gw-secret' }), recorder().log);
    await notifier.sendSms({ to: '0912345678', text: 'Mã xác thực: 654321' });
    expect(gateway.requests).toEqual([
      { authorization: 'Bearer gw-secret', contentType: 'application/json', body: { to: '0912345678', text: 'Mã xác thực: 654321' } },
    ]);
  });

  it('retries once on a 5xx answer', async () => {
    const notifier = notifierFor(config({ gatewayUrl: gateway.url, token: 't' }), recorder().log);
    gateway.answerNext(503);
    await notifier.sendSms({ to: '0912345678', text: 'x' });
    expect(gateway.requests).toHaveLength(2);
  });

  it('does not retry a 4xx refusal, and reports it', async () => {
    const notifier = notifierFor(config({ gatewayUrl: gateway.url, token: 't' }), recorder().log);
    gateway.answerNext(400);
    await expect(notifier.sendSms({ to: '0912345678', text: 'x' })).rejects.toThrow(/400/);
    expect(gateway.requests).toHaveLength(1);
  });

  it('times out a gateway that does not answer, retries once, then fails', async () => {
    const notifier = notifierFor(config({ gatewayUrl: gateway.url, token: 't' }), recorder().log, { timeoutMs: 200 });
    gateway.hangNext(2);
    const started = Date.now();
    await expect(notifier.sendSms({ to: '0912345678', text: 'x' })).rejects.toBeInstanceOf(NotifyError);
    expect(gateway.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('without a transport', () => {
  it('logs the whole message outside production (the developer reads the code there)', async () => {
    const { lines, log } = recorder();
    const notifier = notifierFor(config(), log);
    expect(notifier.channels).toEqual({ email: 'log', sms: 'log' });
    await notifier.sendSms({ to: '0912345678', text: 'Mã xác thực: 111222' });
    await notifier.sendEmail({ to: 'a@example.vn', subject: 'S', text: 'Mã: 333444' });
    expect(JSON.stringify(lines)).toContain('111222');
    expect(JSON.stringify(lines)).toContain('333444');
  });

  it('refuses in production and never logs the text', async () => {
    const { lines, log } = recorder();
    const notifier = notifierFor(config({ isProduction: true }), log);
    expect(notifier.channels).toEqual({ email: 'none', sms: 'none' });
    await expect(notifier.sendSms({ to: '0912345678', text: 'Mã xác thực: 555666' })).rejects.toBeInstanceOf(NotifyError);
    await expect(notifier.sendEmail({ to: 'a@example.vn', subject: 'S', text: 'Mã: 777888' })).rejects.toBeInstanceOf(NotifyError);
    expect(lines.length).toBe(2);
    expect(JSON.stringify(lines)).not.toMatch(/555666|777888|0912345678/);
  });
});
