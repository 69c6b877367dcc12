import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { act, fileThroughApi, insertFixtureProcedure } from './testing.ts';

/** What the readers get: the detail (history, allowed actions, deadlines), the queue's filters and order, the receipt. */
let db: Db;
let app: FastifyInstance;
let procedure: string;
const t: Record<string, string> = {};
const get = (url: string, user: string) => app.inject({ method: 'GET', url, headers: bearer(t[user]!) });
const setDue = (id: string, dueAt: Date) => db.query('UPDATE dossiers SET due_at = $2, original_due_at = $2 WHERE id = $1', [id, dueAt]);

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db, { PUBLIC_URL: 'https://dichvucong.tayninh.example' });
  for (const u of ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh']) t[u] = await loginAs(app, u);
  procedure = await insertFixtureProcedure(db);
});

describe('GET /api/dossiers/{id}', () => {
  it('gives the history with national statuses and actors, and each caller the actions open to them', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    const fresh = (await get(`/api/dossiers/${d.id}`, 'congdan')).json();
    expect(fresh.history).toEqual([expect.objectContaining({ seq: 0, action: 'submit', toStatus: 1, actorName: 'Nguyễn Văn An' })]);
    expect(fresh.allowedActions.map((a: { action: string }) => a.action)).toEqual(['withdraw']);
    expect((await get(`/api/dossiers/${d.id}`, 'motcua')).json().allowedActions.map((a: { action: string }) => a.action)).toEqual(['receive', 'refuse']);
    expect((await get(`/api/dossiers/${d.id}`, 'lanhdaotinh')).json().allowedActions).toEqual([]);

    await act(app, t.motcua!, d.id, 'receive', { comment: 'Hồ sơ đủ' });
    const detail = (await get(`/api/dossiers/${d.id}`, 'chuyenvien')).json();
    expect(detail).toMatchObject({ status: 2, statusName: 'Được tiếp nhận', seq: 1, dueState: expect.any(String), onTime: true, apologyCount: 0 });
    expect(detail.history[1]).toMatchObject({ seq: 1, action: 'receive', actionLabel: 'Tiếp nhận hồ sơ', fromStatus: 1, toStatus: 2, actorName: 'Lê Thị Cúc', comment: 'Hồ sơ đủ' });
    const specialist = detail.allowedActions.map((a: { action: string }) => a.action);
    expect(specialist).toEqual(expect.arrayContaining(['assign', 'request_supplement', 'request_fee', 'stop', 'apologise']));
    expect(specialist).not.toContain('approve');
    const reception = (await get(`/api/dossiers/${d.id}`, 'motcua')).json().allowedActions.map((a: { action: string }) => a.action);
    expect(reception).toEqual(['assign', 'request_supplement', 'request_fee']);
    expect(detail.allowedActions.find((a: { action: string }) => a.action === 'apologise').requires).toEqual(['reason', 'newDueAt']);
    expect(detail.data).toMatchObject({ fullName: 'Nguyễn Văn An' });
    expect(detail.procedure).toMatchObject({ code: procedure, field: 'Lý lịch tư pháp', online: 'toan-trinh' });
  });

  it('flags dossiers at risk and overdue', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    await setDue(d.id, new Date(Date.now() - 60_000));
    expect((await get(`/api/dossiers/${d.id}`, 'motcua')).json()).toMatchObject({ dueState: 'overdue', onTime: false });
    const calendar = await app.calendar.current();
    await setDue(d.id, calendar.addWorkingDays(new Date(), 1));
    expect((await get(`/api/dossiers/${d.id}`, 'motcua')).json()).toMatchObject({ dueState: 'soon', onTime: true });
    await setDue(d.id, calendar.addWorkingDays(new Date(), 10));
    expect((await get(`/api/dossiers/${d.id}`, 'motcua')).json().dueState).toBe('ok');
  });
});

describe('GET /api/dossiers/queue', () => {
  it('sorts by appointment, filters by status, overdue and due-before, and pages', async () => {
    const a = await fileThroughApi(app, db, t.congdan!, procedure);
    const b = await fileThroughApi(app, db, t.congdan!, procedure);
    const c = await fileThroughApi(app, db, t.congdan!, procedure);
    await db.query(`UPDATE dossiers SET due_at = now() + interval '30 days' WHERE code IS NOT NULL`);
    await setDue(a.id, new Date(Date.now() + 5 * 86_400_000));
    await setDue(b.id, new Date(Date.now() - 86_400_000));
    await setDue(c.id, new Date(Date.now() + 2 * 86_400_000));
    await act(app, t.motcua!, c.id, 'receive');
    await setDue(c.id, new Date(Date.now() + 2 * 86_400_000));

    const all = (await get('/api/dossiers/queue?pageSize=100', 'chuyenvien')).json();
    const order = all.items.map((i: { id: string }) => i.id);
    expect(order.slice(0, 3)).toEqual([b.id, c.id, a.id]);
    expect(all.items[0]).toMatchObject({ dueState: 'overdue', ownerName: 'Nguyễn Văn An', agency: { code: '000.00.04.H59' } });

    const overdue = (await get('/api/dossiers/queue?overdue=true', 'chuyenvien')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect(overdue.total).toBe(1);
    expect((await get('/api/dossiers/queue?overdue=false&pageSize=100', 'chuyenvien')).json().items.map((i: { id: string }) => i.id)).not.toContain(b.id);
    const received = (await get('/api/dossiers/queue?status=2,3', 'chuyenvien')).json().items;
    expect(received.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(received.map((i: { id: string }) => i.id)).not.toContain(a.id);
    expect(received.every((i: { status: number }) => i.status === 2)).toBe(true);
    const before = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await get(`/api/dossiers/queue?dueBefore=${encodeURIComponent(before)}`, 'chuyenvien')).json().items.map((i: { id: string }) => i.id)).toEqual([b.id, c.id]);
    const page2 = (await get('/api/dossiers/queue?pageSize=1&page=2', 'chuyenvien')).json();
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(page2.total).toBe(all.total);
  });

  it('rejects bad filters with 400 naming the field', async () => {
    expect(expectProblem(await get('/api/dossiers/queue?status=11', 'chuyenvien'), 400).errors![0]!.field).toBe('status');
    expectProblem(await get('/api/dossiers/queue?dueBefore=tomorrow', 'chuyenvien'), 400);
    expectProblem(await get('/api/dossiers/queue?overdue=maybe', 'chuyenvien'), 400);
  });
});

describe('GET /api/dossiers/{id}/receipt', () => {
  it('carries the code, appointment, documents and a QR of the public tracking address', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    const receipt = (await get(`/api/dossiers/${d.id}/receipt`, 'congdan')).json();
    const url = `https://dichvucong.tayninh.example/track?code=${d.code}`;
    expect(receipt).toMatchObject({ code: d.code, agencyName: 'Sở Tư pháp', ownerName: 'Nguyễn Văn An', status: 1, dueAt: d.dueAt, trackingUrl: url });
    expect(receipt.documents).toEqual([
      { code: 'to-khai', name: 'Tờ khai theo mẫu', files: 1 },
      { code: 'can-cuoc', name: 'Bản sao thẻ căn cước', files: 1 },
    ]);
    expect(receipt.qr).toBe(await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }));
    expect(receipt.qr).toMatch(/^data:image\/png;base64,/);
  });
});
