import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { QUEUE_COUNT_LIMIT } from './list-dossiers.ts';
import { agencyIdOf, fileThroughApi, insertFixtureProcedure } from './testing.ts';

/**
 * The officers' queue on a busy agency: the capped count (`totalCapped`), exact totals on the last
 * page, the due-date order over more than one page, one agency asked for by id, and the indexes
 * that let a page be read without sorting the agency's dossiers.
 */
let db: Db;
let app: FastifyInstance;
let justice: string;
const t: Record<string, string> = {};
const get = async (url: string, user: string) => {
  const res = await app.inject({ method: 'GET', url, headers: bearer(t[user]!) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
/** Copies of a filed dossier, due one minute apart after `from` (null: no appointment). */
const copies = async (sourceId: string, n: number, o: { status?: number; from?: Date | null; tag: string; agencyId?: string }) => {
  await db.query(
    `INSERT INTO dossiers
     SELECT (jsonb_populate_record(NULL::dossiers, to_jsonb(d) || jsonb_build_object(
              'id', gen_random_uuid(), 'code', d.code || '-' || $3 || '-' || g, 'status', $2::int,
              'due_at', $4::timestamptz + g * interval '1 minute', 'agency_id', COALESCE($6::uuid, d.agency_id),
              'case_id', NULL, 'national_code', NULL, 'idempotency_key', NULL))).*
       FROM dossiers d CROSS JOIN generate_series(1, $5::int) g WHERE d.id = $1`,
    [sourceId, o.status ?? 1, o.tag, o.from === undefined ? new Date(Date.now() + 86_400_000) : o.from, n, o.agencyId ?? null],
  );
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['congdan', 'motcua', 'chuyenvien', 'lanhdaotinh', 'cb.sxd.1']) t[u] = await loginAs(app, u);
  justice = await agencyIdOf(db, '000.00.04.H59');
  const procedure = await insertFixtureProcedure(db);
  const first = await fileThroughApi(app, db, t.congdan!, procedure);
  await copies(first.id, QUEUE_COUNT_LIMIT + 4, { tag: 'open' });
  await copies(first.id, 3, { tag: 'done', status: 10, from: new Date(Date.now() - 400 * 86_400_000) });
  await copies(first.id, 2, { tag: 'nodue', from: null });
  await db.query('ANALYZE dossiers');
});

describe('GET /api/dossiers/queue on a busy agency', () => {
  it('counts at most 1,000 and says so; the last page and a small filter count exactly', async () => {
    const open = QUEUE_COUNT_LIMIT + 4 + 1 + 2; // the copies, the dossier filed and the two without an appointment
    const first = await get('/api/dossiers/queue?status=1,2,4,5,6&pageSize=20', 'chuyenvien');
    expect(first).toMatchObject({ total: QUEUE_COUNT_LIMIT, totalCapped: true, page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);

    const lastPage = Math.ceil(open / 20);
    const last = await get(`/api/dossiers/queue?status=1,2,4,5,6&pageSize=20&page=${lastPage}`, 'chuyenvien');
    expect(last).toMatchObject({ total: open, totalCapped: false });
    expect(last.items).toHaveLength(open - (lastPage - 1) * 20);
    // Past the end: nothing to show, the count still answers (capped).
    expect(await get(`/api/dossiers/queue?status=1,2,4,5,6&pageSize=20&page=${lastPage + 3}`, 'chuyenvien')).toMatchObject({ items: [], total: QUEUE_COUNT_LIMIT, totalCapped: true });

    const done = await get('/api/dossiers/queue?status=10', 'chuyenvien');
    expect(done).toMatchObject({ total: 3, totalCapped: false });
    expect(await get('/api/dossiers/queue?status=9', 'chuyenvien')).toMatchObject({ items: [], total: 0, totalCapped: false });
    // The citizen's own list is never capped and carries no flag.
    const mine = await get('/api/dossiers?mine=true&pageSize=1', 'congdan');
    expect(mine.total).toBe(open + 3);
    expect(mine).not.toHaveProperty('totalCapped');
  });

  it('pages in appointment order, those without an appointment last, the finished ones among all filed', async () => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM dossiers WHERE agency_id = $1 AND status IS NOT NULL ORDER BY due_at ASC NULLS LAST, code`,
      [justice],
    );
    const expected = rows.map((r) => r.id);
    expect(ids(await get('/api/dossiers/queue?pageSize=50', 'chuyenvien'))).toEqual(expected.slice(0, 50));
    expect(ids(await get('/api/dossiers/queue?pageSize=50&page=3', 'chuyenvien'))).toEqual(expected.slice(100, 150));
    const tail = await get(`/api/dossiers/queue?pageSize=100&page=${Math.ceil(expected.length / 100)}`, 'chuyenvien');
    expect(ids(tail)).toEqual(expected.slice(Math.floor(expected.length / 100) * 100));
    expect(tail.items.slice(-2).map((i: { dueAt: string | null }) => i.dueAt)).toEqual([null, null]);
    expect(tail).toMatchObject({ total: expected.length, totalCapped: false });
  });

  it('counts a dossier without an appointment as not overdue', async () => {
    await db.query(`UPDATE dossiers SET due_at = now() - interval '1 day' WHERE code LIKE '%-open-1' OR code LIKE '%-open-2'`);
    const overdue = await get('/api/dossiers/queue?overdue=true', 'chuyenvien');
    expect(overdue.items.map((i: { code: string }) => i.code.replace(/^.*-open-/, 'open-')).sort()).toEqual(['open-1', 'open-2']);
    expect(overdue).toMatchObject({ total: 2, totalCapped: false });
    const notOverdue = await get('/api/dossiers/queue?overdue=false&pageSize=100&page=11', 'chuyenvien');
    expect(notOverdue.items.slice(-2).map((i: { dueAt: string | null }) => i.dueAt)).toEqual([null, null]);
    await db.query(`UPDATE dossiers SET due_at = now() + interval '1 day' WHERE code LIKE '%-open-1' OR code LIKE '%-open-2'`);
  });

  it('lists one agency by id: its own staff and the province at once, the one-stop centre it serves, nobody else', async () => {
    const url = `/api/dossiers/queue?agencyId=${justice}&status=1,2,4,5,6&pageSize=5`;
    const own = await get(url, 'chuyenvien');
    expect(own).toMatchObject({ total: QUEUE_COUNT_LIMIT, totalCapped: true });
    expect(ids(await get(url, 'motcua'))).toEqual(ids(own));
    expect(ids(await get(url, 'lanhdaotinh'))).toEqual(ids(own));
    expect(await get(url, 'cb.sxd.1')).toMatchObject({ items: [], total: 0, totalCapped: false });
  });

  it('answers alike once the statement is prepared and planned generically, whatever the order of the statuses', async () => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM dossiers WHERE agency_id = $1 AND status IN (1, 2, 4, 5, 6) ORDER BY due_at ASC NULLS LAST, code LIMIT 60`,
      [justice],
    );
    // More than the five custom plans PostgreSQL makes before it may switch to a generic one.
    for (let i = 0; i < 9; i++) {
      const page = 1 + (i % 3);
      const status = i % 2 ? '6,5,4,2,1' : '1,2,4,5,6';
      const answer = await get(`/api/dossiers/queue?agencyId=${justice}&status=${status}&page=${page}&pageSize=20`, 'chuyenvien');
      expect(ids(answer)).toEqual(rows.slice((page - 1) * 20, page * 20).map((r) => r.id));
      expect(answer).toMatchObject({ total: QUEUE_COUNT_LIMIT, totalCapped: true });
    }
  });

  it('merges the agencies of a one-stop centre and of the province in appointment order, page by page', async () => {
    const construction = await agencyIdOf(db, '000.00.06.H59');
    const source = (await db.query<{ id: string }>(`SELECT id FROM dossiers WHERE agency_id = $1 AND code NOT LIKE '%-%-%-%-%' LIMIT 1`, [justice])).rows[0]!.id;
    // Due 30 s after each of the first 150 of Sở Tư pháp, so the two agencies interleave.
    await copies(source, 150, { tag: 'sxd', agencyId: construction, from: new Date(Date.now() + 86_400_000 + 30_000) });
    const expected = async (agencies: string[] | null, extra = '') =>
      (await db.query<{ id: string }>(
        `SELECT id FROM dossiers WHERE status IS NOT NULL ${extra} AND ($1::uuid[] IS NULL OR agency_id = ANY($1::uuid[]))
          ORDER BY due_at ASC NULLS LAST, code`,
        [agencies],
      )).rows.map((r) => r.id);
    const served = await expected([justice, construction]);
    for (const page of [1, 2, 4]) expect(ids(await get(`/api/dossiers/queue?pageSize=40&page=${page}`, 'motcua'))).toEqual(served.slice((page - 1) * 40, page * 40));
    const all = await expected(null);
    for (const page of [1, 3]) expect(ids(await get(`/api/dossiers/queue?pageSize=30&page=${page}`, 'lanhdaotinh'))).toEqual(all.slice((page - 1) * 30, page * 30));
    const open = await expected([justice, construction], 'AND status IN (1, 2, 4, 5, 6)');
    const openPage = await get('/api/dossiers/queue?status=1,2,4,5,6&pageSize=25&page=3', 'motcua');
    expect(ids(openPage)).toEqual(open.slice(50, 75));
    expect(openPage).toMatchObject({ total: QUEUE_COUNT_LIMIT, totalCapped: true });
    // The last page of the centre's list counts exactly.
    const lastPage = Math.ceil(served.length / 100);
    expect(await get(`/api/dossiers/queue?pageSize=100&page=${lastPage}`, 'motcua')).toMatchObject({ total: served.length, totalCapped: false });
    // Sở Xây dựng's own staff see only theirs.
    expect(await get('/api/dossiers/queue?pageSize=5', 'cb.sxd.1')).toMatchObject({ total: 150, totalCapped: false });
  });

  it('reads a page of open dossiers in index order, without sorting the agency’s dossiers', async () => {
    const plan = async (where: string) => {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT d.id FROM dossiers d WHERE ${where} AND d.agency_id = $1 ORDER BY d.due_at ASC NULLS LAST, d.code LIMIT 20 OFFSET 40`,
        [justice],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const open = await plan('d.status IN (1, 2, 4, 5, 6)');
    expect(open).toContain('dossiers_open_by_due_idx');
    expect(open).not.toMatch(/Sort/);
    const filed = await plan('d.status IS NOT NULL');
    expect(filed).toContain('dossiers_filed_by_due_idx');
    expect(filed).not.toMatch(/Sort/);
  });
});
