import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';

type Unit = { code: string; name: string; type: string };
type Lookup = {
  old: { code: string; name: string | null; level: string | null; provinceCode: string | null; provinceName: string | null };
  current: { code: string; name: string; provinceCode: string }[];
  resolvedFrom?: string;
};

let db: Db;
let app: FastifyInstance;
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  ({ db } = await createTestDb('base'));
  app = await buildTestApp(db);
});

describe('GET /api/admin-units/provinces', () => {
  it('lists the 34 provinces sorted by code, public and cacheable', async () => {
    const res = await get('/api/admin-units/provinces');
    expect(res.statusCode).toBe(200);
    const provinces = res.json<Unit[]>();
    expect(provinces).toHaveLength(34);
    expect(provinces.map((p) => p.code)).toEqual(provinces.map((p) => p.code).sort());
    expect(provinces).toContainEqual({ code: '80', name: 'Tỉnh Tây Ninh', type: 'tỉnh' });
    expect(provinces).toContainEqual({ code: '79', name: 'Thành phố Hồ Chí Minh', type: 'thành phố trung ương' });
    expect(provinces.find((p) => p.name.includes('Trà Vinh'))).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers.etag).toMatch(/^W\/".+"$/);
  });

  it('answers 304 without a body to a client holding the current copy', async () => {
    const first = await get('/api/admin-units/provinces');
    const again = await get('/api/admin-units/provinces', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await get('/api/admin-units/provinces', { 'if-none-match': 'W/"something-else"' });
    expect(stale.statusCode).toBe(200);
  });
});

describe('GET /api/admin-units/provinces/{code}/communes', () => {
  it('lists the 96 communes of Tây Ninh (80), sorted by code', async () => {
    const res = await get('/api/admin-units/provinces/80/communes');
    expect(res.statusCode).toBe(200);
    const communes = res.json<Unit[]>();
    expect(communes).toHaveLength(96);
    expect(communes.map((c) => c.code)).toEqual(communes.map((c) => c.code).sort());
    expect(new Set(communes.map((c) => c.type))).toEqual(new Set(['xã', 'phường']));
    expect(communes).toContainEqual({ code: '27712', name: 'Phường Tân An', type: 'phường' });
  });

  it('covers the 3,321 communes of the country across the 34 provinces', async () => {
    const provinces = (await get('/api/admin-units/provinces')).json<Unit[]>();
    let total = 0;
    for (const p of provinces) total += (await get(`/api/admin-units/provinces/${p.code}/communes`)).json<Unit[]>().length;
    expect(total).toBe(3321);
  });

  it('answers 404 for an unknown province, without cache headers', async () => {
    const res = await get('/api/admin-units/provinces/99/communes');
    expectProblem(res, 404);
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it.each(['8', '800', 'ab', '8a'])('answers 400 for the malformed code %s', async (code) => {
    const body = expectProblem(await get(`/api/admin-units/provinces/${code}/communes`), 400);
    expect(body.errors?.[0]?.field).toBe('code');
  });
});

describe('GET /api/admin-units/legacy/{oldCommuneCode}', () => {
  it("resolves every old commune of Trà Vinh (84) to communes of Vĩnh Long (86)", async () => {
    const { rows } = await db.query<{ code: string }>(
      `SELECT l.code FROM admin_legacy_communes l WHERE l.province_code = '84'
          AND EXISTS (SELECT 1 FROM admin_commune_conversion cv WHERE cv.old_code = l.code) ORDER BY l.code`,
    );
    expect(rows.length).toBeGreaterThan(90);
    for (const { code } of rows) {
      const res = await get(`/api/admin-units/legacy/${code}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<Lookup>();
      expect(body.old).toMatchObject({ code, provinceCode: '84', provinceName: 'Tỉnh Trà Vinh' });
      expect(body.current.length).toBeGreaterThan(0);
      expect(body.current.every((c) => c.provinceCode === '86')).toBe(true);
    }
  });

  it('answers every new commune of an old commune split between several', async () => {
    const { rows } = await db.query<{ old_code: string; news: string[] }>(
      `SELECT old_code, array_agg(new_code ORDER BY new_code) AS news FROM admin_commune_conversion
        GROUP BY old_code HAVING count(*) >= 3 ORDER BY old_code LIMIT 3`,
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const body = (await get(`/api/admin-units/legacy/${row.old_code}`)).json<Lookup>();
      expect(body.current.map((c) => c.code)).toEqual(row.news);
    }
    // Phường Điện Biên (Ba Đình, Hà Nội) was split four ways.
    const dienBien = (await get('/api/admin-units/legacy/00019')).json<Lookup>();
    expect(dienBien.old.name).toBe('Phường Điện Biên');
    expect(dienBien.current.map((c) => c.name)).toContain('Phường Ba Đình');
    expect(dienBien.current).toHaveLength(4);
  });

  it("resolves the conversion table's other code of a listed ward to it", async () => {
    const body = (await get('/api/admin-units/legacy/26929')).json<Lookup>();
    expect(body.resolvedFrom).toBe('26929');
    expect(body.old).toMatchObject({ code: '26935', name: 'Phường 14', provinceCode: '79' });
    expect(body.current.map((c) => c.code)).toEqual(['26929']);
  });

  it('answers with what is known of an old code the conversion names but the old list lacks', async () => {
    const scratch = await createTestDb('base');
    await scratch.db.query(`INSERT INTO admin_commune_conversion (old_code, new_code) VALUES ('99998', '25459')`);
    const other = await buildTestApp(scratch.db);
    const res = await other.inject({ url: '/api/admin-units/legacy/99998' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Lookup>()).toEqual({
      old: { code: '99998', name: null, level: null, districtCode: null, districtName: null, provinceCode: null, provinceName: null },
      current: [{ code: '25459', name: 'Phường Tân Ninh', provinceCode: '80', provinceName: 'Tỉnh Tây Ninh' }],
    });
  });

  it('answers an old commune without successor with an empty list', async () => {
    const { rows } = await db.query<{ code: string }>(
      `SELECT code FROM admin_legacy_communes l WHERE NOT EXISTS (SELECT 1 FROM admin_commune_conversion cv WHERE cv.old_code = l.code) LIMIT 1`,
    );
    const body = (await get(`/api/admin-units/legacy/${rows[0]!.code}`)).json<Lookup>();
    expect(body.old.code).toBe(rows[0]!.code);
    expect(body.old.name).not.toBeNull();
    expect(body.current).toEqual([]);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expectProblem(await get('/api/admin-units/legacy/99999'), 404);
    for (const bad of ['1234', '123456', 'abcde']) {
      const body = expectProblem(await get(`/api/admin-units/legacy/${bad}`), 400);
      expect(body.errors?.[0]?.field).toBe('oldCommuneCode');
    }
  });
});

describe('GET /api/admin-units/communes/{code}', () => {
  it('gives a commune with its province and the old communes merged into it', async () => {
    const res = await get('/api/admin-units/communes/29242');
    expect(res.statusCode).toBe(200);
    const body = res.json<Unit & { provinceCode: string; provinceName: string; predecessors: { code: string; provinceCode: string }[] }>();
    expect(body).toMatchObject({ code: '29242', name: 'Phường Trà Vinh', type: 'phường', provinceCode: '86', provinceName: 'Tỉnh Vĩnh Long' });
    const { rows } = await db.query<{ old_code: string }>(`SELECT old_code FROM admin_commune_conversion WHERE new_code = '29242' ORDER BY old_code`);
    expect(body.predecessors.map((p) => p.code)).toEqual(rows.map((r) => r.old_code));
    expect(body.predecessors.every((p) => p.provinceCode === '84')).toBe(true);
  });

  it('names the island district a special zone was made of', async () => {
    const body = (await get('/api/admin-units/communes/26732')).json<{ name: string; predecessors: { code: string; name: string; level: string }[] }>();
    expect(body.name).toBe('Đặc khu Côn Đảo');
    expect(body.predecessors).toContainEqual(expect.objectContaining({ code: '755', name: 'Huyện Côn Đảo', level: 'huyện' }));
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expectProblem(await get('/api/admin-units/communes/00000'), 404);
    expectProblem(await get('/api/admin-units/communes/2924'), 400);
  });
});
