import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/helpers/app.ts';
import { createTestDb } from '../../test/helpers/db.ts';
import { buildApp } from './app.ts';

describe('logs', () => {
  it('carry the request id on every line and never a password, token, OTP or ID number', async () => {
    const { db } = await createTestDb('demo');
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    const app = await buildApp({ config: testConfig({ LOG_LEVEL: 'debug' }), db, logStream: stream });
    afterAll(() => app.close());

    const secretPassword = 'Sai-Mat-Khau-9876';
    await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-request-id': 'req-log-test-1' }, payload: { username: 'congdan', password: secretPassword } });
    const ok = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'congdan', password: 'demo1234' } });
    const token: string = ok.json().token;
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}`, cookie: `tinhso_session=${token}` } });
    await app.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { phone: '0987654321' } });
    await app.inject({ url: '/api/public/dossiers/000.00.00.H59-261206-0001?token=in-the-query', headers: { 'x-request-id': 'req-log-test-2' } });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
    const requestLines = lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThanOrEqual(8);
    for (const line of requestLines) expect(line.reqId).toBeTruthy();
    expect(lines.some((l) => l.reqId === 'req-log-test-1')).toBe(true);
    // The completed line of a request: its path without the query, its status and time.
    const completed = lines.find((l) => l.reqId === 'req-log-test-2' && l.msg === 'request completed') as Record<string, unknown> | undefined;
    expect(completed).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/public/dossiers/000.00.00.H59-261206-0001', id: 'req-log-test-2' }, res: { statusCode: 404 } });
    expect(completed?.responseTime).toEqual(expect.any(Number));
    expect(text).not.toContain('in-the-query');
    expect(text).not.toContain(secretPassword);
    expect(text).not.toContain('demo1234');
    expect(text).not.toContain(token);
    // The one-time code is logged in development only, as the delivery of the message itself.
    const otpLine = lines.find((l) => /\b\d{6}\b/.test(JSON.stringify(l)) && JSON.stringify(l).includes('0987654321'));
    expect(otpLine === undefined || !('password' in otpLine)).toBe(true);
  });
});
