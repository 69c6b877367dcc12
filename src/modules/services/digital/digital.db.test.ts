import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { sessionFor } from '../../../../test/security/callers.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { LocalFileStore } from '../../../platform/files/store.ts';
import { foldIocChanges } from '../../ioc/index.ts';
import { act, fileOwnedBy, fileThroughApi, insertFixtureProcedure, userIdOf, VALID_DATA } from '../dossiers/testing.ts';
import { flatText, ok, pdfOf, toDone } from './testing.ts';

/**
 * Digitisation at reception and the citizen's store, reuse of a stored paper, the forms of
 * Circular 03/2025 as PDF, and results issued electronically with their public verification.
 */
let db: Db;
let app: FastifyInstance;
let procedure: string;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS = ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'admin', 'cb.sxd.1'];

const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const get = (url: string, user?: string) => app.inject({ method: 'GET', url, headers: user ? bearer(t[user]!) : {} });
const papers = async (user: string) => {
  const res = await get('/api/store/papers', user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { fileId: string; kind: string; documentCode: string | null; name: string; dossierCode: string }[] }>().items;
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of USERS) {
    ids[u] = await userIdOf(db, u);
    // Sessions made directly (test/security/callers.ts): sign-in itself is not under test here.
    t[u] = (await sessionFor(app, ids[u])).token;
  }
  procedure = await insertFixtureProcedure(db);
});

describe('digitisation at reception and the citizen’s store', () => {
  it('records each paper as digitised when the dossier is received, and lists the store to its owner only', async () => {
    const d = await fileThroughApi(app, db, t.congdan2!, procedure);
    expect(await papers('congdan2')).toEqual([]);
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    const mine = await papers('congdan2');
    expect(mine.map((p) => [p.kind, p.documentCode, p.name, p.dossierCode]).sort()).toEqual([
      ['input', 'can-cuoc', 'Bản sao thẻ căn cước', d.code],
      ['input', 'to-khai', 'Tờ khai theo mẫu', d.code],
    ]);
    const row = (await db.query('SELECT digitised_papers FROM dossiers WHERE id = $1', [d.id])).rows[0];
    expect(row.digitised_papers).toBe(2);
    const digitisation = (await db.query('SELECT papers, reused FROM dossier_digitisation WHERE dossier_id = $1', [d.id])).rows[0];
    expect(digitisation).toEqual({ papers: 2, reused: 0 });
    const filtered = await get('/api/store/papers?documentCode=can-cuoc', 'congdan2');
    expect(filtered.json().items).toHaveLength(1);
    expect((await papers('congdan')).some((p) => p.dossierCode === d.code)).toBe(false);
  });

  it('counts a stored paper used again in another dossier as reuse (Decision 766, 3.3)', async () => {
    const stored = (await papers('congdan2')).find((p) => p.documentCode === 'can-cuoc')!;
    const res = await app.inject({
      method: 'POST', url: '/api/dossiers', headers: bearer(t.congdan2!),
      payload: { procedureCode: procedure, data: VALID_DATA, submit: true, documents: [{ code: 'to-khai', fileId: await fileOwnedBy(db, ids.congdan2!) }, { code: 'can-cuoc', fileId: stored.fileId }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<{ id: string }>();
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    expect((await db.query('SELECT papers, reused FROM dossier_digitisation WHERE dossier_id = $1', [d.id])).rows[0]).toEqual({ papers: 2, reused: 1 });
    // The reused paper stays one entry of the store.
    expect((await papers('congdan2')).filter((p) => p.fileId === stored.fileId)).toHaveLength(1);
  });

  it('feeds Decision 766: 3.1 from the papers reception recorded, 3.3 measured from reuse', async () => {
    await foldIocChanges(db);
    const stp = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;
    const res = await get(`/api/ioc/index-766?agencyId=${stp}`, 'lanhdaotinh');
    expect(res.statusCode, res.body).toBe(200);
    type Ind = { code: string; source: string; share: number | null };
    const agency = res.json<{ agencies: { agencyId: string; groups: { indicators: Ind[] }[] }[] }>().agencies.find((a) => a.agencyId === stp)!;
    const indicators = agency.groups.flatMap((g) => g.indicators);
    const reuse = (await db.query<{ digitised: number; reused: number }>(
      `SELECT count(*) FILTER (WHERE papers > 0)::int AS digitised, count(*) FILTER (WHERE reused > 0)::int AS reused FROM dossier_digitisation WHERE agency_id = $1`, [stp])).rows[0]!;
    expect(reuse.reused).toBeGreaterThanOrEqual(1);
    expect(indicators.find((i) => i.code === '3.3')).toMatchObject({ source: 'measured', share: Number((reuse.reused / reuse.digitised).toFixed(6)) });
    expect(indicators.find((i) => i.code === '3.1')!.share).toBeGreaterThan(0);
  });

  it('refuses bad input and callers without the citizen scope', async () => {
    expectProblem(await get('/api/store/papers?documentCode=NOT%20A%20CODE', 'congdan'), 400);
    expectProblem(await get('/api/store/papers'), 401);
    for (const u of ['motcua', 'lanhdaotinh', 'admin']) expectProblem(await get('/api/store/papers', u), 403);
  });
});

describe('forms of Circular 03/2025 as PDF', () => {
  it('issues the receipt (Mẫu 01) with the official heading, the appointment and the papers, to the owner and the agency', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    expectProblem(await get(`/api/dossiers/${d.id}/forms/receipt.pdf`, 'congdan'), 409);
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    const { text } = await pdfOf(app, `/api/dossiers/${d.id}/forms/receipt.pdf`, t.congdan!);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', `Số: ${d.code}/GTN`, 'Tờ khai theo mẫu', 'Bản sao thẻ căn cước', 'Thời gian trả kết quả giải quyết hồ sơ']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Tây Ninh, ngày \d{2} tháng ([3-9]|1[0-2]|0[12]) năm 20\d\d/);
    for (const u of ['chuyenvien', 'lanhdao', 'lanhdaotinh']) await pdfOf(app, `/api/dossiers/${d.id}/forms/receipt.pdf`, t[u]!);
    expectProblem(await get(`/api/dossiers/${d.id}/forms/receipt.pdf`, 'congdan2'), 404);
    expectProblem(await get(`/api/dossiers/${d.id}/forms/receipt.pdf`, 'cb.sxd.1'), 404);
    expectProblem(await get(`/api/dossiers/${d.id}/forms/receipt.pdf`), 401);
    expectProblem(await get(`/api/dossiers/${d.id}/forms/invoice.pdf`, 'congdan'), 400);
    expectProblem(await get(`/api/dossiers/not-a-uuid/forms/receipt.pdf`, 'congdan'), 400);
    expectProblem(await get(`/api/dossiers/${d.id}/forms/apology.pdf`, 'congdan'), 409);
  });

  it('lists every missing item on the supplement request (Mẫu 02), and writes the apology (04), refusal (03) and stop notice (05)', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    await ok(await act(app, t.chuyenvien!, d.id, 'apologise', { data: { reason: 'Chờ xác minh của cơ quan công an', newDueAt: new Date(Date.now() + 30 * 86400_000).toISOString() } }));
    await ok(await act(app, t.motcua!, d.id, 'request_supplement', { data: { reason: 'Bản sao mờ', checklist: ['can-cuoc', 'uy-quyen'], note: 'Ghi rõ ngày cấp' } }));
    const supplement = (await pdfOf(app, `/api/dossiers/${d.id}/forms/supplement.pdf`, t.congdan!)).text;
    for (const s of ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', '1. Bản sao thẻ căn cước', '2. Văn bản ủy quyền', '3. Ghi rõ ngày cấp', 'Bản sao mờ']) expect(supplement).toContain(s);
    const apology = (await pdfOf(app, `/api/dossiers/${d.id}/forms/apology.pdf`, t.congdan!)).text;
    for (const s of ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Chờ xác minh của cơ quan công an', 'Ngày hẹn trả kết quả mới']) expect(apology).toContain(s);

    const refused = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, refused.id, 'refuse', { data: { reason: 'Không thuộc thẩm quyền giải quyết' } }));
    expect((await pdfOf(app, `/api/dossiers/${refused.id}/forms/refusal.pdf`, t.congdan!)).text).toContain('Không thuộc thẩm quyền giải quyết');
    const stopped = await fileThroughApi(app, db, t.congdan!, procedure);
    await ok(await act(app, t.motcua!, stopped.id, 'receive'));
    await ok(await act(app, t.chuyenvien!, stopped.id, 'stop', { data: { reason: 'Người nộp đã qua đời' } }));
    const stop = (await pdfOf(app, `/api/dossiers/${stopped.id}/forms/stop.pdf`, t.congdan!)).text;
    expect(stop).toContain('THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ');
    expect(stop).toContain('Người nộp đã qua đời');
  });
});

describe('results issued electronically', () => {
  it('issues a signed PDF with a verification QR into the citizen’s store, once, and returns the result', async () => {
    const d = await fileThroughApi(app, db, t.congdan!, procedure);
    const url = `/api/dossiers/${d.id}/e-result`;
    const before = await count('e_results');
    await ok(await act(app, t.motcua!, d.id, 'receive'));
    expectProblem(await app.inject({ method: 'POST', url, headers: bearer(t.motcua!), payload: {} }), 409);
    await toDone(app, t, ids.chuyenvien!, d.id, { received: true });
    for (const u of ['congdan', 'lanhdaotinh', 'admin']) expectProblem(await app.inject({ method: 'POST', url, headers: bearer(t[u]!), payload: {} }), 403);
    expectProblem(await app.inject({ method: 'POST', url, payload: {} }), 401);
    expectProblem(await app.inject({ method: 'POST', url, headers: bearer(t['cb.sxd.1']!), payload: {} }), 404);
    expectProblem(await app.inject({ method: 'POST', url, headers: bearer(t.motcua!), payload: { note: 'x'.repeat(1001) } }), 400);
    expectProblem(await app.inject({ method: 'POST', url, headers: bearer(t.motcua!), payload: { other: 1 } }), 400);
    expect(await count('e_results')).toBe(before);

    const res = await app.inject({ method: 'POST', url, headers: bearer(t.motcua!), payload: { note: 'Kèm bản giấy khi công dân yêu cầu' } });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json<{ id: string; fileId: string; sha256: string; verifyUrl: string }>();
    expect(issued.verifyUrl).toMatch(new RegExp(`/tra-cuu/ket-qua/${issued.id}\\?sig=[A-Za-z0-9_-]{43}$`));
    const again = await app.inject({ method: 'POST', url, headers: bearer(t.chuyenvien!), payload: {} });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(issued);

    const detail = (await get(`/api/dossiers/${d.id}`, 'congdan')).json();
    expect(detail).toMatchObject({ state: 'returned', status: 10, canRate: true });
    expect(detail.resultFiles).toContain(issued.fileId);
    const stored = (await papers('congdan')).find((p) => p.fileId === issued.fileId);
    expect(stored).toMatchObject({ kind: 'result', dossierCode: d.code });

    const bytes = await readFile(new LocalFileStore(path.join(app.config.dataDir, 'files')).pathOf(issued.sha256));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(issued.sha256);
    const download = await get(`/api/files/${issued.fileId}`, 'congdan');
    expect(download.statusCode).toBe(200);
    const text = flatText(bytes);
    for (const s of ['KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', `Số: ${d.code}/KQĐT`, 'Đồng ý cấp phiếu', '(Đã ký điện tử)', 'Kèm bản giấy khi công dân yêu cầu']) expect(text).toContain(s);

    const sig = new URL(issued.verifyUrl).searchParams.get('sig')!;
    const check = await app.inject({ method: 'GET', url: `/api/public/e-results/${issued.id}?sig=${sig}` });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ genuine: true, code: d.code, sha256: issued.sha256 });
    expect(check.body).not.toContain('Nguyễn');
    expectProblem(await app.inject({ method: 'GET', url: `/api/public/e-results/${issued.id}?sig=${sig.slice(0, -2)}xx` }), 404);
    expectProblem(await app.inject({ method: 'GET', url: `/api/public/e-results/${issued.id}` }), 404);
    expectProblem(await app.inject({ method: 'GET', url: `/api/public/e-results/nope?sig=${sig}` }), 404);
  });
});
