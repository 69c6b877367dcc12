import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bearer, buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { withTransaction } from '../db/pool.ts';
import { recordAudit } from './record.ts';
import { asDba, tokenFor, userIdOf, writeEntries } from './testing.ts';

type Page = { items: { id: number; action: string; target: { type: string; id: string }; actor: { id: string | null } }[]; nextCursor: string | null };

describe('/api/audit', () => {
  let db: Db;
  let app: FastifyInstance;
  let admin: string;
  beforeAll(async () => {
    ({ db } = await createTestDb('demo'));
    app = await buildTestApp(db);
    admin = await tokenFor(db, 'admin');
  });

  const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });

  it.each(['/api/audit/entries', '/api/audit/verify'])('%s: 401 without a session, 403 for every role but administrators', async (url) => {
    expectProblem(await get(url), 401);
    for (const user of ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'dangvien']) {
      expectProblem(await get(url, await tokenFor(db, user)), 403);
    }
    expect((await get(url, admin)).statusCode).toBe(200);
  });

  it('lists entries newest first, filtered by target and actor, page by page', async () => {
    const actorId = await userIdOf(db, 'chuyenvien');
    for (let i = 0; i < 5; i += 1) {
      await withTransaction(db, (tx) =>
        recordAudit(tx, { actor: { id: actorId, name: 'chuyenvien' }, action: `test.step${i}`, target: { type: 'dossier', id: 'HS-001' } }),
      );
    }
    await writeEntries(db, 'noise', 2);

    const first = await get('/api/audit/entries?targetType=dossier&targetId=HS-001&limit=2', admin);
    expect(first.statusCode, first.body).toBe(200);
    const p1 = first.json<Page>();
    expect(p1.items.map((e) => e.action)).toEqual(['test.step4', 'test.step3']);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = (await get(`/api/audit/entries?targetType=dossier&targetId=HS-001&limit=2&cursor=${p1.nextCursor}`, admin)).json<Page>();
    const p3 = (await get(`/api/audit/entries?targetType=dossier&targetId=HS-001&limit=2&cursor=${p2.nextCursor}`, admin)).json<Page>();
    expect([...p2.items, ...p3.items].map((e) => e.action)).toEqual(['test.step2', 'test.step1', 'test.step0']);
    expect(p3.nextCursor).toBeNull();

    const byActor = (await get(`/api/audit/entries?actorId=${actorId}`, admin)).json<Page>();
    expect(byActor.items.length).toBeGreaterThanOrEqual(5);
    expect(byActor.items.every((e) => e.actor.id === actorId)).toBe(true);

    const future = (await get('/api/audit/entries?from=2999-01-01T00:00:00Z', admin)).json<Page>();
    expect(future.items).toEqual([]);
    const past = (await get('/api/audit/entries?to=2000-01-01T00:00:00%2B07:00', admin)).json<Page>();
    expect(past.items).toEqual([]);
    const now = (await get(`/api/audit/entries?targetType=test&from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`, admin)).json<Page>();
    expect(now.items.map((e) => e.target.id)).toEqual(['noise', 'noise']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['actorId=not-a-uuid', 'actorId'],
    ['from=yesterday', 'from'],
    ['cursor=abc', 'cursor'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const body = expectProblem(await get(`/api/audit/entries?${query}`, admin), 400);
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });

  it('verifies the log: intact on the demo data, then the first broken entry once a DBA edits a row', async () => {
    const ok = await get('/api/audit/verify', admin);
    expect(ok.statusCode, ok.body).toBe(200);
    const intact = ok.json<{ intact: boolean; entries: number; firstBreak: unknown }>();
    expect(intact).toMatchObject({ intact: true, firstBreak: null });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(intact.entries).toBe(rows[0]!.n);

    const [id] = await writeEntries(db, 'route-victim', 1);
    await asDba(db, `UPDATE audit_log SET actor_name = 'someone' WHERE id = $1`, [id]);
    const broken = (await get('/api/audit/verify', admin)).json<{ intact: boolean; breakCount: number; firstBreak: { entryId: number; reason: string } }>();
    expect(broken).toMatchObject({ intact: false, breakCount: 1, firstBreak: { entryId: id, reason: 'hash-mismatch' } });
  });
});
