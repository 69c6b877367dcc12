import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { dossierRatingStats } from './index.ts';
import { act, agencyIdOf, fileThroughApi, insertFixtureProcedure, userIdOf } from './testing.ts';

/**
 * Ratings of finished dossiers (issue 11): once, one tap on 5 levels, optional comment; only the
 * owner; the satisfaction figures for Decision 766 (`dossierRatingStats`). And the channel's
 * values after the rename migration.
 */
let db: Db;
let app: FastifyInstance;
const t: Record<string, string> = {};
let procedure: string;

const USERS = ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'admin'];
const ratings = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_ratings')).rows[0]!.n;
const rate = (id: string, payload: unknown, user?: string) =>
  app.inject({ method: 'POST', url: `/api/dossiers/${id}/rating`, payload: payload as object, headers: user ? bearer(t[user]!) : {} });
const detail = async (id: string, user: string) => (await app.inject({ url: `/api/dossiers/${id}`, headers: bearer(t[user]!) })).json();

const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(200);

/** Files a dossier as `citizen` and takes it to done (9), or returned (10). */
const finished = async (citizen: string, returned = false) => {
  const d = await fileThroughApi(app, db, t[citizen]!, procedure);
  ok(await act(app, t.motcua!, d.id, 'receive'));
  ok(await act(app, t.motcua!, d.id, 'assign', { data: { assigneeId: await userIdOf(db, 'chuyenvien') } }));
  ok(await act(app, t.chuyenvien!, d.id, 'submit_for_approval'));
  ok(await act(app, t.lanhdao!, d.id, 'approve'));
  if (returned) ok(await act(app, t.motcua!, d.id, 'return_result'));
  return d;
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of USERS) t[u] = await loginAs(app, u);
  procedure = await insertFixtureProcedure(db);
});

describe('POST /api/dossiers/{id}/rating', () => {
  it('lets the owner rate a finished dossier once; the same rating again answers the first, another is 409', async () => {
    const d = await finished('congdan');
    expect(await detail(d.id, 'congdan')).toMatchObject({ status: 9, rating: null, canRate: true });
    const res = await rate(d.id, { score: 4, comment: '  Cán bộ hướng dẫn tận tình ' }, 'congdan');
    expect(res.statusCode, res.body).toBe(201);
    const rating = res.json();
    expect(rating).toEqual({ score: 4, comment: 'Cán bộ hướng dẫn tận tình', ratedAt: expect.any(String) });
    expect(await detail(d.id, 'congdan')).toMatchObject({ rating, canRate: false });
    const again = await rate(d.id, { score: 4, comment: 'Cán bộ hướng dẫn tận tình' }, 'congdan');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(rating);
    expectProblem(await rate(d.id, { score: 1 }, 'congdan'), 409);
    expect(await ratings()).toBe(1);
    const row = (await db.query('SELECT agency_id, channel, score FROM dossier_ratings WHERE dossier_id = $1', [d.id])).rows[0];
    expect(row).toEqual({ agency_id: await agencyIdOf(db, '000.00.04.H59'), channel: 'online', score: 4 });
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.rate' AND target_id = $1`, [d.id])).rows[0].n).toBe(1);
    // Staff see the dossier but not the citizen's rating.
    expect(await detail(d.id, 'motcua')).toMatchObject({ rating: null, canRate: false });
  });

  it('rates a returned dossier (10) with one tap, no comment', async () => {
    const d = await finished('congdan', true);
    const res = await rate(d.id, { score: 5 }, 'congdan');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ score: 5, comment: null });
  });

  it('refuses a dossier not finished yet (409) and bad scores or comments (400), writing nothing', async () => {
    const open = await fileThroughApi(app, db, t.congdan!, procedure);
    const done = await finished('congdan');
    const before = await ratings();
    expectProblem(await rate(open.id, { score: 5 }, 'congdan'), 409);
    expect(await detail(open.id, 'congdan')).toMatchObject({ canRate: false });
    for (const payload of [{}, { score: 0 }, { score: 6 }, { score: 4.5 }, { score: '5' }, { score: 3, comment: 'x'.repeat(1001) }]) {
      expectProblem(await rate(done.id, payload, 'congdan'), 400);
    }
    expectProblem(await rate('not-an-id', { score: 5 }, 'congdan'), 400);
    expect(await ratings()).toBe(before);
  });

  it('answers 401 without a session, 403 to staff (before validation), 404 to another citizen', async () => {
    const d = await finished('congdan');
    const before = await ratings();
    expectProblem(await rate(d.id, { score: 5 }), 401);
    for (const user of ['motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'admin']) expectProblem(await rate(d.id, { score: 'bad' }, user), 403);
    expectProblem(await rate(d.id, { score: 5 }, 'congdan2'), 404);
    expectProblem(await rate('01900000-0000-7000-8000-000000000009', { score: 5 }, 'congdan'), 404);
    expect(await ratings()).toBe(before);
  });
});

describe('dossierRatingStats', () => {
  it('counts the dossiers finished in the window, their ratings per level, average and shares, per agency or all', async () => {
    const from = new Date();
    const a = await finished('congdan2');
    const b = await finished('congdan2');
    const c = await finished('congdan2');
    await finished('congdan2');
    const to = new Date(Date.now() + 1000);
    for (const [d, score] of [[a, 5], [b, 2], [c, 4]] as const) expect((await rate(d.id, { score }, 'congdan2')).statusCode).toBe(201);
    const stp = await agencyIdOf(db, '000.00.04.H59');
    const stats = await dossierRatingStats(db, { agencyId: stp, from, to });
    expect(stats).toEqual({
      from: from.toISOString(),
      to: to.toISOString(),
      agencyId: stp,
      finished: 4,
      rated: 3,
      byScore: [0, 1, 0, 1, 1],
      average: 3.67,
      satisfied: 2,
      satisfiedShare: 0.6667,
      responseShare: 0.75,
    });
    expect(await dossierRatingStats(db, { from, to })).toMatchObject({ agencyId: null, finished: 4, rated: 3 });
    expect(await dossierRatingStats(db, { agencyId: await agencyIdOf(db, '000.00.06.H59'), from, to })).toMatchObject({
      finished: 0,
      rated: 0,
      average: null,
      satisfiedShare: null,
      responseShare: null,
    });
    expect(await dossierRatingStats(db, { from: to, to: new Date(to.getTime() + 60_000) })).toMatchObject({ finished: 0 });
  });
});

describe('dossier channels', () => {
  it('are exactly online, counter and national-portal (the old spelling "portal" is gone)', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    for (const channel of ['counter', 'national-portal', 'online']) {
      await db.query('UPDATE dossiers SET channel = $2 WHERE id = $1', [d.id, channel]);
    }
    await expect(db.query(`UPDATE dossiers SET channel = 'portal' WHERE id = $1`, [d.id])).rejects.toThrow(/dossiers_channel_check/);
    expect((await db.query(`SELECT count(*)::int AS n FROM dossiers WHERE channel NOT IN ('online', 'counter', 'national-portal')`)).rows[0].n).toBe(0);
    // A national code belongs to forwarded dossiers only.
    await expect(db.query(`UPDATE dossiers SET national_code = 'G22-1' WHERE id = $1`, [d.id])).rejects.toThrow(/dossiers_national_code_channel/);
  });
});
