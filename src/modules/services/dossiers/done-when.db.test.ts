import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { multipartBody, samplePdf } from '../../../platform/files/testing.ts';
import { SIGNATURE_HEADER, signCallback, TIMESTAMP_HEADER } from '../../../platform/payments/index.ts';
import { importProcedureCatalogue } from '../procedures/index.ts';
import { act, userIdOf } from './testing.ts';

/**
 * Issue 5's "Done when", through the API on the demo province and the shipped catalogue, on a
 * controlled clock: a citizen files a request for a criminal-record certificate (Sở Tư pháp, 10
 * working days); the one-stop centre receives it and hands it to the specialist, who asks for a
 * supplement; the citizen supplements (the clock pauses meanwhile); the specialist apologises
 * once with a new date, submits for approval; the leader approves; the centre returns the result.
 * History, deadlines, public tracking and the statistics are checked along the way.
 */
const PROCEDURE = 'ly-lich-tu-phap.cap-phieu';
const FORM = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-05-17',
  sex: 'Nam',
  placeOfBirth: 'Tây Ninh',
  nationality: 'Việt Nam',
  idNumber: '072090001234',
  residence: 'Phường Tân Ninh, tỉnh Tây Ninh',
  fatherFullName: 'Nguyễn Văn Bình',
  motherFullName: 'Trần Thị Cúc',
  certificateType: 'Phiếu lý lịch tư pháp số 1',
  copies: 1,
  purpose: 'Xin việc',
};
const vn = (local: string) => new Date(`${local}+07:00`);
const at = (local: string) => vi.setSystemTime(vn(local));

let db: Db;
let app: FastifyInstance;
const t: Record<string, string> = {};

const upload = async (user: string) => {
  const { payload, headers } = await multipartBody({ bytes: samplePdf(), name: 'giay-to.pdf', type: 'application/pdf' });
  const res = await app.inject({ method: 'POST', url: '/api/files', headers: { ...bearer(t[user]!), ...headers }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};
const file = async (key: string) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: { ...bearer(t.congdan!), 'idempotency-key': key },
    payload: { procedureCode: PROCEDURE, data: FORM, documents: [], submit: true },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; code: string; status: number; dueAt: string }>();
};
const ok = async (user: string, id: string, action: string, body: object = {}) => {
  const res = await act(app, t[user]!, id, action, body);
  expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
  return res.json();
};
const detail = async (id: string, user = 'congdan') => (await app.inject({ method: 'GET', url: `/api/dossiers/${id}`, headers: bearer(t[user]!) })).json();

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  await importProcedureCatalogue(db);
  app = await buildTestApp(db);
  for (const u of ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh']) t[u] = await loginAs(app, u);
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

describe('a dossier from filing to result (issue 5, "Done when")', () => {
  let main: { id: string; code: string };

  it('walks the whole one-stop path with the right deadlines and history', async () => {
    const calendar = await app.calendar.current();
    const chuyenvienId = await userIdOf(db, 'chuyenvien');

    at('2026-12-07T08:00:00'); // Monday
    const filed = await file('done-when-main');
    main = filed;
    expect(filed).toMatchObject({ code: '000.00.04.H59-261207-0001', status: 1 });
    expect(new Date(filed.dueAt)).toEqual(calendar.addWorkingDays(vn('2026-12-07T08:00:00'), 10));

    at('2026-12-07T08:30:00');
    const received = await ok('motcua', filed.id, 'receive');
    // 10 working days from the day after receipt: 8–11, 14–18, 21 December → Monday 21, 17:00.
    expect(received).toMatchObject({ status: 2, dueAt: vn('2026-12-21T17:00:00').toISOString() });

    at('2026-12-07T09:00:00');
    expect((await ok('motcua', filed.id, 'assign', { data: { assigneeId: chuyenvienId } })).status).toBe(4);

    at('2026-12-07T10:00:00');
    const asked = await ok('chuyenvien', filed.id, 'request_supplement', {
      data: { reason: 'Thiếu giấy tờ chứng minh được giảm phí', checklist: ['mien-giam'], note: 'Thẻ sinh viên còn hạn' },
    });
    expect(asked.status).toBe(5);
    expect((await app.inject({ method: 'GET', url: `/api/public/dossiers/${filed.code}` })).json()).toMatchObject({ status: 5, statusName: 'Yêu cầu bổ sung giấy tờ' });

    at('2026-12-08T10:00:00'); // Tuesday: waited 10:00–11:30, 13:30–17:00 Monday and 07:00–10:00 = 8 office hours
    const card = await upload('congdan');
    const back = await ok('congdan', filed.id, 'supplement', { data: { documents: [{ code: 'mien-giam', fileId: card }] } });
    expect(back).toMatchObject({ status: 4, dueAt: vn('2026-12-22T17:00:00').toISOString() });

    at('2026-12-18T09:00:00'); // Friday: the check with the police takes longer
    const sorry = await ok('chuyenvien', filed.id, 'apologise', {
      data: { reason: 'Cần xác minh thêm thông tin tại cơ quan công an', newDueAt: vn('2026-12-23T17:00:00').toISOString() },
    });
    expect(sorry.dueAt).toBe(vn('2026-12-23T17:00:00').toISOString());
    const second = await act(app, t.chuyenvien!, filed.id, 'apologise', { data: { reason: 'Lần nữa', newDueAt: vn('2026-12-28T17:00:00').toISOString() } });
    expect(expectProblem(second, 409).type).toBe('/problems/wrong-state');

    at('2026-12-22T15:00:00');
    await ok('chuyenvien', filed.id, 'submit_for_approval');
    const result = await upload('chuyenvien');

    at('2026-12-23T09:00:00');
    expect((await ok('lanhdao', filed.id, 'approve', { files: [result] })).status).toBe(9);

    at('2026-12-23T10:00:00');
    expect((await ok('motcua', filed.id, 'return_result')).status).toBe(10);

    // Anyone holding the paper can check it: the QR beside a result names the dossier and the file's hash.
    const shaOf = async (fileId: string) => (await db.query<{ sha256: string }>('SELECT sha256 FROM files WHERE id = $1', [fileId])).rows[0]!.sha256;
    const verified = await app.inject({ url: `/api/public/dossiers/${filed.code}/results/${await shaOf(result)}` });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ valid: true, code: filed.code, procedureName: expect.any(String), agencyName: 'Sở Tư pháp', issuedAt: vn('2026-12-23T09:00:00').toISOString(), sha256: await shaOf(result) });
    expectProblem(await app.inject({ url: `/api/public/dossiers/${filed.code}/results/${'f'.repeat(64)}` }), 404);
    expectProblem(await app.inject({ url: `/api/public/dossiers/000.00.04.H59-261207-9999/results/${await shaOf(result)}` }), 404);
    expectProblem(await app.inject({ url: `/api/public/dossiers/${filed.code}/results/not-a-hash` }), 400);

    const d = await detail(filed.id);
    expect(d).toMatchObject({
      status: 10,
      receivedAt: vn('2026-12-07T08:30:00').toISOString(),
      dueAt: vn('2026-12-23T17:00:00').toISOString(),
      originalDueAt: vn('2026-12-22T17:00:00').toISOString(),
      doneAt: vn('2026-12-23T09:00:00').toISOString(),
      returnedAt: vn('2026-12-23T10:00:00').toISOString(),
      apologyCount: 1,
      supplementCount: 1,
      onTime: false,
      dueState: null,
      resultFiles: [result],
      allowedActions: [],
    });
    expect(d.history.map((h: { action: string; fromStatus: number | null; toStatus: number; actorName: string }) => [h.action, h.fromStatus, h.toStatus, h.actorName])).toEqual([
      ['submit', null, 1, 'Nguyễn Văn An'],
      ['receive', 1, 2, 'Lê Thị Cúc'],
      ['assign', 2, 4, 'Lê Thị Cúc'],
      ['request_supplement', 4, 5, 'Phạm Minh Đức'],
      ['supplement', 5, 4, 'Nguyễn Văn An'],
      ['apologise', 4, 4, 'Phạm Minh Đức'],
      ['submit_for_approval', 4, 4, 'Phạm Minh Đức'],
      ['approve', 4, 9, 'Võ Thanh Hải'],
      ['return_result', 9, 10, 'Lê Thị Cúc'],
    ]);
    expect(d.history[5].data).toMatchObject({ form: '04', previousDueAt: vn('2026-12-22T17:00:00').toISOString(), newDueAt: vn('2026-12-23T17:00:00').toISOString() });
    expect(d.history.map((h: { at: string }) => h.at)).toEqual([...d.history.map((h: { at: string }) => h.at)].sort());

    const tracking = (await app.inject({ method: 'GET', url: `/api/public/dossiers/${filed.code}` })).json();
    expect(tracking).toEqual({
      code: filed.code,
      status: 10,
      statusName: 'Đã trả kết quả',
      receivedAt: vn('2026-12-07T08:30:00').toISOString(),
      dueAt: vn('2026-12-23T17:00:00').toISOString(),
      agencyName: 'Sở Tư pháp',
      onTime: false,
    });
    const notices = (await db.query(`SELECT payload->>'kind' AS kind FROM job_outbox WHERE queue = 'dossier.notify-citizen' AND payload->>'code' = $1 ORDER BY id`, [filed.code])).rows;
    expect(notices.map((n) => n.kind)).toEqual(['submitted', 'received', 'supplement', 'apology', 'result']);
    const syncs = (await db.query(`SELECT payload->'snapshot'->>'status' AS status FROM job_outbox WHERE queue = 'portal.sync-dossier' AND payload->'snapshot'->>'code' = $1 ORDER BY id`, [filed.code])).rows;
    expect(syncs.map((s) => Number(s.status))).toEqual([1, 2, 4, 5, 4, 4, 4, 9, 10]);
  });

  it('counts it in the statistics with the others of the month', async () => {
    const chuyenvienId = await userIdOf(db, 'chuyenvien');
    // Done early, fee paid online through the gateway.
    at('2026-12-07T08:10:00');
    const early = await file('done-when-early');
    at('2026-12-07T08:40:00');
    await ok('motcua', early.id, 'receive');
    await ok('motcua', early.id, 'assign', { data: { assigneeId: chuyenvienId } });
    await ok('chuyenvien', early.id, 'request_fee', { data: { amount: 200000 } });
    const raw = JSON.stringify({ transactionId: 'FT2612070001', reference: early.code, amount: 200000, paidAt: new Date().toISOString() });
    const ts = Math.floor(Date.now() / 1000);
    const paid = await app.inject({
      method: 'POST',
      url: '/api/payments/callback',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signCallback(app.config.payments.callbackSecret!, ts, raw) },
      payload: raw,
    });
    expect(paid.json()).toMatchObject({ status: 'applied' });
    at('2026-12-09T10:00:00');
    await ok('chuyenvien', early.id, 'submit_for_approval');
    await ok('lanhdao', early.id, 'approve');
    // Received and left: overdue by 23 December.
    at('2026-12-07T08:20:00');
    const stale = await file('done-when-stale');
    await ok('motcua', stale.id, 'receive');
    // Received on 22 December: still on time.
    at('2026-12-22T08:00:00');
    const recent = await file('done-when-recent');
    await ok('motcua', recent.id, 'receive');

    at('2026-12-23T11:00:00');
    const res = await app.inject({ method: 'GET', url: '/api/dossiers/stats?from=2026-12-01&to=2026-12-31', headers: bearer(t.lanhdao!) });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.rows).toHaveLength(1);
    const expected = {
      agencyCode: '000.00.04.H59',
      field: 'Lý lịch tư pháp',
      month: '2026-12',
      filed: 4,
      received: 4,
      refused: 0,
      doneEarly: 1,
      doneOnTime: 0,
      doneLate: 1,
      inProgressOnTime: 1,
      inProgressOverdue: 1,
      supplements: 1,
      apologies: 1,
      online: 4,
      counter: 0,
      toanTrinh: 4,
      toanTrinhShare: 1,
      paid: 1,
      paidOnline: 1,
      onlinePaymentShare: 1,
    };
    expect(stats.rows[0]).toMatchObject(expected);
    expect(stats.totals).toMatchObject({ filed: 4, doneLate: 1, apologies: 1 });
    const province = (await app.inject({ method: 'GET', url: '/api/dossiers/stats?from=2026-12-01&to=2026-12-31&field=L%C3%BD%20l%E1%BB%8Bch%20t%C6%B0%20ph%C3%A1p', headers: bearer(t.lanhdaotinh!) })).json();
    expect(province.totals).toMatchObject({ filed: 4, doneEarly: 1 });
    const november = (await app.inject({ method: 'GET', url: '/api/dossiers/stats?from=2026-11-01&to=2026-11-30', headers: bearer(t.lanhdao!) })).json();
    expect(november.totals.filed).toBe(0);
    expect(november.totals.toanTrinhShare).toBeNull();
    expect(main.code).toBeDefined();
  });
});
