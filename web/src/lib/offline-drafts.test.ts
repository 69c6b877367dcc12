import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api.ts';
import { isNetworkError, keepDraft, localKeyOf, sendDraft, type LocalDraft } from './offline-drafts.ts';

const SERVER_ID = '019af3c2-6f1e-7a3b-9c4d-5e6f7a8b9c0d';
const KEY = '6a1c2b4e-0f4d-4a8e-9b7c-2d3e4f5a6b7c';

const draft = (over: Partial<LocalDraft> = {}): LocalDraft => ({
  key: localKeyOf(KEY),
  owner: 'user-1',
  procedureCode: 'ly-lich-tu-phap.cap-phieu',
  serverId: null,
  idempotencyKey: KEY,
  body: { data: { placeOfBirth: 'Tây Ninh' }, documents: [] },
  savedAt: '2026-12-05T01:00:00.000Z',
  ...over,
});

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

/** Replaces fetch with one answering `status` and `body`, and records each request. */
const fakeFetch = (status: number, body: unknown) => {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  });
  return calls;
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sendDraft', () => {
  it('creates a draft that was never on the server with its own Idempotency-Key, as a draft', async () => {
    const calls = fakeFetch(201, { id: SERVER_ID, code: null, status: null, state: 'draft' });
    await expect(sendDraft(draft())).resolves.toBe(SERVER_ID);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: '/api/dossiers', method: 'POST', headers: { 'Idempotency-Key': KEY } });
    expect(calls[0]!.body).toEqual({ procedureCode: 'ly-lich-tu-phap.cap-phieu', data: { placeOfBirth: 'Tây Ninh' }, documents: [], submit: false });
  });

  it('sends the same key again on a second try, so the server makes one dossier', async () => {
    const calls = fakeFetch(201, { id: SERVER_ID, code: null, status: null, state: 'draft' });
    await sendDraft(draft());
    await sendDraft(draft());
    expect(calls.map((c) => c.headers['Idempotency-Key'])).toEqual([KEY, KEY]);
  });

  it('replaces a draft already on the server whole (PATCH)', async () => {
    const calls = fakeFetch(200, { id: SERVER_ID });
    await expect(sendDraft(draft({ key: SERVER_ID, serverId: SERVER_ID }))).resolves.toBe(SERVER_ID);
    expect(calls).toEqual([
      expect.objectContaining({ url: `/api/dossiers/${SERVER_ID}`, method: 'PATCH', body: { data: { placeOfBirth: 'Tây Ninh' }, documents: [] } }),
    ]);
  });

  it('throws the network error when the server cannot be reached (the draft stays for later)', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await sendDraft(draft()).catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
  });

  it("throws the server's refusal (a draft filed meanwhile: 409)", async () => {
    fakeFetch(409, { type: '/problems/conflict', title: 'Xung đột dữ liệu', status: 409 });
    const error = await sendDraft(draft({ key: SERVER_ID, serverId: SERVER_ID })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(isNetworkError(error)).toBe(false);
  });

  it('refuses a record that holds nothing to send', async () => {
    const calls = fakeFetch(201, {});
    await expect(sendDraft(draft({ body: null, sentAs: SERVER_ID }))).rejects.toThrow('nothing to send');
    expect(calls).toEqual([]);
  });
});

describe('keepDraft without IndexedDB', () => {
  it('says the draft could not be kept, so the form shows that it was not saved', async () => {
    await expect(keepDraft(draft())).resolves.toBe(false);
  });
});
