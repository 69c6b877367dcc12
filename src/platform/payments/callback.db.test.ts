import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem, testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { recordAudit } from '../audit/index.ts';
import { uuidv7 } from '../db/ids.ts';
import type { Db } from '../db/pool.ts';
import { conflict } from '../http/problems.ts';
import { signCallback } from './callback.ts';
import { onPaymentRecorded } from './hooks.ts';

const SECRET = testConfig().payments.callbackSecret!;
const nowSeconds = () => Math.floor(Date.now() / 1000);

type Ack = { received: true; duplicate: boolean; paymentId: string; status: string };

describe('POST /api/payments/callback', () => {
  let db: Db;
  let app: FastifyInstance;
  const removers: (() => void)[] = [];
  beforeAll(async () => {
    ({ db } = await createTestDb('base'));
    app = await buildTestApp(db);
  });
  afterEach(() => removers.splice(0).forEach((remove) => remove()));

  const post = (raw: string, o: { ts?: number; signature?: string | null; secret?: string; contentType?: string } = {}) => {
    const ts = o.ts ?? nowSeconds();
    const signature = o.signature === undefined ? signCallback(o.secret ?? SECRET, ts, raw) : o.signature;
    return app.inject({
      method: 'POST',
      url: '/api/payments/callback',
      headers: { 'content-type': o.contentType ?? 'application/json', 'x-timestamp': String(ts), ...(signature === null ? {} : { 'x-signature': signature }) },
      payload: raw,
    });
  };
  const callback = (over: Record<string, unknown> = {}) =>
    JSON.stringify({ transactionId: `FT${uuidv7().slice(0, 8)}`, reference: '000.00.04.H59-261123-0001', amount: 50_000, paidAt: '2026-11-23T10:15:00+07:00', provider: 'napas', ...over });
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
  const paymentsWith = (tx: string) => count('SELECT count(*)::int AS n FROM payments WHERE transaction_id = $1', [tx]);

  it('records a correctly signed payment once; no module claims it, so it waits as unmatched', async () => {
    const raw = callback({ transactionId: 'FT-OK-1' });
    const res = await post(raw);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Ack>()).toMatchObject({ received: true, duplicate: false, status: 'unmatched' });
    const { rows } = await db.query('SELECT transaction_id, reference, amount, paid_at, status, provider, raw FROM payments WHERE transaction_id = $1', ['FT-OK-1']);
    expect(rows).toEqual([{
      transaction_id: 'FT-OK-1', reference: '000.00.04.H59-261123-0001', amount: 50_000, paid_at: new Date('2026-11-23T03:15:00Z'),
      status: 'unmatched', provider: 'napas', raw: JSON.parse(raw),
    }]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action LIKE 'payment.%'`, [res.json<Ack>().paymentId])).toBe(2);
  });

  it('hands a new payment to the registered hook, which applies it to its dossier', async () => {
    const dossierId = uuidv7();
    const seen: string[] = [];
    removers.push(onPaymentRecorded(async (_tx, payment) => {
      seen.push(payment.transactionId);
      return payment.reference === 'HS-APPLY' ? { dossierId } : undefined;
    }));
    const res = await post(callback({ transactionId: 'FT-APPLY', reference: 'HS-APPLY' }));
    expect(res.json<Ack>()).toMatchObject({ duplicate: false, status: 'applied' });
    const { rows } = await db.query('SELECT status, dossier_id FROM payments WHERE transaction_id = $1', ['FT-APPLY']);
    expect(rows).toEqual([{ status: 'applied', dossier_id: dossierId }]);
    expect(seen).toEqual(['FT-APPLY']);
  });

  it('answers a replay of the same transaction 200 duplicate, writing and calling nothing again', async () => {
    let calls = 0;
    removers.push(onPaymentRecorded(async () => void (calls += 1)));
    const raw = callback({ transactionId: 'FT-REPLAY' });
    const first = await post(raw);
    const auditBefore = await count('SELECT count(*)::int AS n FROM audit_log');
    const second = await post(raw);
    const resent = await post(raw, { ts: nowSeconds() - 60 });
    for (const res of [second, resent]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Ack>()).toEqual({ ...first.json<Ack>(), duplicate: true });
    }
    expect(await paymentsWith('FT-REPLAY')).toBe(1);
    expect(calls).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(auditBefore);
  });

  it('refuses the same transaction id with another amount (409), keeping the first', async () => {
    await post(callback({ transactionId: 'FT-TWIN', amount: 50_000 }));
    expectProblem(await post(callback({ transactionId: 'FT-TWIN', amount: 5_000_000 })), 409);
    const { rows } = await db.query('SELECT amount FROM payments WHERE transaction_id = $1', ['FT-TWIN']);
    expect(rows).toEqual([{ amount: 50_000 }]);
  });

  it.each([
    ['a wrong secret', { secret: 'x'.repeat(40) }],
    ['no signature', { signature: null }],
    ['a signature that is not hex', { signature: 'not-a-signature' }],
    ['a timestamp 6 minutes old', { ts: nowSeconds() - 360 }],
    ['a timestamp 6 minutes ahead', { ts: nowSeconds() + 360 }],
  ])('answers 401 problem+json for %s and writes nothing', async (_what, options) => {
    const raw = callback({ transactionId: 'FT-BAD-SIG' });
    const body = expectProblem(await post(raw, options), 401);
    expect(body.type).toBe('/problems/invalid-signature');
    expect(await paymentsWith('FT-BAD-SIG')).toBe(0);
  });

  it('binds the timestamp into the signature: a fresh timestamp on an old signature fails', async () => {
    const raw = callback({ transactionId: 'FT-REBIND' });
    const old = nowSeconds() - 600;
    expectProblem(await post(raw, { ts: nowSeconds(), signature: signCallback(SECRET, old, raw) }), 401);
    expectProblem(await post(`${raw} `, { signature: signCallback(SECRET, nowSeconds(), raw) }), 401);
    expect(await paymentsWith('FT-REBIND')).toBe(0);
  });

  it.each([
    ['not JSON', '{"transactionId": "FT-MALFORMED", ', null],
    ['missing fields', JSON.stringify({ transactionId: 'FT-MALFORMED' }), ['reference', 'amount', 'paidAt']],
    ['a fractional amount', callback({ transactionId: 'FT-MALFORMED', amount: 10.5 }), ['amount']],
    ['a date without offset', callback({ transactionId: 'FT-MALFORMED', paidAt: '2026-11-23 10:15' }), ['paidAt']],
  ])('answers 400 for a signed body that is %s, writing nothing', async (_what, raw, fields) => {
    const body = expectProblem(await post(raw as string), 400);
    if (fields) expect(body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(fields as string[]));
    expect(await count('SELECT count(*)::int AS n FROM payments WHERE raw::text LIKE $1', ['%FT-MALFORMED%'])).toBe(0);
  });

  it('answers 415 for a body that is not JSON by content type', async () => {
    expectProblem(await post('transactionId=FT-FORM', { contentType: 'text/plain' }), 415);
    expect(await paymentsWith('FT-FORM')).toBe(0);
  });

  it('keeps a payment a hook refuses as unmatched, rolling back the hook\'s own writes', async () => {
    removers.push(onPaymentRecorded(async (tx, payment) => {
      await recordAudit(tx, { actor: { id: null, name: 'hook' }, action: 'test.hook-write', target: { type: 'test', id: payment.id } });
      throw conflict('Hồ sơ không ở trạng thái chờ nộp phí');
    }));
    const res = await post(callback({ transactionId: 'FT-REFUSED' }));
    expect(res.json<Ack>()).toMatchObject({ status: 'unmatched' });
    const { rows } = await db.query('SELECT status, note FROM payments WHERE transaction_id = $1', ['FT-REFUSED']);
    expect(rows).toEqual([{ status: 'unmatched', note: 'Hồ sơ không ở trạng thái chờ nộp phí' }]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.hook-write'`)).toBe(0);
  });

  it('fails (500) without recording when a hook breaks unexpectedly, so the gateway sends it again', async () => {
    const remove = onPaymentRecorded(async () => {
      throw new Error('database hiccup');
    });
    const raw = callback({ transactionId: 'FT-RETRY-LATER' });
    expectProblem(await post(raw), 500);
    expect(await paymentsWith('FT-RETRY-LATER')).toBe(0);
    remove();
    expect((await post(raw)).json<Ack>()).toMatchObject({ duplicate: false, status: 'unmatched' });
  });

  it('answers 503 when no callback secret is configured (production without PAYMENT_CALLBACK_SECRET)', async () => {
    const production = await buildTestApp(db, { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), TINHSO_ALLOW_EMBEDDED_DB: 'true' });
    const raw = callback({ transactionId: 'FT-NO-SECRET' });
    const ts = nowSeconds();
    const res = await production.inject({
      method: 'POST', url: '/api/payments/callback', payload: raw,
      headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signCallback(SECRET, ts, raw) },
    });
    expectProblem(res, 503);
    expect(await paymentsWith('FT-NO-SECRET')).toBe(0);
  });
});
