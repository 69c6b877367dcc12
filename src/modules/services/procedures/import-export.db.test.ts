import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { catalogueToXlsx } from './excel-write.ts';
import { xlsxToCatalogue } from './excel-read.ts';
import { XLSX_TYPE } from './routes.ts';
import type { Catalogue, ImportSummary, ProcedureInput } from './schema.ts';
import { parseCatalogue } from './validate-catalogue.ts';

let db: Db;
let app: FastifyInstance;
let admin: Record<string, string>;

const exportAs = (format: 'json' | 'xlsx') => app.inject({ url: `/api/procedures/export?format=${format}`, headers: admin });
const exportJson = async () => {
  const res = await exportAs('json');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Catalogue>();
};
const importBody = (payload: string | Buffer | object, contentType = 'application/json', query = '') =>
  app.inject({
    method: 'POST',
    url: `/api/procedures/import${query}`,
    headers: { ...admin, 'content-type': contentType },
    payload: typeof payload === 'object' && !Buffer.isBuffer(payload) ? JSON.stringify(payload) : payload,
  });
const summaryOf = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportSummary>();
};
/** Everything an import could touch, to prove a refused one touched nothing. */
const snapshot = async () => ({
  procedures: (await db.query('SELECT * FROM procedures ORDER BY code')).rows,
  audits: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n,
  imports: (await db.query('SELECT * FROM data_imports ORDER BY dataset')).rows,
});
const withProcedure = (catalogue: Catalogue, code: string, change: (p: ProcedureInput) => ProcedureInput): Catalogue => ({
  ...catalogue,
  procedures: catalogue.procedures.map((p) => (p.code === code ? change(structuredClone(p)) : p)),
});

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  admin = bearer(await loginAs(app, 'admin'));
});

describe('GET /api/procedures/export', () => {
  it('exports the whole catalogue as JSON, as an attachment, importable as it is', async () => {
    const res = await exportAs('json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="thu-tuc-hanh-chinh-\d{8}\.json"$/);
    const catalogue = res.json<Catalogue>();
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures');
    expect(catalogue.procedures).toHaveLength(rows[0]!.n);
    expect(catalogue.format).toBe('tinhso.procedures/1');
    expect(catalogue.source).toMatch(/rà soát/);
    expect(() => parseCatalogue(catalogue)).not.toThrow();
  });

  it('exports an .xlsx workbook holding the same catalogue', async () => {
    const res = await exportAs('xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const fromExcel = parseCatalogue(await xlsxToCatalogue(res.rawPayload));
    const fromJson = parseCatalogue(await exportJson());
    expect(fromExcel.procedures).toEqual(fromJson.procedures);
    expect(fromExcel.source).toBe(fromJson.source);
  });

  it('refuses an unknown format with 400', async () => {
    expectProblem(await app.inject({ url: '/api/procedures/export?format=csv', headers: admin }), 400);
  });
});

describe('POST /api/procedures/import', () => {
  it('round-trips: importing the JSON or Excel export changes nothing', async () => {
    const before = await snapshot();
    const json = await exportJson();
    expect(summaryOf(await importBody(json))).toEqual({ total: json.procedures.length, created: 0, updated: 0, unchanged: json.procedures.length, deactivated: 0 });
    const xlsx = (await exportAs('xlsx')).rawPayload;
    expect(summaryOf(await importBody(xlsx, XLSX_TYPE))).toMatchObject({ created: 0, updated: 0, unchanged: json.procedures.length });
    const after = await snapshot();
    expect(after.procedures).toEqual(before.procedures);
    expect(after.audits).toBe(before.audits + 2); // one `procedures.import` each, no procedure entry
  });

  it('updates a changed procedure and adds a new one from an Excel file, audited per procedure', async () => {
    const json = await exportJson();
    let changed = withProcedure(json, 'ly-lich-tu-phap.cap-phieu', (p) => ({ ...p, fees: [{ name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 150000, channel: 'online' }] }));
    const template = changed.procedures.find((p) => p.code === 'ho-tich.khai-tu')!;
    changed = { ...changed, procedures: [...changed.procedures, { ...structuredClone(template), code: 'dia-phuong.thu-nghiem', name: 'Thủ tục thử nghiệm của tỉnh' }] };
    const summary = summaryOf(await importBody(await catalogueToXlsx(changed), XLSX_TYPE));
    expect(summary).toMatchObject({ created: 1, updated: 1, unchanged: json.procedures.length - 1, deactivated: 0 });
    const detail = (await app.inject({ url: '/api/procedures/ly-lich-tu-phap.cap-phieu' })).json<ProcedureInput>();
    expect(detail.fees).toEqual([{ name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 150000, channel: 'online' }]);
    const hits = (await app.inject({ url: '/api/procedures?q=thu%20nghiem' })).json<{ code: string }[]>();
    expect(hits.map((h) => h.code)).toEqual(['dia-phuong.thu-nghiem']);
    const { rows } = await db.query<{ action: string; target_id: string; actor_name: string }>(
      `SELECT action, target_id, actor_name FROM audit_log WHERE action IN ('procedure.create', 'procedure.update') AND actor_name = 'admin' ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: 'procedure.update', target_id: 'ly-lich-tu-phap.cap-phieu', actor_name: 'admin' },
      { action: 'procedure.create', target_id: 'dia-phuong.thu-nghiem', actor_name: 'admin' },
    ]);
  });

  it('normalises text (NFC, classic tone marks) so that an equal catalogue imports as unchanged', async () => {
    const json = await exportJson();
    const decomposed = withProcedure(json, 'ho-tich.giam-ho', (p) => ({ ...p, name: ` ${p.name.normalize('NFD')}  ` }));
    expect(summaryOf(await importBody(decomposed))).toMatchObject({ updated: 0 });
    const newStyle = withProcedure(json, 'chung-thuc.hop-dong', (p) => ({ ...p, field: 'Chứng thực', name: p.name.replace('Chứng thực hợp đồng', 'Chứng thực hợp đồng (thỏa thuận)').replace('thỏa', 'thoả') }));
    expect(summaryOf(await importBody(newStyle))).toMatchObject({ updated: 1 });
    const stored = (await db.query<{ name: string }>(`SELECT name FROM procedures WHERE code = 'chung-thuc.hop-dong'`)).rows[0]!.name;
    expect(stored).toContain('(thỏa thuận)');
  });

  it('with replace=true deactivates the procedures the file leaves out: hidden from search, still readable', async () => {
    const json = await exportJson();
    const kept = { ...json, procedures: json.procedures.filter((p) => p.code !== 'cu-tru.tam-tru') };
    expect(summaryOf(await importBody(kept))).toMatchObject({ deactivated: 0 });
    expect(summaryOf(await importBody(kept, 'application/json', '?replace=true'))).toMatchObject({ deactivated: 1, updated: 0 });
    const hits = (await app.inject({ url: '/api/procedures?q=dang%20ky%20tam%20tru' })).json<{ code: string }[]>();
    expect(hits.map((h) => h.code)).not.toContain('cu-tru.tam-tru');
    const detail = await app.inject({ url: '/api/procedures/cu-tru.tam-tru' });
    expect(detail.json()).toMatchObject({ code: 'cu-tru.tam-tru', active: false });
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'procedure.deactivate' AND target_id = 'cu-tru.tam-tru'`);
    expect(audit.rowCount).toBe(1);
    // Importing it again (active in the file) brings it back.
    expect(summaryOf(await importBody(json))).toMatchObject({ updated: 1 });
    expect((await app.inject({ url: '/api/procedures?q=dang%20ky%20tam%20tru' })).json<{ code: string }[]>()[0]?.code).toBe('cu-tru.tam-tru');
  });

  it('refuses a bad catalogue with 400 naming each problem, and writes nothing', async () => {
    const json = await exportJson();
    const badForm = withProcedure(json, 'ho-tich.khai-sinh', (p) => ({ ...p, form: { ...p.form, properties: { x: { type: 'strng' } } } }));
    const typo = withProcedure(json, 'ho-tich.ket-hon', (p) => ({ ...p, form: { ...p.form, requird: ['x'] } }));
    const oldDraft = withProcedure(json, 'ho-tich.khai-tu', (p) => ({ ...p, form: { ...p.form, $schema: 'http://json-schema.org/draft-07/schema#' } }));
    const communeMismatch = withProcedure(json, 'cu-tru.thuong-tru', (p) => ({ ...p, agencyCode: '000.00.04.H59' }));
    const fractionalFee = withProcedure(json, 'chung-thuc.chu-ky', (p) => ({ ...p, fees: [{ name: 'Phí', amount: 10000.5 }] }));
    const noTimeLimit = withProcedure(json, 'ho-tich.giam-ho', (p) => ({ ...p, days: null, hours: null }));
    const duplicate = { ...json, procedures: [...json.procedures, json.procedures[0]!] };
    const cases: [string, unknown, string][] = [
      ['invalid JSON Schema', badForm, 'procedures.'],
      ['unknown keyword', typo, 'form'],
      ['older draft', oldDraft, 'form'],
      ['commune mismatch', communeMismatch, 'agencyCode'],
      ['fractional fee', fractionalFee, 'amount'],
      ['no time limit', noTimeLimit, 'days'],
      ['duplicate code', duplicate, 'code'],
      ['no procedures', { source: 'x', procedures: [] }, 'procedures'],
      ['not a catalogue', [1, 2, 3], 'body'],
    ];
    const before = await snapshot();
    for (const [label, payload, field] of cases) {
      const body = expectProblem(await importBody(payload as object), 400);
      expect(body.type, label).toBe('/problems/validation-failed');
      expect(body.errors?.some((e) => e.field.includes(field)), `${label}: ${JSON.stringify(body.errors)}`).toBe(true);
    }
    const many = expectProblem(await importBody({ ...badForm, procedures: badForm.procedures.map((p) => (p.code === 'cu-tru.thuong-tru' ? { ...p, agencyCode: 'x' } : p)) }), 400);
    const messages = many.errors?.map((e) => e.message).join('\n');
    expect(messages).toMatch(/^Thủ tục ho-tich\.khai-sinh: Biểu mẫu không phải JSON Schema hợp lệ/m);
    expect(messages).toMatch(/^Thủ tục cu-tru\.thuong-tru: Mã cơ quan dạng/m);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses broken files: malformed JSON 400, not an .xlsx 400, form cell not JSON 400, other types 415', async () => {
    const before = await snapshot();
    expectProblem(await importBody('{"procedures": [', 'application/json'), 400);
    const notExcel = expectProblem(await importBody(Buffer.from('PK not really a zip'), XLSX_TYPE), 400);
    expect(notExcel.errors).toEqual([{ field: 'file', message: 'Không đọc được tệp .xlsx' }]);
    const json = await exportJson();
    const workbook = await catalogueToXlsx(withProcedure(json, 'ho-tich.khai-sinh', (p) => p));
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('Thủ tục')!;
    const formColumn = (sheet.getRow(1).values as unknown[]).findIndex((v) => typeof v === 'string' && v.startsWith('Biểu mẫu'));
    sheet.getRow(2).getCell(formColumn).value = '{ not json';
    book.getWorksheet('Giấy tờ')!.getRow(2).getCell(1).value = 'khong-co.thu-tuc';
    const broken = Buffer.from(await book.xlsx.writeBuffer());
    const body = expectProblem(await importBody(broken, XLSX_TYPE), 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'Thủ tục!2', message: 'Biểu mẫu điện tử (JSON Schema 2020-12): không phải JSON hợp lệ' },
        expect.objectContaining({ field: 'Giấy tờ!2' }),
      ]),
    );
    expectProblem(await importBody('code,name', 'text/csv'), 415);
    expect(await snapshot()).toEqual(before);
  });
});
