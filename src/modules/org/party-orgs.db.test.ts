import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';

type Node = { id: string; code: string; name: string; kind: string; parentId: string | null; children: Node[] };
type Detail = { id: string; code: string; ancestors: { code: string }[]; children: { code: string }[]; memberCount: number; agencyName: string | null };

let db: Db;
let app: FastifyInstance;
const tokens: Record<string, string> = {};
const as = (who: string) => bearer(tokens[who]!);
const idOf = async (code: string) => (await db.query<{ id: string }>('SELECT id FROM party_orgs WHERE code = $1', [code])).rows[0]!.id;
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM party_orgs')).rows[0]!.n;
const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const tree = async (who: string) => {
  const res = await app.inject({ url: '/api/party-orgs', headers: as(who) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Node[]>();
};
const detail = async (who: string, code: string) => app.inject({ url: `/api/party-orgs/${await idOf(code)}`, headers: as(who) });
const create = (payload: object, who?: string) =>
  app.inject({ method: 'POST', url: '/api/party-orgs', payload, headers: who ? as(who) : {} });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['dangvien', 'dangbo.ubnd', 'tinhuy', 'congdan', 'admin', 'chuyenvien']) tokens[u] = await loginAs(app, u);
});

describe('GET /api/party-orgs', () => {
  it("shows a member their own cell and the organisations above it, nothing else", async () => {
    const roots = await tree('dangvien');
    expect(roots).toHaveLength(1);
    const chain = flatten(roots);
    expect(chain.map((n) => n.code)).toEqual(['DB-80', 'DB-80-UBND', 'CB-80-STP']);
    expect(chain.map((n) => n.children.length)).toEqual([1, 1, 0]);
  });

  it('shows a committee officer their level and everything below it (plus the chain above)', async () => {
    const visible = flatten(await tree('dangbo.ubnd')).map((n) => n.code);
    const { rows } = await db.query<{ code: string }>(
      `WITH RECURSIVE down AS (SELECT id, code FROM party_orgs WHERE code = 'DB-80-UBND'
         UNION ALL SELECT p.id, p.code FROM party_orgs p JOIN down ON p.parent_id = down.id) SELECT code FROM down`,
    );
    expect(visible.sort()).toEqual(['DB-80', ...rows.map((r) => r.code)].sort());
    expect(visible).not.toContain('DB-80-CQD');
    expect(visible.some((c) => c.startsWith('DB-80-X'))).toBe(false);
  });

  it('shows the provincial committee the whole tree', async () => {
    expect(flatten(await tree('tinhuy'))).toHaveLength(await count());
  });

  it('refuses without a session (401) and to roles without Party scopes (403)', async () => {
    expectProblem(await app.inject({ url: '/api/party-orgs' }), 401);
    for (const who of ['congdan', 'admin', 'chuyenvien']) expectProblem(await app.inject({ url: '/api/party-orgs', headers: as(who) }), 403);
  });
});

describe('GET /api/party-orgs/{id}', () => {
  it("gives a member their own cell, with its ancestors and member count", async () => {
    const res = await detail('dangvien', 'CB-80-STP');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Detail>();
    expect(body.ancestors.map((a) => a.code)).toEqual(['DB-80', 'DB-80-UBND']);
    expect(body.agencyName).toBe('Sở Tư pháp');
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE party_org_id = $1`, [body.id]);
    expect(body.memberCount).toBe(rows[0]!.n);
    expect(body.memberCount).toBeGreaterThanOrEqual(2);
  });

  it('shows an ancestor with only the visible branch under it', async () => {
    const body = (await detail('dangvien', 'DB-80')).json<Detail>();
    expect(body.children.map((c) => c.code)).toEqual(['DB-80-UBND']);
  });

  it("answers 404 for another cell, even a sibling (IDOR)", async () => {
    expectProblem(await detail('dangvien', 'CB-80-VP'), 404);
    expectProblem(await detail('dangvien', 'DB-80-CQD'), 404);
    expectProblem(await detail('dangbo.ubnd', 'DB-80-CQD'), 404);
    expectProblem(await detail('dangbo.ubnd', 'CB-80-VPTU'), 404);
    expect((await detail('dangbo.ubnd', 'CB-80-VP')).statusCode).toBe(200);
  });

  it('refuses without a session (401), to other roles (403), and malformed ids (400)', async () => {
    const id = await idOf('CB-80-STP');
    expectProblem(await app.inject({ url: `/api/party-orgs/${id}` }), 401);
    expectProblem(await app.inject({ url: `/api/party-orgs/${id}`, headers: as('congdan') }), 403);
    expectProblem(await app.inject({ url: '/api/party-orgs/nope', headers: as('dangvien') }), 400);
    expectProblem(await app.inject({ url: '/api/party-orgs/01900000-0000-7000-8000-000000000000', headers: as('tinhuy') }), 404);
  });
});

describe('POST /api/party-orgs', () => {
  const cell = async () => ({ code: 'cb-80-snv-2', name: 'Chi bộ Phòng Xây dựng chính quyền', kind: 'chi_bo', parentId: await idOf('DB-80-UBND'), agencyId: null });

  it('lets a committee officer add a cell under their đảng bộ, audited', async () => {
    const res = await create(await cell(), 'dangbo.ubnd');
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json<Node>();
    expect(org).toMatchObject({ code: 'CB-80-SNV-2', kind: 'chi_bo', parentId: await idOf('DB-80-UBND') });
    const audit = await db.query<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'party_org.create' AND target_id = $1`, [org.id]);
    expect(audit.rows).toEqual([{ actor_name: 'dangbo.ubnd' }]);
    expect(flatten(await tree('dangbo.ubnd')).map((n) => n.code)).toContain('CB-80-SNV-2');
    expect(flatten(await tree('dangvien')).map((n) => n.code)).not.toContain('CB-80-SNV-2');
  });

  it('refuses a parent outside the officer’s reach exactly like a missing one, writing nothing', async () => {
    const n = await count();
    for (const parentId of [await idOf('DB-80-CQD'), '01900000-0000-7000-8000-000000000000']) {
      const problem = expectProblem(await create({ ...(await cell()), code: 'CB-80-X1', parentId }, 'dangbo.ubnd'), 400);
      expect(problem.errors).toEqual([{ field: 'parentId', message: 'Không tìm thấy tổ chức Đảng cấp trên trong phạm vi quản lý' }]);
    }
    expect(await count()).toBe(n);
  });

  it.each([
    [{ code: 'x' }, 'code'],
    [{ code: 'CB 80' }, 'code'],
    [{ name: '' }, 'name'],
    [{ kind: 'dang_bo_tinh' }, 'kind'],
    [{ parentId: 'abc' }, 'parentId'],
    [{ agencyId: '01900000-0000-7000-8000-000000000000' }, 'agencyId'],
    [{ parent: 'CB-80-STP' }, 'kind'],
  ])('refuses %o with a field error and writes nothing', async (change, field) => {
    const n = await count();
    const body: Record<string, unknown> = { ...(await cell()), code: 'CB-80-NEW', ...change };
    if (typeof body.parent === 'string') {
      body.parentId = await idOf(body.parent);
      delete body.parent;
    }
    const problem = expectProblem(await create(body, 'dangbo.ubnd'), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await count()).toBe(n);
  });

  it('answers 409 for a code in use, writing nothing', async () => {
    const n = await count();
    expectProblem(await create({ ...(await cell()), code: 'CB-80-STP' }, 'dangbo.ubnd'), 409);
    expect(await count()).toBe(n);
  });

  it('refuses members (403), other roles (403) and anonymous callers (401)', async () => {
    const n = await count();
    expectProblem(await create({ ...(await cell()), code: 'CB-80-NO' }), 401);
    for (const who of ['dangvien', 'congdan', 'admin']) expectProblem(await create({ ...(await cell()), code: 'CB-80-NO' }, who), 403);
    expect(await count()).toBe(n);
  });
});

describe('OpenAPI', () => {
  it('describes the recursive tree as a component that exists', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, { get: { responses: Record<string, unknown> } }>; components: { schemas?: Record<string, unknown> } }>();
    const items = JSON.stringify(doc.paths['/api/party-orgs']!.get.responses['200']);
    const ref = /"\$ref":"#\/components\/schemas\/([^"]+)"/.exec(items)?.[1];
    expect(ref).toBeDefined();
    expect(doc.components.schemas?.[ref!]).toMatchObject({ type: 'object', properties: { children: { type: 'array' } } });
  });
});
