import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { compareVi, foldDiacritics } from '../../../platform/text/index.ts';
import type { Procedure, ProcedureSummary } from './schema.ts';

let db: Db;
let app: FastifyInstance;
const search = async (query: string) => {
  const res = await app.inject({ url: `/api/procedures${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ProcedureSummary[]>();
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
});

describe('GET /api/procedures (public search)', () => {
  it('lists the active catalogue, each item with the contract fields', async () => {
    const all = await search('');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures WHERE active');
    expect(all).toHaveLength(rows[0]!.n);
    expect(all.length).toBeGreaterThanOrEqual(40);
    // The database's `vietnamese` collation sorts as the app's Vietnamese order does.
    const names = all.map((p) => p.name);
    expect(names).toEqual([...names].sort(compareVi));
    for (const p of all) {
      expect(Object.keys(p).sort()).toEqual(['agencyCode', 'agencyName', 'code', 'days', 'field', 'hours', 'level', 'name', 'online'].sort());
      expect(['toan-trinh', 'mot-phan']).toContain(p.online);
      expect(p.days !== null || p.hours !== null).toBe(true);
    }
  });

  it('finds "Đăng ký khai sinh" first whatever the case and diacritics', async () => {
    for (const q of ['khai sinh', 'KHAI SINH', 'Khai Sinh', 'đăng ký khai sinh', 'dang ky khai sinh', '  khai   sinh ']) {
      const hits = await search(`?q=${encodeURIComponent(q)}`);
      expect(hits[0]?.name, q).toBe('Đăng ký khai sinh');
      expect(hits.every((h) => /khai sinh/i.test(h.name.normalize('NFD').replace(/\p{M}/gu, ''))), q).toBe(true);
    }
    // Rank first (the name is the words, starts with them, holds them, holds each), then Vietnamese order.
    const ranked = await search('?q=dang%20ky%20khai%20sinh');
    const rankOf = (name: string) => {
      const folded = foldDiacritics(name);
      return folded === 'dang ky khai sinh' ? 0 : folded.startsWith('dang ky khai sinh') ? 1 : folded.includes('dang ky khai sinh') ? 2 : 3;
    };
    expect(new Set(ranked.map((h) => rankOf(h.name))).size).toBeGreaterThanOrEqual(3);
    const expected = [...ranked].sort((a, b) => rankOf(a.name) - rankOf(b.name) || compareVi(a.name, b.name) || (a.code < b.code ? -1 : 1));
    expect(ranked.map((h) => h.code)).toEqual(expected.map((h) => h.code));
    expect(await search('?q=khai%20sinh&limit=2')).toEqual((await search('?q=khai%20sinh')).slice(0, 2));
    const exact = await search('?q=dang%20ky%20khai%20sinh');
    expect(exact[0]).toMatchObject({ code: 'ho-tich.khai-sinh', field: 'Hộ tịch', agencyCode: 'commune', days: 1, online: 'toan-trinh' });
  });

  it('needs every word, in any order, in the name, field or code', async () => {
    const hits = await search('?q=sinh%20khai');
    expect(hits.map((h) => h.code)).toContain('ho-tich.khai-sinh');
    expect(await search('?q=khai%20sinh%20xyzzy')).toEqual([]);
    const byField = await search('?q=ly%20lich%20tu%20phap');
    expect(byField.map((h) => h.code)).toEqual(['ly-lich-tu-phap.cap-phieu']);
    expect((await search('?q=1.001193')).map((h) => h.code)).toEqual(['ho-tich.khai-sinh']);
    // A word may be typed in part, from its start: the start of a name word, of the code, of the national code.
    expect((await search('?q=kha%20si')).map((h) => h.code)).toContain('ho-tich.khai-sinh');
    expect((await search('?q=ho-tich.khai-si')).map((h) => h.code)).toEqual([]);
    expect((await search('?q=1.00119')).map((h) => h.code)).toContain('ho-tich.khai-sinh');
    expect((await search('?q=001193')).map((h) => h.code)).not.toContain('ho-tich.khai-sinh');
    expect((await search('?q=hai%20sinh')).map((h) => h.code)).not.toContain('ho-tich.khai-sinh');
  });

  it('filters by field (marks optional), agency, level and online kind', async () => {
    const civil = await search('?field=ho%20tich');
    expect(civil.length).toBeGreaterThanOrEqual(8);
    expect(civil.every((p) => p.field === 'Hộ tịch')).toBe(true);
    expect(await search(`?field=${encodeURIComponent('Hộ tịch')}`)).toEqual(civil);

    const justice = await search('?agency=000.00.04.H59');
    expect(justice.length).toBeGreaterThanOrEqual(1);
    expect(justice.every((p) => p.agencyCode === '000.00.04.H59' && p.agencyName === 'Sở Tư pháp' && p.level === 'province')).toBe(true);
    const construction = await search('?agency=000.00.06.H59&q=giay%20phep%20xay%20dung');
    expect(construction.length).toBeGreaterThanOrEqual(1);
    expect(construction.every((p) => p.agencyCode === '000.00.06.H59')).toBe(true);

    const commune = await search('?level=commune');
    expect(commune.every((p) => p.level === 'commune' && p.agencyCode === 'commune')).toBe(true);
    expect(commune[0]!.agencyName).toMatch(/^Ủy ban nhân dân cấp xã/);
    const province = await search('?level=province');
    expect(province.length + commune.length).toBe((await search('')).length);
    const online = await search('?online=toan-trinh');
    expect(online.length).toBeGreaterThan(0);
    expect(online.every((p) => p.online === 'toan-trinh')).toBe(true);
  });

  it('lists the commune-level procedures for a commune committee or its service centre', async () => {
    const { rows } = await db.query<{ code: string; kind: string }>(
      `SELECT code, kind FROM agencies WHERE commune_code IS NOT NULL ORDER BY code LIMIT 2`,
    );
    const communeLevel = (await search('?agency=commune')).map((p) => p.code);
    expect(communeLevel.length).toBeGreaterThanOrEqual(20);
    for (const agency of rows) expect((await search(`?agency=${agency.code}`)).map((p) => p.code)).toEqual(communeLevel);
    expect(await search('?agency=999.00.00.H59')).toEqual([]);
  });

  it('caps the answer at limit', async () => {
    expect(await search('?limit=3')).toHaveLength(3);
  });

  it('refuses malformed queries with 400 naming the parameter', async () => {
    for (const [q, field] of [['level=district', 'level'], ['online=level4', 'online'], ['agency=Sở', 'agency'], ['limit=0', 'limit'], ['limit=x', 'limit'], [`q=${'a'.repeat(201)}`, 'q']]) {
      const body = expectProblem(await app.inject({ url: `/api/procedures?${q}` }), 400);
      expect(body.errors?.map((e) => e.field), q).toContain(field);
    }
  });
});

describe('GET /api/procedures/fields (public)', () => {
  it('counts the active procedures of each field', async () => {
    const res = await app.inject({ url: '/api/procedures/fields' });
    expect(res.statusCode).toBe(200);
    const fields = res.json<{ field: string; count: number }[]>();
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['Hộ tịch', 'Cư trú', 'Chứng thực', 'Lý lịch tư pháp', 'Xây dựng', 'Đất đai', 'Bảo trợ xã hội']));
    expect(fields.reduce((n, f) => n + f.count, 0)).toBe((await search('')).length);
  });
});

describe('GET /api/procedures/{code} (public)', () => {
  it('answers every field of the contract, with the form and documents', async () => {
    const res = await app.inject({ url: '/api/procedures/ly-lich-tu-phap.cap-phieu' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Procedure & { updatedAt: string }>();
    expect(p).toMatchObject({
      code: 'ly-lich-tu-phap.cap-phieu',
      level: 'province',
      agencyCode: '000.00.04.H59',
      agencyName: 'Sở Tư pháp',
      days: 10,
      hours: null,
      online: 'toan-trinh',
      restartOnSupplement: false,
      workflowKey: 'dossier.one-stop',
      active: true,
    });
    expect(p.fees).toContainEqual(expect.objectContaining({ amount: 200000 }));
    expect(p.fees.every((f) => Number.isInteger(f.amount))).toBe(true);
    for (const d of p.documents) expect(d).toEqual(expect.objectContaining({ code: expect.any(String), name: expect.any(String), required: expect.any(Boolean), originals: expect.any(Number), copies: expect.any(Number), reusable: expect.any(Boolean) }));
    expect(p.form).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    expect((p.form.required as string[])).toContain('fullName');
    expect(p.result).toMatch(/Phiếu lý lịch tư pháp/);
    expect(p.legalBasis).toMatch(/Luật Lý lịch tư pháp/);
    expect(p.reviewNote).toMatch(/^cần rà soát/);
    expect(new Date(p.updatedAt).getTime()).not.toBeNaN();
  });

  it('describes a commune-level procedure with the commune committee placeholder', async () => {
    const p = (await app.inject({ url: '/api/procedures/ho-tich.khai-sinh' })).json<Procedure>();
    expect(p).toMatchObject({ level: 'commune', agencyCode: 'commune', agencyName: 'Ủy ban nhân dân cấp xã (nơi người nộp hồ sơ chọn)' });
    const form = p.form as { properties: Record<string, { title?: string; format?: string; pattern?: string }>; required: string[] };
    expect(form.required).toEqual(expect.arrayContaining(['childFullName', 'childDateOfBirth', 'childSex', 'motherFullName']));
    expect(form.properties.childDateOfBirth).toMatchObject({ format: 'date', title: 'Ngày, tháng, năm sinh' });
    expect(form.properties.motherIdNumber?.pattern).toBe('^[0-9]{12}$');
    expect(p.documents.find((d) => d.code === 'giay-chung-sinh')).toMatchObject({ required: true, reusable: true });
  });

  it('answers 404 problem+json for an unknown code and 400 for a malformed one', async () => {
    const missing = expectProblem(await app.inject({ url: '/api/procedures/khong-co.thu-tuc' }), 404);
    expect(missing.type).toBe('/problems/not-found');
    expectProblem(await app.inject({ url: `/api/procedures/${encodeURIComponent('khai sinh')}` }), 400);
  });
});
