import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';

let db: Db;
let app: FastifyInstance;
let admin: Record<string, string>;
let adminId: string;
let justiceId: string;
let centreId: string;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  admin = bearer(await loginAs(app, 'admin'));
  const agencies = await db.query<{ code: string; id: string }>(`SELECT code, id FROM agencies WHERE code IN ('000.00.04.H59', '000.00.02.H59')`);
  justiceId = agencies.rows.find((a) => a.code === '000.00.04.H59')!.id;
  centreId = agencies.rows.find((a) => a.code === '000.00.02.H59')!.id;
  adminId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`)).rows[0]!.id;
});

type Page = { items: { username: string; fullName: string; roles: string[]; agencyId: string | null }[]; total: number; page: number; pageSize: number };
const list = async (query: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/users${query}`, headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const create = (payload: object) => app.inject({ method: 'POST', url: '/api/users', headers: admin, payload });
const patch = (id: string, payload: object, headers = admin) => app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });

describe('GET /api/users', () => {
  it('pages through every user', async () => {
    const total = await count('SELECT count(*)::int AS n FROM users');
    const first = await list('?pageSize=5');
    const second = await list('?pageSize=5&page=2');
    expect(first).toMatchObject({ total, page: 1, pageSize: 5 });
    expect(first.items).toHaveLength(5);
    expect(second.items).toHaveLength(5);
    expect(first.items.map((u) => u.username)).not.toEqual(expect.arrayContaining(second.items.map((u) => u.username)));
  });

  it('filters by role and by agency', async () => {
    const leaders = await list('?role=agency_leader&pageSize=100');
    expect(leaders.total).toBe(await count(`SELECT count(*)::int AS n FROM users WHERE 'agency_leader' = ANY(roles)`));
    expect(leaders.items.every((u) => u.roles.includes('agency_leader'))).toBe(true);
    const justice = await list(`?agencyId=${justiceId}&pageSize=100`);
    expect(justice.total).toBe(await count('SELECT count(*)::int AS n FROM users WHERE agency_id = $1', [justiceId]));
    expect(justice.items.every((u) => u.agencyId === justiceId)).toBe(true);
  });

  it('searches names without diacritics, and usernames', async () => {
    expect((await list('?q=nguyen%20van%20an')).items.map((u) => u.fullName)).toContain('Nguyễn Văn An');
    expect((await list('?q=PHAM%20MINH%20DUC')).items.map((u) => u.username)).toEqual(['chuyenvien']);
    expect((await list('?q=lanhdaotinh')).items.map((u) => u.username)).toEqual(['lanhdaotinh']);
    expect((await list('?q=%25')).total).toBe(0); // a % is searched for, not a wildcard
  });

  it('answers 400 for bad filters', async () => {
    for (const q of ['?role=king', '?agencyId=not-a-uuid', '?pageSize=1000', '?page=0']) {
      expectProblem(await app.inject({ method: 'GET', url: `/api/users${q}`, headers: admin }), 400);
    }
  });
});

describe('POST /api/users', () => {
  it('creates an officer who can then sign in, audited without the password', async () => {
    const res = await create({
      username: 'cb.moi.1', fullName: 'Lý Thị  Hoà', password: 'mat-khau-can-bo', roles: ['officer', 'officer'],
      agencyId: justiceId, email: 'CB.Moi@TayNinh.gov.vn', phone: '+84 977 000 111',
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json<{ id: string }>();
    expect(user).toMatchObject({
      username: 'cb.moi.1', fullName: 'Lý Thị Hòa', roles: ['officer'], agencyId: justiceId,
      email: 'cb.moi@tayninh.gov.vn', phone: '0977000111', disabled: false,
    });
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cb.moi.1', password: 'mat-khau-can-bo' } })).statusCode).toBe(200);
    const { rows } = await db.query<{ actor_name: string; after_digest: string | null }>(
      `SELECT actor_name, after_digest FROM audit_log WHERE action = 'user.create' AND target_id = $1`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_name).toBe('admin');
  });

  it('answers 409 for a taken username, e-mail or phone, and writes nothing', async () => {
    const before = await count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n');
    const base = { fullName: 'Trùng Tên', password: 'mat-khau-1234', roles: ['citizen'] };
    expect(expectProblem(await create({ ...base, username: 'ADMIN' }), 409).errors).toEqual([{ field: 'username', message: 'Tên đăng nhập đã được dùng' }]);
    expect(expectProblem(await create({ ...base, username: 'trung.mail', email: 'congdan@example.vn' }), 409).errors?.[0]?.field).toBe('email');
    expect(expectProblem(await create({ ...base, username: 'trung.phone', phone: '0912000001' }), 409).errors?.[0]?.field).toBe('phone');
    expect(await count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n')).toBe(before);
  });

  it.each([
    [{ roles: ['king'] }, 'roles'],
    [{ roles: [] }, 'roles'],
    [{ agencyId: '01900000-0000-7000-8000-000000000000' }, 'agencyId'],
    [{ roles: ['officer'], agencyId: null }, 'agencyId'],
    [{ partyOrgId: '01900000-0000-7000-8000-000000000000' }, 'partyOrgId'],
    [{ password: 'short' }, 'password'],
    [{ username: '1abc' }, 'username'],
    [{ email: 'nope' }, 'email'],
    [{ phone: '123' }, 'phone'],
  ])('answers 400 for %j and writes nothing', async (change, field) => {
    const before = await count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n');
    const body = expectProblem(await create({ username: 'hop.le', fullName: 'Hợp Lệ', password: 'mat-khau-1234', roles: ['officer'], agencyId: justiceId, ...change }), 400);
    expect(body.errors?.map((e) => e.field.split('.')[0])).toContain(field);
    expect(await count('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n')).toBe(before);
  });
});

describe('PATCH /api/users/{id}', () => {
  const newOfficer = async (username: string) => (await create({ username, fullName: 'Cán Bộ Thử', password: 'mat-khau-1234', roles: ['officer'], agencyId: justiceId })).json<{ id: string }>().id;

  it('changes roles and agency, effective at once on existing sessions, audited with before and after', async () => {
    const id = await newOfficer('cb.doi.vaitro');
    const token = await loginAs(app, 'cb.doi.vaitro', 'mat-khau-1234');
    const res = await patch(id, { roles: ['agency_leader'], agencyId: centreId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['agency_leader'], agencyId: centreId });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).json()).toMatchObject({ user: { roles: ['agency_leader'], agencyId: centreId } });
    const { rows } = await db.query<{ before_digest: string | null; after_digest: string | null }>(
      `SELECT before_digest, after_digest FROM audit_log WHERE action = 'user.update' AND target_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.before_digest).not.toBe(rows[0]!.after_digest);
  });

  it('disabling revokes every session and stops logins; enabling lets them in again', async () => {
    const id = await newOfficer('cb.bi.khoa');
    const token = await loginAs(app, 'cb.bi.khoa', 'mat-khau-1234');
    expect((await patch(id, { disabled: true })).json()).toMatchObject({ disabled: true });
    expect(await count('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [id])).toBe(0);
    expectProblem(await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }), 401);
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cb.bi.khoa', password: 'mat-khau-1234' } }), 401);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.disable' AND target_id = $1`, [id])).toBe(1);
    expect((await patch(id, { disabled: false })).json()).toMatchObject({ disabled: false });
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cb.bi.khoa', password: 'mat-khau-1234' } })).statusCode).toBe(200);
  });

  it("changes a staff account's e-mail and phone (stored canonical), clears one with null, audited", async () => {
    const id = await newOfficer('cb.doi.lienhe');
    const stored = async () => (await db.query('SELECT email, phone FROM users WHERE id = $1', [id])).rows[0];
    const res = await patch(id, { email: ' CanBo.Moi@Example.VN ', phone: '+84 912 555 666' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored()).toEqual({ email: 'canbo.moi@example.vn', phone: '0912555666' });
    expect((await patch(id, { phone: null })).statusCode).toBe(200);
    expect(await stored()).toEqual({ email: 'canbo.moi@example.vn', phone: null });
    const { rows } = await db.query<{ before_digest: string; after_digest: string }>(
      `SELECT before_digest, after_digest FROM audit_log WHERE action = 'user.update' AND target_id = $1 ORDER BY seq`,
      [id],
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]!.before_digest).toBe(rows[0]!.after_digest);
  });

  it("refuses a contact another account holds and a citizen's own account (409), and bad contacts (400), writing nothing", async () => {
    const id = await newOfficer('cb.trung.lienhe');
    const citizenId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'congdan'`)).rows[0]!.id;
    const before = await count('SELECT count(*)::int AS n FROM audit_log');
    expect(expectProblem(await patch(id, { email: 'congdan@example.vn' }), 409).errors).toEqual([{ field: 'email', message: 'E-mail đã được dùng cho tài khoản khác' }]);
    expect(expectProblem(await patch(id, { phone: '0912 000 001' }), 409).errors?.map((e) => e.field)).toEqual(['phone']);
    expect(expectProblem(await patch(citizenId, { phone: '0912555777' }), 409).errors?.map((e) => e.field)).toEqual(['phone']);
    expect(expectProblem(await patch(citizenId, { email: null, phone: null }), 409).errors?.map((e) => e.field)).toEqual(['email', 'phone']);
    expect(expectProblem(await patch(id, { email: 'nope' }), 400).errors?.map((e) => e.field)).toContain('email');
    expect(expectProblem(await patch(id, { phone: '123' }), 400).errors?.map((e) => e.field)).toContain('phone');
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(before);
    expect((await db.query('SELECT email, phone FROM users WHERE id = $1', [id])).rows[0]).toEqual({ email: null, phone: null });
    expect((await db.query('SELECT email, phone FROM users WHERE id = $1', [citizenId])).rows[0]).toEqual({ email: 'congdan@example.vn', phone: '0912000001' });
  });

  it('keeps the administrator from locking themselves out (409)', async () => {
    expectProblem(await patch(adminId, { disabled: true }), 409);
    expectProblem(await patch(adminId, { roles: ['officer'], agencyId: justiceId }), 409);
    const { rows } = await db.query<{ roles: string[]; disabled_at: Date | null }>('SELECT roles, disabled_at FROM users WHERE id = $1', [adminId]);
    expect(rows[0]).toEqual({ roles: ['admin'], disabled_at: null });
  });

  it('answers 404 for an unknown user and 400 for bad changes, writing nothing', async () => {
    const id = await newOfficer('cb.khong.doi');
    const before = await count('SELECT count(*)::int AS n FROM audit_log');
    expectProblem(await patch('01900000-0000-7000-8000-000000000000', { fullName: 'Ai Đó' }), 404);
    expectProblem(await patch('not-a-uuid', { fullName: 'Ai Đó' }), 400);
    expectProblem(await patch(id, {}), 400);
    expectProblem(await patch(id, { roles: ['king'] }), 400);
    expectProblem(await patch(id, { agencyId: null }), 400); // an officer needs an agency
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(before);
    const { rows } = await db.query('SELECT roles, agency_id FROM users WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ roles: ['officer'], agency_id: justiceId });
  });
});

describe('GET /api/users/party-orgs', () => {
  type Choice = { id: string; code: string; name: string; parentName: string | null; depth: number };

  it('lists every Party organisation in tree order, each after the one above it, names only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/users/party-orgs', headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { items } = res.json<{ items: Choice[] }>();
    const { rows } = await db.query<{ id: string; parent: string | null; parent_name: string | null }>(
      'SELECT o.id, p.id AS parent, p.name AS parent_name FROM party_orgs o LEFT JOIN party_orgs p ON p.id = o.parent_id',
    );
    expect(items.map((o) => o.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const at = new Map(items.map((o, i) => [o.id, i]));
    for (const r of rows) {
      const item = items[at.get(r.id)!]!;
      expect(item.parentName).toBe(r.parent_name);
      if (r.parent) {
        expect(at.get(r.parent)!).toBeLessThan(at.get(r.id)!);
        expect(item.depth).toBe(items[at.get(r.parent)!]!.depth + 1);
      } else expect(item.depth).toBe(0);
    }
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['code', 'depth', 'id', 'name', 'parentName']);
  });

  it('gives an account one of them and takes it away again; an unknown one is 400 and writes nothing', async () => {
    const { items } = (await app.inject({ method: 'GET', url: '/api/users/party-orgs', headers: admin })).json<{ items: Choice[] }>();
    const cell = items.find((o) => o.depth > 0)!;
    const created = await create({ username: 'dangvien.moi', fullName: 'Lê Thị Hoa', password: 'mat-khau-1234', roles: ['party_member'], partyOrgId: cell.id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect(created.json()).toMatchObject({ partyOrgId: cell.id });
    const unknown = await patch(id, { partyOrgId: '00000000-0000-7000-8000-000000000000' });
    expectProblem(unknown, 400);
    expect((await db.query('SELECT party_org_id FROM users WHERE id = $1', [id])).rows[0]).toEqual({ party_org_id: cell.id });
    const cleared = await patch(id, { partyOrgId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ partyOrgId: null });
  });
});
