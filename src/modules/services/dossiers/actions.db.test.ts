import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { decodeVietQr } from '../../../platform/payments/vietqr.ts';
import { NOTIFY_QUEUE } from './outbox.ts';
import { act, fileOwnedBy, fileThroughApi, insertFixtureProcedure, userIdOf } from './testing.ts';

/** Officer and citizen actions: the engine's rules through the API, and each action's effects on the dossier. */
let db: Db;
let app: FastifyInstance;
let procedure: string;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const row = async (id: string) => (await db.query('SELECT * FROM dossiers WHERE id = $1', [id])).rows[0];
const events = async (id: string) =>
  (await db.query('SELECT e.action FROM workflow_events e JOIN workflow_cases c ON c.id = e.case_id WHERE c.subject_id = $1 ORDER BY e.seq', [id])).rows.map((r) => r.action);
const noticesOf = async (code: string) =>
  (await db.query('SELECT payload FROM job_outbox WHERE queue = $1 AND payload->>\'code\' = $2 ORDER BY id', [NOTIFY_QUEUE, code])).rows.map((r) => r.payload);
const file = () => fileThroughApi(app, db, t.congdan!, procedure);
const ok = async (res: Awaited<ReturnType<typeof act>>) => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'cb.sxd.1', 'ld.sxd', 'cb.xa01', 'ld.ttpvhcc']) {
    t[u] = await loginAs(app, u);
    ids[u] = await userIdOf(db, u);
  }
  procedure = await insertFixtureProcedure(db);
});

describe('receive', () => {
  it('the one-stop centre receives a department’s dossier: status 2, appointment counted from receipt, notice', async () => {
    const d = await file();
    const answer = await ok(await act(app, t.motcua!, d.id, 'receive'));
    expect(answer).toMatchObject({ id: d.id, state: 'received', status: 2, statusName: 'Được tiếp nhận', seq: 1, replayed: false });
    expect(answer.event).toMatchObject({ action: 'receive', fromStatus: 1, toStatus: 2, actorName: 'Lê Thị Cúc' });
    const r = await row(d.id);
    const calendar = await app.calendar.current();
    expect(r.due_at).toEqual(calendar.addWorkingDays(r.received_at, 3));
    expect(r.original_due_at).toEqual(r.due_at);
    expect(answer.dueAt).toBe(r.due_at.toISOString());
    expect((await noticesOf(d.code)).map((n) => n.kind)).toEqual(['submitted', 'received']);
  });

  it('serves two officers receiving at once one after the other: one 200, one 409', async () => {
    const d = await file();
    const [a, b] = await Promise.all([act(app, t.motcua!, d.id, 'receive'), act(app, t.chuyenvien!, d.id, 'receive')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(expectProblem(lost, 409).type).toBe('/problems/wrong-state');
    expect(lost.json().allowedActions).not.toContain('receive');
    expect(await events(d.id)).toEqual(['receive']);
  });

  it('replays a repeated Idempotency-Key without a second event', async () => {
    const d = await file();
    const key = { 'idempotency-key': `act-${d.id}` };
    const first = await ok(await act(app, t.motcua!, d.id, 'receive', {}, key));
    const again = await ok(await act(app, t.motcua!, d.id, 'receive', {}, key));
    expect(again.replayed).toBe(true);
    expect(again.event).toEqual(first.event);
    expect(await events(d.id)).toEqual(['receive']);
  });

  it('answers 409 concurrent-change when expectedSeq is stale', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    const res = await act(app, t.chuyenvien!, d.id, 'apologise', { expectedSeq: 0, data: { reason: 'x', newDueAt: '2099-01-01T10:00:00Z' } });
    expect(expectProblem(res, 409).type).toBe('/problems/concurrent-change');
    expect((await row(d.id)).apology_count).toBe(0);
  });
});

describe('refusals and roles', () => {
  it('refuse needs a reason (422, nothing written); with one: status 3 and a notice', async () => {
    const d = await file();
    const res = await act(app, t.motcua!, d.id, 'refuse', { data: {} });
    expect(expectProblem(res, 422).errors).toEqual([{ field: 'data.reason', message: 'Không được để trống' }]);
    expect((await row(d.id)).status).toBe(1);
    await ok(await act(app, t.motcua!, d.id, 'refuse', { data: { reason: 'Không thuộc thẩm quyền' } }));
    expect((await row(d.id)).status).toBe(3);
    expect((await noticesOf(d.code)).at(-1)).toMatchObject({ kind: 'refused', reason: 'Không thuộc thẩm quyền' });
  });

  it('answers 400 for an unknown action, 403 for a role that may not act, 404 outside the caller’s reach', async () => {
    const d = await file();
    expect(expectProblem(await act(app, t.motcua!, d.id, 'teleport'), 400).type).toBe('/problems/unknown-action');
    expectProblem(await act(app, t.motcua!, d.id, 'Bad-Name'), 400);
    expectProblem(await act(app, t.congdan!, d.id, 'receive'), 403);
    expectProblem(await act(app, t.lanhdaotinh!, d.id, 'receive'), 403);
    expectProblem(await act(app, t['cb.sxd.1']!, d.id, 'receive'), 404);
    expectProblem(await act(app, t['cb.xa01']!, d.id, 'receive'), 404);
    expectProblem(await act(app, t.congdan2!, d.id, 'withdraw', { data: { reason: 'x' } }), 404);
    expectProblem(await act(app, t.motcua!, '01900000-0000-7000-8000-000000000000', 'receive'), 404);
    expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${d.id}/actions/receive`, payload: {} }), 401);
    expect(await events(d.id)).toEqual([]);
  });

  it('keeps the one-stop centre to reception: it cannot approve; the leader of the handling agency can', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    await ok(await act(app, t.motcua!, d.id, 'assign', { data: { assigneeId: ids.chuyenvien } }));
    await ok(await act(app, t.chuyenvien!, d.id, 'submit_for_approval'));
    expectProblem(await act(app, t.motcua!, d.id, 'approve'), 403);
    // The centre's own leader holds dossier.approve, but approves only for the centre's own agency.
    expectProblem(await act(app, t['ld.ttpvhcc']!, d.id, 'approve'), 403);
    expectProblem(await act(app, t.chuyenvien!, d.id, 'approve'), 403);
    expectProblem(await act(app, t['ld.sxd']!, d.id, 'approve'), 404);
    const done = await ok(await act(app, t.lanhdao!, d.id, 'approve'));
    expect(done.status).toBe(9);
  });

  it('a draft has no workflow yet (409)', async () => {
    const draft = await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(t.congdan!), payload: { procedureCode: procedure, submit: false } });
    expectProblem(await act(app, t.congdan!, draft.json().id, 'withdraw', { data: { reason: 'x' } }), 409);
  });
});

describe('assign', () => {
  it('accepts only staff of the handling agency (400 otherwise, nothing written)', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    for (const assigneeId of [ids['cb.sxd.1'], ids.motcua, ids.congdan, 'khong-phai-uuid']) {
      const res = await act(app, t.motcua!, d.id, 'assign', { data: { assigneeId } });
      expect(expectProblem(res, 400).errors![0]!.field).toBe('data.assigneeId');
    }
    expect(await events(d.id)).toEqual(['receive']);
    const answer = await ok(await act(app, t.motcua!, d.id, 'assign', { data: { assigneeId: ids.chuyenvien } }));
    expect(answer.status).toBe(4);
    expect((await row(d.id)).assignee_id).toBe(ids.chuyenvien);
  });
});

describe('supplement', () => {
  it('asks once for a complete checklist from the procedure; the citizen brings every item', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    expectProblem(await act(app, t.motcua!, d.id, 'request_supplement', { data: { reason: 'Thiếu', checklist: [] } }), 422);
    const unknown = await act(app, t.motcua!, d.id, 'request_supplement', { data: { reason: 'Thiếu', checklist: ['can-cuoc', 'so-ho-khau'] } });
    expect(expectProblem(unknown, 400).errors).toEqual([{ field: 'data.checklist.1', message: '"so-ho-khau" không phải thành phần hồ sơ của thủ tục' }]);
    expect((await row(d.id)).status).toBe(2);

    const asked = await ok(await act(app, t.motcua!, d.id, 'request_supplement', { data: { reason: 'Bản sao mờ', checklist: ['can-cuoc', 'uy-quyen'], note: 'Ghi rõ số điện thoại' } }));
    expect(asked.status).toBe(5);
    const r = await row(d.id);
    expect(r.supplement_count).toBe(1);
    expect(r.supplement_request).toMatchObject({ reason: 'Bản sao mờ', note: 'Ghi rõ số điện thoại', checklist: [{ code: 'can-cuoc', name: 'Bản sao thẻ căn cước' }, { code: 'uy-quyen', name: 'Văn bản ủy quyền' }] });
    expect((await noticesOf(d.code)).at(-1)).toMatchObject({ kind: 'supplement', items: ['Bản sao thẻ căn cước', 'Văn bản ủy quyền', 'Ghi rõ số điện thoại'] });

    const mine = await fileOwnedBy(db, ids.congdan!);
    const partial = await act(app, t.congdan!, d.id, 'supplement', { data: { documents: [{ code: 'can-cuoc', fileId: mine }] } });
    expect(expectProblem(partial, 400).errors).toEqual([{ field: 'documents.uy-quyen', message: 'Chưa bổ sung: Văn bản ủy quyền' }]);
    const others = await fileOwnedBy(db, ids.congdan2!);
    const foreign = await act(app, t.congdan!, d.id, 'supplement', { data: { documents: [{ code: 'can-cuoc', fileId: mine }, { code: 'uy-quyen', fileId: others }] } });
    expect(expectProblem(foreign, 400).errors![0]!.field).toBe('documents.uy-quyen');
    expectProblem(await act(app, t.motcua!, d.id, 'supplement', { data: { documents: [{ code: 'can-cuoc', fileId: mine }] } }), 403);
    expect((await row(d.id)).status).toBe(5);

    const power = await fileOwnedBy(db, ids.congdan!);
    const done = await ok(await act(app, t.congdan!, d.id, 'supplement', { data: { documents: [{ code: 'can-cuoc', fileId: mine }, { code: 'uy-quyen', fileId: power }] } }));
    expect(done.status).toBe(4);
    const after = await row(d.id);
    expect(after.documents.filter((x: { code: string }) => x.code === 'can-cuoc')).toEqual([{ code: 'can-cuoc', fileId: mine }]);
    expect(after.documents.map((x: { code: string }) => x.code).sort()).toEqual(['can-cuoc', 'to-khai', 'uy-quyen']);
    expect(after.due_at.getTime()).toBeGreaterThanOrEqual(r.due_at.getTime());
  });

  it('restarts the time limit from the supplement when the procedure’s law says so', async () => {
    const restarting = await insertFixtureProcedure(db, { restartOnSupplement: true, days: 5 });
    const d = await fileThroughApi(app, db, t.congdan!, restarting);
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    await ok(await act(app, t.motcua!, d.id, 'request_supplement', { data: { reason: 'Thiếu', checklist: ['uy-quyen'] } }));
    await ok(await act(app, t.congdan!, d.id, 'supplement', { data: { documents: [{ code: 'uy-quyen', fileId: await fileOwnedBy(db, ids.congdan!) }] } }));
    const r = await row(d.id);
    const supplementedAt = (await db.query(`SELECT e.at FROM workflow_events e JOIN workflow_cases c ON c.id = e.case_id WHERE c.subject_id = $1 AND e.action = 'supplement'`, [d.id])).rows[0].at;
    const calendar = await app.calendar.current();
    expect(r.due_at).toEqual(calendar.addWorkingDays(supplementedAt, 5));
    expect(r.original_due_at).toEqual(r.due_at);
  });
});

describe('fees', () => {
  it('notifies the amount with a VietQR payload for it; an officer marks cash paid', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    for (const amount of [0, -5, 1.5, '200000']) {
      expect(expectProblem(await act(app, t.motcua!, d.id, 'request_fee', { data: { amount } }), amount === 0 ? 400 : 400).errors![0]!.field).toBe('data.amount');
    }
    const asked = await ok(await act(app, t.motcua!, d.id, 'request_fee', { data: { amount: 200000 } }));
    expect(asked.status).toBe(6);
    expect(asked.fee).toMatchObject({ amount: 200000, paidAt: null });
    const qr = decodeVietQr(asked.fee.vietqr);
    expect(qr).toMatchObject({ amount: 200000, billNumber: d.code, dynamic: true });
    expect((await noticesOf(d.code)).at(-1)).toMatchObject({ kind: 'fee', amount: 200000 });
    const paid = await ok(await act(app, t.motcua!, d.id, 'pay', { comment: 'Nộp tiền mặt tại quầy' }));
    expect(paid.status).toBe(4);
    expect(paid.fee).toMatchObject({ amount: 200000, paidOnline: false });
    expect(paid.fee.paidAt).not.toBeNull();
  });
});

describe('apology (form 04)', () => {
  it('moves the appointment once, later than the current one and in the future; keeps the legal date', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    const before = await row(d.id);
    const later = new Date(before.due_at.getTime() + 3 * 86_400_000).toISOString();
    const earlier = new Date(before.due_at.getTime() - 3_600_000).toISOString();
    expect(expectProblem(await act(app, t.chuyenvien!, d.id, 'apologise', { data: { reason: 'Cần xác minh', newDueAt: earlier } }), 400).errors![0]!.field).toBe('data.newDueAt');
    expectProblem(await act(app, t.chuyenvien!, d.id, 'apologise', { data: { reason: 'Cần xác minh', newDueAt: 'tuần sau' } }), 400);
    expectProblem(await act(app, t.chuyenvien!, d.id, 'apologise', { data: { newDueAt: later } }), 422);
    expect((await row(d.id)).apology_count).toBe(0);

    const answer = await ok(await act(app, t.chuyenvien!, d.id, 'apologise', { data: { reason: 'Cần xác minh thêm', newDueAt: later } }));
    expect(answer.dueAt).toBe(later);
    expect(answer.event.data).toMatchObject({ reason: 'Cần xác minh thêm', newDueAt: later, previousDueAt: before.due_at.toISOString(), form: '04' });
    const r = await row(d.id);
    expect(r.apology_count).toBe(1);
    expect(r.original_due_at).toEqual(before.due_at);
    expect((await noticesOf(d.code)).at(-1)).toMatchObject({ kind: 'apology', dueAt: later });

    const again = await act(app, t.chuyenvien!, d.id, 'apologise', { data: { reason: 'Lần hai', newDueAt: new Date(Date.parse(later) + 86_400_000).toISOString() } });
    expect(expectProblem(again, 409).type).toBe('/problems/wrong-state');
    expect((await row(d.id)).apology_count).toBe(1);
  });
});

describe('result, withdrawal, stop', () => {
  it('approval records the result files of the agency; the one-stop centre returns the result', async () => {
    const d = await file();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    await ok(await act(app, t.motcua!, d.id, 'assign', { data: { assigneeId: ids.chuyenvien } }));
    await ok(await act(app, t.chuyenvien!, d.id, 'submit_for_approval'));
    const stranger = await fileOwnedBy(db, ids['cb.sxd.1']!);
    expectProblem(await act(app, t.lanhdao!, d.id, 'approve', { files: [stranger] }), 400);
    const result = await fileOwnedBy(db, ids.chuyenvien!);
    const done = await ok(await act(app, t.lanhdao!, d.id, 'approve', { files: [result] }));
    expect(done.status).toBe(9);
    expect((await row(d.id)).result_files).toEqual([result]);
    expect((await noticesOf(d.code)).at(-1)).toMatchObject({ kind: 'result' });
    const returned = await ok(await act(app, t.motcua!, d.id, 'return_result'));
    expect(returned.status).toBe(10);
    const r = await row(d.id);
    expect(r.returned_at).not.toBeNull();
    expect(r.done_at).not.toBeNull();
    // The result is now in the citizen's personal store: reusable in a new dossier.
    const reuse = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: bearer(t.congdan!),
      payload: { procedureCode: procedure, submit: false, documents: [{ code: 'uy-quyen', fileId: result }] },
    });
    expect(reuse.statusCode, reuse.body).toBe(201);
  });

  it('the citizen withdraws with a reason (7); a leader stops with a reason (8)', async () => {
    const a = await file();
    expectProblem(await act(app, t.congdan!, a.id, 'withdraw', {}), 422);
    expect((await ok(await act(app, t.congdan!, a.id, 'withdraw', { data: { reason: 'Nộp nhầm thủ tục' } }))).status).toBe(7);
    const b = await file();
    await ok(await act(app, t.motcua!, b.id, 'receive'));
    expect((await ok(await act(app, t.lanhdao!, b.id, 'stop', { data: { reason: 'Người yêu cầu đã mất' } }))).status).toBe(8);
    expect((await noticesOf(b.code)).at(-1)).toMatchObject({ kind: 'stopped' });
    expectProblem(await act(app, t.lanhdao!, b.id, 'receive'), 409);
  });
});
