import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { sessionFor } from '../../../../test/security/callers.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { signCallback } from '../../../platform/payments/index.ts';
import { act, fileOwnedBy, fileThroughApi, insertFixtureProcedure, userIdOf, VALID_DATA } from '../dossiers/testing.ts';
import { ok, pdfOf } from './testing.ts';

/** Fees that differ by channel (the fee table's per-channel lines) and the electronic receipts numbered per agency and year. */
let db: Db;
let app: FastifyInstance;
let procedure: string;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS = ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdaotinh', 'cb.sxd.1'];
const FEES = [
  { name: 'Lệ phí cấp phiếu', amount: 20000, channel: 'counter' },
  { name: 'Lệ phí cấp phiếu (nộp trực tuyến)', amount: 10000, channel: 'online' },
  { name: 'Phí sao lục', amount: 5000, channel: 'any' },
  { name: 'Miễn phí tra cứu', amount: 0 },
];
const SECRET = 'dev-only-payment-callback-secret-not-for-production';
const year = () => new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: '2-digit' }).format(new Date());
const get = (url: string, user?: string) => app.inject({ method: 'GET', url, headers: user ? bearer(t[user]!) : {} });
const receipts = async (id: string, user = 'congdan') => {
  const res = await get(`/api/dossiers/${id}/receipts`, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { series: string; number: string; amount: number; method: string; transactionId: string | null; items: { name: string; amount: number }[] }[] }>().items;
};

const atCounter = async () => {
  const res = await app.inject({
    method: 'POST', url: '/api/intake/counter/dossiers', headers: bearer(t.motcua!),
    payload: { citizenId: ids.congdan, procedureCode: procedure, data: VALID_DATA, documents: [{ code: 'to-khai', fileId: await fileOwnedBy(db, ids.motcua!) }, { code: 'can-cuoc', fileId: await fileOwnedBy(db, ids.motcua!) }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; code: string }>();
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of USERS) {
    ids[u] = await userIdOf(db, u);
    t[u] = (await sessionFor(app, ids[u])).token;
  }
  procedure = await insertFixtureProcedure(db);
  await db.query('UPDATE procedures SET fees = $2, updated_at = now() WHERE code = $1', [procedure, JSON.stringify(FEES)]);
});

describe('fees by channel', () => {
  it('an online dossier owes the online and shared lines; a counter one the counter and shared lines', async () => {
    const online = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, online.id, 'receive'));
    expect((await ok(await act(app, t.motcua!, online.id, 'request_fee'))).fee).toMatchObject({ amount: 15000 });
    const counter = await atCounter();
    expect((await ok(await act(app, t.motcua!, counter.id, 'request_fee'))).fee).toMatchObject({ amount: 25000 });
    // An amount the officer gives still wins (e.g. an exemption decided on the case).
    const other = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, other.id, 'receive'));
    expect((await ok(await act(app, t.motcua!, other.id, 'request_fee', { data: { amount: 7000 } }))).fee).toMatchObject({ amount: 7000 });
  });
});

describe('electronic receipts', () => {
  it('numbers receipts per agency and year in the series BL-<agency>/<yy>E, for cash and for the gateway', async () => {
    const cash = await atCounter();
    await ok(await act(app, t.motcua!, cash.id, 'request_fee'));
    expect(await receipts(cash.id)).toEqual([]);
    await ok(await act(app, t.motcua!, cash.id, 'pay'));
    const [first] = await receipts(cash.id);
    expect(first).toMatchObject({ series: `BL-000.00.04.H59/${year()}E`, amount: 25000, method: 'counter', transactionId: null });
    expect(first!.number).toMatch(/^\d{7}$/);
    expect(first!.items).toEqual([{ name: 'Lệ phí cấp phiếu', amount: 20000 }, { name: 'Phí sao lục', amount: 5000 }]);

    const online = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, online.id, 'receive'));
    await ok(await act(app, t.motcua!, online.id, 'request_fee'));
    const body = JSON.stringify({ transactionId: `FT${Date.now()}`, reference: online.code, amount: 15000, paidAt: new Date().toISOString(), provider: 'napas' });
    const ts = Math.floor(Date.now() / 1000);
    const paid = await app.inject({ method: 'POST', url: '/api/payments/callback', headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signCallback(SECRET, ts, body) }, payload: body });
    expect(paid.json()).toMatchObject({ status: 'applied' });
    const [second] = await receipts(online.id);
    expect(second).toMatchObject({ series: first!.series, number: String(Number(first!.number) + 1).padStart(7, '0'), amount: 15000, method: 'online', transactionId: JSON.parse(body).transactionId });

    const { text } = await pdfOf(app, `/api/dossiers/${online.id}/receipts/${Number(second!.number)}.pdf`, t.congdan!);
    for (const s of ['BIÊN LAI THU PHÍ, LỆ PHÍ', second!.series, `Số biên lai: ${second!.number}`, 'Tổng số tiền: 15.000 đồng', 'Số tiền bằng chữ: Mười lăm nghìn đồng', online.code, 'Chuyển khoản qua cổng thanh toán']) expect(text).toContain(s);
    await pdfOf(app, `/api/dossiers/${online.id}/receipts/${second!.number}.pdf`, t.chuyenvien!);
  });

  it('refuses other citizens, other agencies, unknown numbers and bad input', async () => {
    const d = await atCounter();
    await ok(await act(app, t.motcua!, d.id, 'request_fee'));
    await ok(await act(app, t.motcua!, d.id, 'pay'));
    const [r] = await receipts(d.id);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts`, 'congdan2'), 404);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts/${r!.number}.pdf`, 'congdan2'), 404);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts/${r!.number}.pdf`, 'cb.sxd.1'), 404);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts/${r!.number}.pdf`), 401);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts/9999999.pdf`, 'congdan'), 404);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts/12a.pdf`, 'congdan'), 400);
    expectProblem(await get(`/api/dossiers/${d.id}/receipts/12345678.pdf`, 'congdan'), 400);
    expect((await receipts(d.id, 'lanhdaotinh')).length).toBe(1);
  });
});

describe('daily payment reconciliation', () => {
  it('ties the day’s gateway payments to dossiers, fees and receipts, and lists what does not tie up', async () => {
    const { reconcilePayments } = await import('./payment-reconciliation.ts');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const online = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, online.id, 'receive'));
    await ok(await act(app, t.motcua!, online.id, 'request_fee'));
    const send = async (payload: object) => {
      const body = JSON.stringify(payload);
      const ts = Math.floor(Date.now() / 1000);
      return app.inject({ method: 'POST', url: '/api/payments/callback', headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signCallback(SECRET, ts, body) }, payload: body });
    };
    const stray = `FT-STRAY-${Date.now()}`;
    expect((await send({ transactionId: `FT-OK-${Date.now()}`, reference: online.code, amount: 15000, paidAt: new Date().toISOString() })).json()).toMatchObject({ status: 'applied' });
    expect((await send({ transactionId: stray, reference: 'KHONG-CO-HO-SO', amount: 9000, paidAt: new Date().toISOString() })).json()).toMatchObject({ status: 'unmatched' });

    const run = await reconcilePayments(db, day);
    expect(run.payments).toBeGreaterThanOrEqual(2);
    expect(run.issues).toContainEqual(expect.objectContaining({ kind: 'unmatched', transactionId: stray, amount: 9000 }));
    expect(run.issues.filter((i) => i.reference === online.code)).toEqual([]);
    const stored = await get(`/api/payments/reconciliations/${day}`, 'lanhdaotinh');
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({ day, issueCount: run.issueCount });
    expectProblem(await get('/api/payments/reconciliations/2020-01-01', 'lanhdaotinh'), 404);
    expectProblem(await get('/api/payments/reconciliations/hom-qua', 'lanhdaotinh'), 400);
    for (const u of ['congdan', 'motcua']) expectProblem(await get(`/api/payments/reconciliations/${day}`, u), 403);
    expectProblem(await get(`/api/payments/reconciliations/${day}`), 401);
  });

  it('reconciles a day again at a province overseer’s request, audited; refuses other callers, a bad day and one yet to come', async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + 86_400_000));
    const rerun = (d: string, user?: string) => app.inject({ method: 'POST', url: `/api/payments/reconciliations/${d}`, headers: user ? bearer(t[user]!) : {} });
    const stored = async (d: string) => (await db.query<{ checked_at: Date }>('SELECT checked_at FROM payment_reconciliations WHERE day = $1', [d])).rows[0]?.checked_at.toISOString();
    const audits = async () => Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.reconcile'")).rows[0]!.n);
    const auditsBefore = await audits();
    const checkedBefore = await stored(day);

    for (const u of ['congdan', 'motcua', 'cb.sxd.1']) expectProblem(await rerun(day, u), 403);
    expectProblem(await rerun(day), 401);
    expectProblem(await rerun('hom-nay', 'lanhdaotinh'), 400);
    expectProblem(await rerun('2026-02-30', 'lanhdaotinh'), 400);
    expectProblem(await rerun(tomorrow, 'lanhdaotinh'), 400);
    expect(await stored(tomorrow)).toBeUndefined();
    expect(await stored(day)).toBe(checkedBefore);
    expect(await audits()).toBe(auditsBefore);

    const res = await rerun(day, 'lanhdaotinh');
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json<{ day: string; checkedAt: string; payments: number; issueCount: number }>();
    expect(run).toMatchObject({ day });
    expect(run.payments).toBeGreaterThanOrEqual(2);
    expect(await stored(day)).toBe(run.checkedAt);
    expect(await audits()).toBe(auditsBefore + 1);
    expect((await get(`/api/payments/reconciliations/${day}`, 'lanhdaotinh')).json()).toMatchObject({ checkedAt: run.checkedAt, issueCount: run.issueCount });

    const empty = await rerun('2020-01-01', 'lanhdaotinh');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ day: '2020-01-01', payments: 0, amount: 0, issueCount: 0, issues: [] });
  });
});
