import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { multipartBody, samplePdf } from '../../platform/files/testing.ts';
import { actAs, as, countRows, fileVia, signIn } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { RATE_LIMIT_ALLOW: '127.0.0.1' });
const t = await signIn(app, 'congdan', 'congdan2', 'pakn.xa01', 'pakn.xa02', 'kiemduyet', 'lanhdaotinh', 'cb.sxd.1');

/** A report filed by `owner` in Phường Tân Ninh, moderated and assigned to its committee (pakn.xa01). */
const assigned = async (owner = 'congdan', over: Record<string, unknown> = {}) => {
  const id = await fileVia(app, t, owner, over);
  expect((await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true })).statusCode).toBe(200);
  return id;
};
const state = async (id: string) => (await db.query<{ state: string }>('SELECT state FROM feedback_reports WHERE id = $1', [id])).rows[0]!.state;

describe('GET /api/feedback/queue', () => {
  it('lists the caller’s agency reports, nearest due date first, and nothing of other agencies', async () => {
    const a = await assigned();
    const b = await assigned();
    await db.query(`UPDATE feedback_reports SET due_at = now() - interval '2 days' WHERE id = $1`, [b]);
    const res = await app.inject({ url: '/api/feedback/queue?pageSize=100', headers: as(t, 'pakn.xa01') });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; dueAt: string; isOverdue: boolean }[] }>().items;
    expect(items[0]).toMatchObject({ id: b, isOverdue: true });
    expect(items.map((r) => r.id)).toContain(a);
    const dues = items.map((r) => r.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const other = res.json<{ items: unknown[] }>();
    expect(other.items.length).toBe(await countRows(db, 'feedback_reports r JOIN agencies g ON g.id = r.agency_id', `g.code = '001.00.00.H59' AND r.state IN ('assigned', 'in_progress')`));
    const xa02 = (await app.inject({ url: '/api/feedback/queue?pageSize=100', headers: as(t, 'pakn.xa02') })).json<{ items: { id: string }[] }>();
    expect(xa02.items.map((r) => r.id)).not.toContain(a);
    for (const who of ['congdan', 'kiemduyet', 'lanhdaotinh']) expectProblem(await app.inject({ url: '/api/feedback/queue', headers: as(t, who) }), 403);
    expectProblem(await app.inject({ url: '/api/feedback/queue?state=closed,open&page=0', headers: as(t, 'pakn.xa01') }), 400);
  });
});

describe('start, answer, return', () => {
  it('starts and answers (text and files); the reporter gets a notice asking for the rating', async () => {
    const id = await assigned();
    expect((await actAs(app, t, 'pakn.xa01', id, 'start')).json()).toMatchObject({ state: 'in_progress' });
    const upload = await multipartBody({ bytes: samplePdf(), name: 'bien-ban.pdf', type: 'application/pdf' });
    const file = (await app.inject({ method: 'POST', url: '/api/files', headers: { ...as(t, 'pakn.xa01'), ...upload.headers }, payload: upload.payload })).json<{ id: string }>();
    const res = await actAs(app, t, 'pakn.xa01', id, 'answer', { answer: 'Đã vá ổ gà ngày 05/12.', fileIds: [file.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'answered' });
    const detail = (await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'congdan') })).json<Record<string, unknown>>();
    expect(detail).toMatchObject({ answer: 'Đã vá ổ gà ngày 05/12.', answerFiles: [{ fileId: file.id, name: 'bien-ban.pdf' }], allowedActions: ['rate', 'reopen'] });
    const notices = await db.query(`SELECT n.title, n.body, n.link FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'congdan' AND n.kind = 'feedback.answered'`);
    expect(notices.rows.some((n) => n.link === `/feedback/reports/${id}?rate=1` && /1 đến 5 sao/.test(n.body))).toBe(true);
    // The answer file is public with the public report, the original upload stays private.
    const served = await app.inject({ url: `/api/feedback/files/${file.id}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('refuses wrong callers, states and input, writing nothing', async () => {
    const id = await assigned();
    const before = await countRows(db, 'audit_log', `target_id = $1`, [id]);
    expectProblem(await actAs(app, t, 'pakn.xa01', id, 'answer', { answer: 'Sớm quá' }), 409); // not started
    expectProblem(await actAs(app, t, 'pakn.xa02', id, 'start'), 404); // another commune's committee
    expectProblem(await actAs(app, t, 'cb.sxd.1', id, 'start'), 404); // another agency
    for (const who of ['congdan', 'kiemduyet', 'lanhdaotinh']) expectProblem(await actAs(app, t, who, id, 'start'), 403);
    await actAs(app, t, 'pakn.xa01', id, 'start');
    const after = await countRows(db, 'audit_log', `target_id = $1`, [id]);
    expectProblem(await actAs(app, t, 'pakn.xa01', id, 'answer', { answer: '' }), 400);
    expectProblem(await actAs(app, t, 'pakn.xa01', id, 'answer', { answer: 'x', fileIds: ['0190a6b2-0000-7000-8000-000000000000'] }), 400);
    expectProblem(await actAs(app, t, 'pakn.xa01', id, 'return', { reason: '' }), 400);
    expect(await countRows(db, 'audit_log', `target_id = $1`, [id])).toBe(after);
    expect(after).toBeGreaterThan(before);
    expect(await state(id)).toBe('in_progress');
  });

  it('replays an action sent twice with the same Idempotency-Key', async () => {
    const id = await assigned();
    const headers = { ...as(t, 'pakn.xa01'), 'idempotency-key': 'start-once-123' };
    const first = await app.inject({ method: 'POST', url: `/api/feedback/reports/${id}/start`, headers, payload: {} });
    const again = await app.inject({ method: 'POST', url: `/api/feedback/reports/${id}/start`, headers, payload: {} });
    expect(first.json()).toMatchObject({ state: 'in_progress', replayed: false });
    expect(again.json()).toMatchObject({ state: 'in_progress', replayed: true });
  });
});

describe('POST /reports/:id/rate', () => {
  const answered = async (owner: string) => {
    const id = await assigned(owner);
    await actAs(app, t, 'pakn.xa01', id, 'start');
    await actAs(app, t, 'pakn.xa01', id, 'answer', { answer: 'Đã xử lý xong.' });
    return id;
  };

  it('closes on 3–5 stars; reopens on 1–2 stars (the agency answers again, notified)', async () => {
    const good = await answered('congdan');
    expect((await actAs(app, t, 'congdan', good, 'rate', { rating: 4, comment: 'Nhanh' })).json()).toMatchObject({ state: 'closed' });
    const row = (await db.query('SELECT rating, rating_comment, closed_at FROM feedback_reports WHERE id = $1', [good])).rows[0]!;
    expect(row).toMatchObject({ rating: 4, rating_comment: 'Nhanh' });
    expect(row.closed_at).not.toBeNull();

    const bad = await answered('congdan');
    expect((await actAs(app, t, 'congdan', bad, 'rate', { rating: 2 })).json()).toMatchObject({ state: 'in_progress' });
    const reopened = (await db.query('SELECT rating, reopen_count, answer, answered_at FROM feedback_reports WHERE id = $1', [bad])).rows[0]!;
    expect(reopened).toMatchObject({ rating: 2, reopen_count: 1, answer: null, answered_at: null });
    expect(await countRows(db, 'notifications n JOIN users u ON u.id = n.user_id', `u.username = 'pakn.xa01' AND n.kind = 'feedback.reopened'`)).toBe(1);
    expect((await actAs(app, t, 'pakn.xa01', bad, 'answer', { answer: 'Đã xử lý lại.' })).json()).toMatchObject({ state: 'answered' });
  });

  it('only the reporter rates, 1 to 5, once answered', async () => {
    const id = await answered('congdan');
    expectProblem(await actAs(app, t, 'congdan2', id, 'rate', { rating: 5 }), 404);
    for (const who of ['pakn.xa01', 'kiemduyet', 'lanhdaotinh']) expectProblem(await actAs(app, t, who, id, 'rate', { rating: 5 }), 403);
    for (const rating of [0, 6, 3.5, '5']) expectProblem(await actAs(app, t, 'congdan', id, 'rate', { rating }), 400);
    expect(await state(id)).toBe('answered');
    const open = await assigned('congdan');
    expectProblem(await actAs(app, t, 'congdan', open, 'rate', { rating: 5 }), 409);
  });
});
