import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { WorkingCalendar } from '../../platform/calendar/index.ts';
import { actAs, as, countRows, fileVia, signIn, TAN_AN } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { RATE_LIMIT_ALLOW: '127.0.0.1' });
const t = await signIn(app, 'congdan', 'congdan2', 'pakn.xa01', 'kiemduyet', 'lanhdaotinh', 'cb.sxd.1');

const agencyId = async (code: string) => (await db.query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code])).rows[0]!.id;
const row = async (id: string) =>
  (await db.query(`SELECT r.state, r.is_public, r.moderation_note, a.code AS agency, r.merged_into_id, r.closed_at, r.due_at, r.assigned_at
                      FROM feedback_reports r LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`, [id])).rows[0]!;
const events = (id: string) => countRows(db, 'workflow_events e JOIN workflow_cases c ON c.id = e.case_id', 'c.subject_id = $1', [id]);

const REFUSED = ['congdan', 'pakn.xa01', 'lanhdaotinh'];

describe('moderation queue', () => {
  it('lists new and returned reports, oldest first, to moderators only', async () => {
    const id = await fileVia(app, t, 'congdan');
    const res = await app.inject({ url: '/api/feedback/moderation?pageSize=100', headers: as(t, 'kiemduyet') });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: { id: string; state: string; createdAt: string }[]; total: number }>();
    expect(page.items.map((r) => r.id)).toContain(id);
    expect(page.items.every((r) => ['submitted', 'moderated'].includes(r.state))).toBe(true);
    expect(page.total).toBe(await countRows(db, 'feedback_reports', `state IN ('submitted', 'moderated')`));
    const times = page.items.map((r) => r.createdAt);
    expect([...times].sort()).toEqual(times);
    for (const who of REFUSED) expectProblem(await app.inject({ url: '/api/feedback/moderation', headers: as(t, who) }), 403);
    expectProblem(await app.inject({ url: '/api/feedback/moderation' }), 401);
  });
});

describe('POST /reports/:id/moderate', () => {
  it('moderates (public or not, with reason) and assigns to the routed agency in one step', async () => {
    const id = await fileVia(app, t, 'congdan');
    const res = await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'assigned', replayed: false });
    expect(await row(id)).toMatchObject({ state: 'assigned', is_public: true, agency: '001.00.00.H59' });

    const other = await fileVia(app, t, 'congdan');
    const to = await agencyId('000.00.06.H59');
    expect((await actAs(app, t, 'kiemduyet', other, 'moderate', { isPublic: false, reason: 'Có thông tin cá nhân', agencyId: to })).statusCode).toBe(200);
    expect(await row(other)).toMatchObject({ is_public: false, moderation_note: 'Có thông tin cá nhân', agency: '000.00.06.H59' });
  });

  it('refuses bad input and wrong states, writing nothing', async () => {
    const id = await fileVia(app, t, 'congdan');
    const before = await events(id);
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: false }), 400); // private needs a reason
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'moderate', {}), 400);
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true, agencyId: '0190a6b2-0000-7000-8000-000000000000' }), 400);
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true, seq: 7 }), 409);
    expect(await events(id)).toBe(before);
    expect(await row(id)).toMatchObject({ state: 'submitted', is_public: false });
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    const again = expectProblem(await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true }), 409);
    expect(again.type).toBe('/problems/wrong-state');
    expectProblem(await actAs(app, t, 'kiemduyet', '0190a6b2-0000-7000-8000-000000000000', 'moderate', { isPublic: true }), 404);
    for (const who of REFUSED) expectProblem(await actAs(app, t, who, id, 'moderate', { isPublic: true }), 403);
  });
});

describe('reject, transfer, merge', () => {
  it('rejects with a reason and tells the reporter', async () => {
    const id = await fileVia(app, t, 'congdan2');
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'reject', {}), 400);
    expect((await actAs(app, t, 'kiemduyet', id, 'reject', { reason: 'Tin rác' })).json()).toMatchObject({ state: 'rejected' });
    expect(await row(id)).toMatchObject({ state: 'rejected', is_public: false, moderation_note: 'Tin rác' });
    expect(await countRows(db, 'notifications n JOIN users u ON u.id = n.user_id', `u.username = 'congdan2' AND n.kind = 'feedback.reject'`)).toBe(1);
    for (const who of REFUSED) expectProblem(await actAs(app, t, who, id, 'reject', { reason: 'x' }), 403);
  });

  it('transfers a complaint to the inspectorate, never public', async () => {
    const id = await fileVia(app, t, 'congdan', { topicCode: 'khieu-nai-to-cao' });
    expect((await actAs(app, t, 'kiemduyet', id, 'transfer', { reason: 'Tố cáo theo Luật Tố cáo' })).json()).toMatchObject({ state: 'transferred' });
    expect(await row(id)).toMatchObject({ state: 'transferred', is_public: false });
    for (const who of REFUSED) expectProblem(await actAs(app, t, who, id, 'transfer', { reason: 'x' }), 403);
  });

  it('suggests duplicates (same topic, within 100 m and 7 days) and merges one into another', async () => {
    const first = await fileVia(app, t, 'congdan', { topicCode: 'ngap-ung-thoat-nuoc', ...TAN_AN });
    const near = await fileVia(app, t, 'congdan2', { topicCode: 'ngap-ung-thoat-nuoc', lat: TAN_AN.lat + 0.0005, lng: TAN_AN.lng });
    const far = await fileVia(app, t, 'congdan2', { topicCode: 'ngap-ung-thoat-nuoc', lat: TAN_AN.lat + 0.002, lng: TAN_AN.lng });
    const otherTopic = await fileVia(app, t, 'congdan2', { topicCode: 'rac-thai-ve-sinh', ...TAN_AN });
    const res = await app.inject({ url: `/api/feedback/reports/${near}/duplicates`, headers: as(t, 'kiemduyet') });
    const suggestions = res.json<{ id: string; distanceMetres: number }[]>();
    expect(suggestions.map((s) => s.id)).toContain(first);
    expect(suggestions.map((s) => s.id)).not.toContain(far);
    expect(suggestions.map((s) => s.id)).not.toContain(otherTopic);
    expect(suggestions.find((s) => s.id === first)!.distanceMetres).toBeGreaterThan(40);
    expect(suggestions.find((s) => s.id === first)!.distanceMetres).toBeLessThan(70);
    for (const who of REFUSED) expectProblem(await app.inject({ url: `/api/feedback/reports/${near}/duplicates`, headers: as(t, who) }), 403);

    expectProblem(await actAs(app, t, 'kiemduyet', near, 'merge', { targetId: near }), 400);
    expectProblem(await actAs(app, t, 'kiemduyet', near, 'merge', { targetId: '0190a6b2-0000-7000-8000-000000000000' }), 400);
    expect((await actAs(app, t, 'kiemduyet', near, 'merge', { targetId: first })).json()).toMatchObject({ state: 'merged' });
    expect(await row(near)).toMatchObject({ state: 'merged', merged_into_id: first });
    expectProblem(await actAs(app, t, 'kiemduyet', far, 'merge', { targetId: near }), 400); // into a merged one
    for (const who of REFUSED) expectProblem(await actAs(app, t, who, far, 'merge', { targetId: first }), 403);
  });
});

describe('assign, reassign, close', () => {
  it('reassigns to another agency with a fresh time limit; refuses the same agency', async () => {
    const id = await fileVia(app, t, 'congdan');
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    // As if filed long ago: the reassignment counts the limit afresh from now.
    await db.query(`UPDATE feedback_reports SET due_at = '2026-01-05T10:00:00Z' WHERE id = $1`, [id]);
    const sxd = await agencyId('000.00.06.H59');
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'reassign', { agencyId: sxd }), 400); // reason needed
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'reassign', { agencyId: await agencyId('001.00.00.H59'), reason: 'x' }), 400);
    expect((await actAs(app, t, 'kiemduyet', id, 'reassign', { agencyId: sxd, reason: 'Thuộc thẩm quyền Sở Xây dựng' })).statusCode).toBe(200);
    const after = await row(id);
    expect(after.agency).toBe('000.00.06.H59');
    expect((after.due_at as Date).toISOString()).toBe(new WorkingCalendar().addWorkingDays(after.assigned_at as Date, 10).toISOString());
    // The old agency no longer sees it; the new one does.
    expectProblem(await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'pakn.xa01') }), 404);
    expect((await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'cb.sxd.1') })).statusCode).toBe(200);
    for (const who of REFUSED) expectProblem(await actAs(app, t, who, id, 'reassign', { agencyId: sxd, reason: 'x' }), 403);
  });

  it('assigns a report an agency returned, and closes an answered one nobody rated', async () => {
    const id = await fileVia(app, t, 'congdan');
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    expectProblem(await actAs(app, t, 'pakn.xa01', id, 'return', {}), 400);
    expect((await actAs(app, t, 'pakn.xa01', id, 'return', { reason: 'Không thuộc địa bàn' })).json()).toMatchObject({ state: 'moderated' });
    expectProblem(await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'pakn.xa01') }), 404);
    const sxd = await agencyId('000.00.06.H59');
    expect((await actAs(app, t, 'kiemduyet', id, 'assign', { agencyId: sxd })).json()).toMatchObject({ state: 'assigned' });
    for (const who of REFUSED) expectProblem(await actAs(app, t, who, id, 'close', {}), 403);
    expectProblem(await actAs(app, t, 'kiemduyet', id, 'close', {}), 409);
    await actAs(app, t, 'cb.sxd.1', id, 'start');
    await actAs(app, t, 'cb.sxd.1', id, 'answer', { answer: 'Đã xử lý.' });
    expect((await actAs(app, t, 'kiemduyet', id, 'close', {})).json()).toMatchObject({ state: 'closed' });
    expect((await row(id)).closed_at).not.toBeNull();
  });
});
