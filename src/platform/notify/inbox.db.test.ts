import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { addToInbox } from './inbox.ts';

let app: FastifyInstance;
let db: Db;
let citizen: string;
let other: string;
let citizenId: string;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  citizen = await loginAs(app, 'congdan');
  other = await loginAs(app, 'congdan2');
  citizenId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'congdan'`)).rows[0]!.id;
});

const list = (token: string, qs = '') => app.inject({ url: `/api/notifications${qs}`, headers: bearer(token) });

describe('notification centre', () => {
  it('lists a user’s own notifications, newest first, with the unread count', async () => {
    const first = await addToInbox(db, { userId: citizenId, kind: 'dossier.received', title: 'Hồ sơ đã được tiếp nhận', body: 'Hồ sơ X đã được tiếp nhận.', link: '/dossiers/1' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await addToInbox(db, { userId: citizenId, kind: 'dossier.result', title: 'Hồ sơ đã có kết quả', body: 'Kết quả sẵn sàng.' });
    const res = await list(citizen);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(2);
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([second, first]);
    expect(body.items[1]).toMatchObject({ kind: 'dossier.received', link: '/dossiers/1', readAt: null });
    const newer = await list(citizen, `?after=${encodeURIComponent(body.items[1].createdAt)}`);
    expect(newer.json().items.map((i: { id: string }) => i.id)).toEqual([second]);
  });

  it('marks read, one or all; another user can neither see nor mark them', async () => {
    expect((await list(other)).json()).toEqual({ items: [], unread: 0 });
    const [item] = (await list(citizen)).json().items;
    expectProblem(await app.inject({ method: 'POST', url: `/api/notifications/${item.id}/read`, headers: bearer(other) }), 404);
    expect((await list(citizen)).json().unread).toBe(2);
    expect((await app.inject({ method: 'POST', url: `/api/notifications/${item.id}/read`, headers: bearer(citizen) })).statusCode).toBe(204);
    expect((await list(citizen, '?unread=true')).json().items).toHaveLength(1);
    const all = await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: bearer(citizen) });
    expect(all.json()).toEqual({ marked: 1 });
    expect((await list(citizen)).json().unread).toBe(0);
  });

  it('refuses bad input with 400 and callers without a session with 401', async () => {
    expectProblem(await list(citizen, '?limit=0'), 400);
    expectProblem(await list(citizen, '?after=yesterday'), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/notifications/not-a-uuid/read', headers: bearer(citizen) }), 400);
    expectProblem(await app.inject('/api/notifications'), 401);
    expectProblem(await app.inject({ method: 'POST', url: '/api/notifications/read-all' }), 401);
  });
});
