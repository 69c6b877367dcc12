import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';
import { foldDiacritics } from '../../platform/text/index.ts';

type Hit = {
  code: string;
  name: string;
  type: string;
  provinceCode: string;
  provinceName: string;
  matchedLegacy?: { code: string; name: string; districtName: string; provinceName: string }[];
};

let db: Db;
let app: FastifyInstance;
const search = async (query: Record<string, string>) => {
  const res = await app.inject({ method: 'GET', url: '/api/admin-units/communes', query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Hit[]>();
};

beforeAll(async () => {
  ({ db } = await createTestDb('base'));
  app = await buildTestApp(db);
});

describe('GET /api/admin-units/communes?q=', () => {
  it('finds names whatever the case and diacritics', async () => {
    const answers = await Promise.all(['tra vinh', 'Trà Vinh', 'TRA VINH', '  trà   VINH ', 'TRÀ VINH'].map((q) => search({ q })));
    expect(answers[0]!.length).toBeGreaterThan(0);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]![0]).toMatchObject({ code: '29242', name: 'Phường Trà Vinh', provinceCode: '86', provinceName: 'Tỉnh Vĩnh Long' });
    for (const hit of answers[0]!) expect(foldDiacritics(hit.name)).toContain('tra vinh');
  });

  it('matches đ as d', async () => {
    const hits = await search({ q: 'dien bien', limit: '50' });
    expect(hits.some((h) => h.name.includes('Điện Biên'))).toBe(true);
  });

  it('lists the city’s wards for "ho chi minh", where no commune bears the name', async () => {
    const hits = await search({ q: 'ho chi minh' });
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => h.provinceCode === '79')).toBe(true);
  });

  it('ranks the name itself first, then names starting with it, then the rest', async () => {
    const hits = await search({ q: 'tan an', limit: '50' });
    const bare = (name: string) => foldDiacritics(name).replace(/^(xa|phuong|dac khu) /, '');
    const ranks = hits.map((h) => (bare(h.name) === 'tan an' ? 0 : bare(h.name).startsWith('tan an') ? 1 : 2));
    expect(ranks[0]).toBe(0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(hits.filter((h) => ranks[hits.indexOf(h)] === 0).map((h) => h.code)).toContain('27712');
    // Ties in Vietnamese order.
    const exact = hits.filter((_, i) => ranks[i] === 0).map((h) => h.name);
    expect(exact).toEqual([...exact].sort(new Intl.Collator('vi').compare));
  });

  it('filters by province and honours the limit', async () => {
    const hits = await search({ q: 'phu', province: '80', limit: '5' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(hits.every((h) => h.provinceCode === '80')).toBe(true);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM admin_communes WHERE province_code = '80' AND fold_vi(name) LIKE '%phu%'`);
    expect((await search({ q: 'phu', province: '80', limit: '50' })).length).toBe(Math.min(rows[0]!.n, 50));
  });

  it('forgives a typo when nothing matches exactly', async () => {
    const hits = await search({ q: 'ben thnah' });
    expect(hits.map((h) => h.name)).toContain('Phường Bến Thành');
  });

  it('treats LIKE wildcards as text, and finds nothing in punctuation', async () => {
    expect(await search({ q: '%' })).toEqual([]);
    expect(await search({ q: '_' })).toEqual([]);
  });

  it('with legacy=true, finds current communes through old names and old provinces', async () => {
    const hits = await search({ q: 'tra vinh', legacy: 'true', province: '86', limit: '50' });
    expect(hits.length).toBeGreaterThan(10);
    expect(hits.every((h) => h.provinceCode === '86')).toBe(true);
    const viaOld = hits.filter((h) => h.matchedLegacy?.length);
    expect(viaOld.length).toBeGreaterThan(10);
    for (const h of viaOld) {
      for (const old of h.matchedLegacy!) expect(foldDiacritics(`${old.name} ${old.districtName} ${old.provinceName}`)).toContain('tra vinh');
    }
    // And the old commune really became that new one.
    const sample = viaOld[0]!;
    const { rowCount } = await db.query('SELECT 1 FROM admin_commune_conversion WHERE old_code = $1 AND new_code = $2', [sample.matchedLegacy![0]!.code, sample.code]);
    expect(rowCount).toBe(1);
    // Without legacy, only the one ward named Trà Vinh today.
    expect((await search({ q: 'tra vinh', province: '86' })).map((h) => h.code)).toEqual(['29242']);
  });

  it('with legacy=true, an old commune name leads to its successor', async () => {
    const hits = await search({ q: 'phuong dien bien', legacy: 'true', province: '01' });
    const successors = await db.query<{ new_code: string }>(`SELECT new_code FROM admin_commune_conversion WHERE old_code = '00019'`);
    for (const { new_code } of successors.rows) expect(hits.map((h) => h.code)).toContain(new_code);
  });

  it.each([
    [{}, 'q'],
    [{ q: '   ' }, 'q'],
    [{ q: 'a'.repeat(101) }, 'q'],
    [{ q: 'an', limit: '0' }, 'limit'],
    [{ q: 'an', limit: '51' }, 'limit'],
    [{ q: 'an', province: '8' }, 'province'],
    [{ q: 'an', legacy: 'maybe' }, 'legacy'],
  ])('answers 400 for %o', async (query, field) => {
    const res = await app.inject({ method: 'GET', url: '/api/admin-units/communes', query: query as Record<string, string> });
    const body = expectProblem(res, 400);
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });
});
