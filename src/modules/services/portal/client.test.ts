import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPortal, type PortalEndpoint } from './client.ts';
import { type FakePortal, startFakePortal } from './testing/fake-portal.ts';

describe('callPortal', () => {
  let portal: FakePortal;
  let endpoint: PortalEndpoint;
  beforeAll(async () => {
    portal = await startFakePortal();
    endpoint = { url: portal.url, token: 'tok-abc', unitCode: '000.00.00.H59', timeoutMs: 2000 };
  });
  afterAll(() => portal.close());
  const call = { service: 'DongBoHoSoMC' as const, isUpdating: true, data: [{ MaHoSo: 'X-1' }] };

  it('POSTs JSON with the token as bearer and session, and reads a success code', async () => {
    portal.respondWith(() => ({ status: 200, body: { error_code: '00', message: 'OK' } }));
    expect(await callPortal(endpoint, call)).toEqual({ ok: true, retryable: false, httpStatus: 200, errorCode: '00', message: 'OK', body: { error_code: '00', message: 'OK' } });
    const last = portal.requests.at(-1)!;
    expect(last.headers.authorization).toBe('Bearer tok-abc');
    expect(last.headers['content-type']).toMatch(/^application\/json/);
    expect(last.body).toEqual({ session: 'tok-abc', madonvi: '000.00.00.H59', service: 'DongBoHoSoMC', isUpdating: true, data: [{ MaHoSo: 'X-1' }] });
  });

  it.each([
    ['a 2xx with a refusal code', { status: 200, body: { error_code: '-1', message: 'Mã TTHC không tồn tại' } }, { ok: false, retryable: true, httpStatus: 200, errorCode: '-1' }],
    ['a 500', { status: 500, body: { message: 'Lỗi hệ thống' } }, { ok: false, retryable: true, httpStatus: 500, message: 'Lỗi hệ thống' }],
    ['a 429', { status: 429 }, { ok: false, retryable: true, httpStatus: 429 }],
    ['a 401 (token rotated)', { status: 401 }, { ok: false, retryable: true, httpStatus: 401 }],
    ['a 400 (payload refused)', { status: 400, body: { message: 'Sai định dạng' } }, { ok: false, retryable: false, httpStatus: 400, message: 'Sai định dạng' }],
    ['a 200 with no body', { status: 200 }, { ok: true, httpStatus: 200, errorCode: null }],
  ])('reads %s', async (_what, answer, expected) => {
    portal.respondWith(() => answer);
    expect(await callPortal(endpoint, call)).toMatchObject(expected);
  });

  it('gives up after the timeout when the portal does not answer', async () => {
    portal.respondWith(() => 'hang');
    const started = Date.now();
    const reply = await callPortal({ ...endpoint, timeoutMs: 200 }, call);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(reply).toEqual({ ok: false, retryable: true, httpStatus: null, errorCode: null, message: 'no answer within 200 ms' });
  });

  it('reports a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const reply = await callPortal({ ...endpoint, url: `http://127.0.0.1:${port}/` }, call);
    expect(reply).toMatchObject({ ok: false, retryable: true, httpStatus: null });
    expect(reply.message).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
