import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';

type Agency = { id: string; code: string; name: string; shortName: string | null; kind: string; parentId: string | null; provinceCode: string; communeCode: string | null };

let db: Db;
let app: FastifyInstance;
const tokens: Record<string, string> = {};
const idOf = async (code: string) => (await db.query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code])).rows[0]!.id;
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM agencies')).rows[0]!.n;
const auditCount = async (action: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;
const post = (payload: object, as?: string) =>
  app.inject({ method: 'POST', url: '/api/agencies', payload, headers: as ? bearer(tokens[as]!) : {} });
const patch = (id: string, payload: object, as?: string) =>
  app.inject({ method: 'PATCH', url: `/api/agencies/${id}`, payload, headers: as ? bearer(tokens[as]!) : {} });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['admin', 'chuyenvien', 'congdan', 'lanhdaotinh']) tokens[u] = await loginAs(app, u);
});

describe('GET /api/agencies (public)', () => {
  it('lists every agency flat with parentId, province committee first', async () => {
    const res = await app.inject({ url: '/api/agencies' });
    expect(res.statusCode).toBe(200);
    const agencies = res.json<Agency[]>();
    expect(agencies).toHaveLength(await count());
    expect(agencies[0]).toMatchObject({ code: '000.00.00.H59', kind: 'province_committee', parentId: null });
    const ids = new Set(agencies.map((a) => a.id));
    expect(agencies.every((a) => a.parentId === null || ids.has(a.parentId))).toBe(true);
  });

  it('filters by kind, province, commune, parent and name without diacritics', async () => {
    const committees = (await app.inject({ url: '/api/agencies?kind=commune_committee&province=80' })).json<Agency[]>();
    expect(committees).toHaveLength(96);
    const inCommune = (await app.inject({ url: '/api/agencies?commune=27712' })).json<Agency[]>();
    expect(inCommune.map((a) => a.kind).sort()).toEqual(['commune_committee', 'one_stop_centre']);
    const justice = (await app.inject({ url: '/api/agencies?q=tu%20phap' })).json<Agency[]>();
    expect(justice.map((a) => a.code)).toEqual(['000.00.04.H59']);
    const byCode = (await app.inject({ url: '/api/agencies?q=000.00.04' })).json<Agency[]>();
    expect(byCode.map((a) => a.code)).toEqual(['000.00.04.H59']);
    const branches = (await app.inject({ url: `/api/agencies?parentId=${await idOf('000.00.02.H59')}` })).json<Agency[]>();
    expect(branches.length).toBeGreaterThanOrEqual(10);
    expect(branches.every((a) => a.kind === 'one_stop_branch')).toBe(true);
    expect((await app.inject({ url: '/api/agencies?q=%25' })).json<Agency[]>()).toEqual([]);
  });

  it('refuses malformed filters with 400', async () => {
    for (const q of ['kind=ministry', 'province=8', 'commune=1', 'parentId=x', 'limit=0']) {
      expectProblem(await app.inject({ url: `/api/agencies?${q}` }), 400);
    }
  });
});

describe('GET /api/agencies/{id} (public)', () => {
  it('gives the agency with its parent and units', async () => {
    const res = await app.inject({ url: `/api/agencies/${await idOf('000.00.02.H59')}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<Agency & { parent: { code: string }; children: { code: string }[] }>();
    expect(body).toMatchObject({ code: '000.00.02.H59', kind: 'one_stop_centre', parent: { code: '000.00.00.H59' } });
    expect(body.children.map((c) => c.code)).toContain('000.01.02.H59');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expectProblem(await app.inject({ url: '/api/agencies/01900000-0000-7000-8000-000000000000' }), 404);
    expectProblem(await app.inject({ url: '/api/agencies/42' }), 400);
  });
});

describe('POST /api/agencies', () => {
  const valid = () => ({ code: '000.00.14.H59', name: 'Sở  Ngoại vụ ', shortName: 'SNgV', kind: 'department', parentId: undefined as string | undefined });

  it('lets an administrator add an agency, audited', async () => {
    const parentId = await idOf('000.00.00.H59');
    const before = await auditCount('agency.create');
    const res = await post({ ...valid(), parentId }, 'admin');
    expect(res.statusCode, res.body).toBe(201);
    const agency = res.json<Agency>();
    expect(agency).toMatchObject({ code: '000.00.14.H59', name: 'Sở Ngoại vụ', kind: 'department', parentId, provinceCode: '80', communeCode: null });
    expect(res.headers.location).toBe(`/api/agencies/${agency.id}`);
    const { rows } = await db.query('SELECT name, province_code FROM agencies WHERE id = $1', [agency.id]);
    expect(rows[0]).toEqual({ name: 'Sở Ngoại vụ', province_code: '80' });
    const audit = await db.query<{ actor_name: string; stream: string }>(`SELECT actor_name, stream FROM audit_log WHERE action = 'agency.create' AND target_id = $1`, [agency.id]);
    expect(audit.rows).toEqual([{ actor_name: 'admin', stream: `agency:${agency.id}` }]);
    expect(await auditCount('agency.create')).toBe(before + 1);
  });

  it('refuses without a session (401) and to roles without org.write (403), writing nothing', async () => {
    const n = await count();
    expectProblem(await post({ ...valid(), code: '000.00.15.H59' }), 401);
    for (const who of ['chuyenvien', 'congdan', 'lanhdaotinh']) expectProblem(await post({ ...valid(), code: '000.00.15.H59' }, who), 403);
    expect(await count()).toBe(n);
  });

  it.each([
    [{ code: '00.00.15.H59' }, 'code'],
    [{ code: '000.00.15.59' }, 'code'],
    [{ code: '000.00.15.H59', name: '   ' }, 'name'],
    [{ code: '000.00.15.H59', kind: 'ministry' }, 'kind'],
    [{ code: '000.00.15.H59', parentId: 'not-a-uuid' }, 'parentId'],
    [{ code: '000.00.15.H59', parentId: '01900000-0000-7000-8000-000000000000' }, 'parentId'],
    [{ code: '000.00.15.H59', provinceCode: '99' }, 'provinceCode'],
    [{ code: '000.00.15.H59' }, 'provinceCode'],
    [{ code: '000.00.15.H59', provinceCode: '80', communeCode: '29242' }, 'communeCode'],
    [{ code: '000.00.15.H59', provinceCode: '80', kind: 'commune_committee' }, 'communeCode'],
    [{ code: '000.00.15.H29', provinceCode: '80', parent: 'UBND' }, 'code'],
    [{ code: '000.00.15.H59', provinceCode: '86', parent: 'UBND' }, 'provinceCode'],
    [{ code: '000.00.15.H59', provinceCode: '80', extra: 1 }, 'body'],
  ])('refuses %o with a field error and writes nothing', async (change, field) => {
    const n = await count();
    const body: Record<string, unknown> = { ...valid(), ...change };
    if (body.parent === 'UBND') {
      delete body.parent;
      body.parentId = await idOf('000.00.00.H59');
    }
    const problem = expectProblem(await post(body, 'admin'), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await count()).toBe(n);
  });

  it('answers 409 for a code already in use (whatever its case), writing nothing', async () => {
    const n = await count();
    const audits = await auditCount('agency.create');
    const res = await post({ ...valid(), code: '000.00.04.h59', provinceCode: '80' }, 'admin');
    expectProblem(res, 409);
    expect(await count()).toBe(n);
    expect(await auditCount('agency.create')).toBe(audits);
  });
});

describe('PATCH /api/agencies/{id}', () => {
  it('lets an administrator rename an agency, audited with before and after', async () => {
    const id = await idOf('000.00.13.H59');
    const res = await patch(id, { name: 'Sở Dân tộc và Tôn giáo tỉnh Tây Ninh', shortName: null }, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Agency>()).toMatchObject({ id, name: 'Sở Dân tộc và Tôn giáo tỉnh Tây Ninh', shortName: null, code: '000.00.13.H59' });
    const audit = await db.query<{ before_digest: string | null; after_digest: string | null }>(
      `SELECT before_digest, after_digest FROM audit_log WHERE action = 'agency.update' AND target_id = $1`,
      [id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.before_digest).not.toBeNull();
    expect(audit.rows[0]!.after_digest).not.toEqual(audit.rows[0]!.before_digest);
  });

  it('moves an agency under another one, taking its province', async () => {
    const id = await idOf('000.02.02.H59');
    const res = await patch(id, { parentId: await idOf('000.00.01.H59') }, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Agency>()).toMatchObject({ parentId: await idOf('000.00.01.H59'), provinceCode: '80' });
  });

  it('refuses a cycle: an agency under itself or under one of its own units', async () => {
    const top = await idOf('000.00.00.H59');
    const unit = await idOf('000.01.02.H59');
    for (const parentId of [top, unit]) {
      const problem = expectProblem(await patch(top, { parentId }, 'admin'), 400);
      expect(problem.errors?.map((e) => e.field)).toContain('parentId');
    }
    const { rows } = await db.query('SELECT parent_id FROM agencies WHERE id = $1', [top]);
    expect(rows[0]).toEqual({ parent_id: null });
  });

  it('answers 409 for a code taken by another agency, 400 for an empty change, 404 for an unknown id', async () => {
    const id = await idOf('000.00.12.H59');
    expectProblem(await patch(id, { code: '000.00.04.H59' }, 'admin'), 409);
    expectProblem(await patch(id, {}, 'admin'), 400);
    expectProblem(await patch('01900000-0000-7000-8000-000000000000', { name: 'X' }, 'admin'), 404);
    const { rows } = await db.query('SELECT code FROM agencies WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ code: '000.00.12.H59' });
  });

  it('refuses without a session (401) and to other roles (403), changing nothing', async () => {
    const id = await idOf('000.00.11.H59');
    const audits = await auditCount('agency.update');
    expectProblem(await patch(id, { name: 'Đổi tên' }), 401);
    for (const who of ['chuyenvien', 'congdan', 'lanhdaotinh']) expectProblem(await patch(id, { name: 'Đổi tên' }, who), 403);
    const { rows } = await db.query('SELECT name FROM agencies WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ name: 'Sở Khoa học và Công nghệ' });
    expect(await auditCount('agency.update')).toBe(audits);
  });
});
