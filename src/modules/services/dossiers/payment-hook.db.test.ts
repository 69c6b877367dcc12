import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { SIGNATURE_HEADER, signCallback, TIMESTAMP_HEADER } from '../../../platform/payments/index.ts';
import { act, fileThroughApi, insertFixtureProcedure } from './testing.ts';

/** The payment gateway's signed callback settles the fee of the dossier its reference names. */
let db: Db;
let app: FastifyInstance;
let procedure: string;
let citizen: string;
let officer: string;

const callback = (body: object) => {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  return app.inject({
    method: 'POST',
    url: '/api/payments/callback',
    headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signCallback(app.config.payments.callbackSecret!, timestamp, raw) },
    payload: raw,
  });
};
const payEvents = async (id: string) =>
  (await db.query(`SELECT e.actor_name, e.transaction_id FROM workflow_events e JOIN workflow_cases c ON c.id = e.case_id WHERE c.subject_id = $1 AND e.action = 'pay'`, [id])).rows;
const awaitingFee = async (amount: number) => {
  const d = await fileThroughApi(app, db, citizen, procedure);
  expect((await act(app, officer, d.id, 'receive')).statusCode).toBe(200);
  expect((await act(app, officer, d.id, 'request_fee', { data: { amount } })).statusCode).toBe(200);
  return d;
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  procedure = await insertFixtureProcedure(db);
  citizen = await loginAs(app, 'congdan');
  officer = await loginAs(app, 'motcua');
});

describe('fee paid through the gateway', () => {
  it('moves the dossier on (paid online) once, however often the gateway reports the transfer', async () => {
    const d = await awaitingFee(200000);
    const body = { transactionId: `TX-${d.id}`, reference: d.code, amount: 200000, paidAt: new Date().toISOString(), provider: 'napas' };
    const first = await callback(body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ duplicate: false, status: 'applied' });
    const again = await callback(body);
    expect(again.json()).toMatchObject({ duplicate: true });
    const row = (await db.query('SELECT status, paid_online, paid_at FROM dossiers WHERE id = $1', [d.id])).rows[0];
    expect(row.status).toBe(4);
    expect(row.paid_online).toBe(true);
    expect(row.paid_at).not.toBeNull();
    expect(await payEvents(d.id)).toEqual([{ actor_name: 'Cổng thanh toán (napas)', transaction_id: `payment:TX-${d.id}` }]);
  });

  it('leaves a wrong amount, or a dossier not awaiting a fee, unmatched and the dossier unchanged', async () => {
    const d = await awaitingFee(150000);
    const short = await callback({ transactionId: `TX-short-${d.id}`, reference: d.code, amount: 100000, paidAt: new Date().toISOString() });
    expect(short.json()).toMatchObject({ status: 'unmatched' });
    expect((await db.query('SELECT status, paid_at FROM dossiers WHERE id = $1', [d.id])).rows[0]).toEqual({ status: 6, paid_at: null });
    expect((await db.query('SELECT note FROM payments WHERE transaction_id = $1', [`TX-short-${d.id}`])).rows[0].note).toMatch(/không khớp/);

    const other = await fileThroughApi(app, db, citizen, procedure);
    const early = await callback({ transactionId: `TX-early-${other.id}`, reference: other.code, amount: 150000, paidAt: new Date().toISOString() });
    expect(early.json()).toMatchObject({ status: 'unmatched' });
    expect(await payEvents(other.id)).toEqual([]);
  });
});
