import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/problems.ts';
import { catalogueToXlsx } from './excel-write.ts';
import { xlsxToCatalogue } from './excel-read.ts';
import { DRAFT_2020_12, formSchemaProblems } from './form-schema.ts';
import { CATALOGUE_FILE } from './import-catalogue.ts';
import type { Catalogue } from './schema.ts';
import { parseCatalogue } from './validate-catalogue.ts';

const shipped = (): Catalogue => parseCatalogue(JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')));
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('the shipped catalogue file', () => {
  it('validates, and is already in its stored form (normalised text, defaults written out)', () => {
    const raw = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as Catalogue;
    expect(shipped()).toEqual(raw);
  });
});

describe('Excel layout', () => {
  it('round-trips the shipped catalogue through .xlsx unchanged', async () => {
    const catalogue = shipped();
    const again = parseCatalogue(await xlsxToCatalogue(await catalogueToXlsx(catalogue)));
    expect(again).toEqual(catalogue);
  });

  it('reads what people type in Excel: Vietnamese thousands, Có/Không, English headers, extra columns', async () => {
    const catalogue = shipped();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await catalogueToXlsx(catalogue)) as unknown as Parameters<typeof book.xlsx.load>[0]);
    const fees = book.getWorksheet('Phí, lệ phí')!;
    fees.getRow(1).getCell(3).value = 'amount';
    fees.getRow(2).getCell(3).value = '200.000';
    fees.getRow(1).getCell(9).value = 'Ghi chú nội bộ';
    fees.getRow(2).getCell(9).value = 'bỏ qua';
    const documents = book.getWorksheet('Giấy tờ')!;
    documents.getRow(2).getCell(4).value = 'Không';
    const read = parseCatalogue(await xlsxToCatalogue(Buffer.from(await book.xlsx.writeBuffer())));
    const first = catalogue.procedures.find((p) => p.fees.length > 0)!;
    expect(read.procedures.find((p) => p.code === first.code)!.fees[0]!.amount).toBe(200000);
    const withDocs = catalogue.procedures.find((p) => p.documents.length > 0)!;
    expect(read.procedures.find((p) => p.code === withDocs.code)!.documents[0]!.required).toBe(false);
  });

  it('names the sheet and row of what it cannot read', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Trang tính 1').addRow(['x']);
    const noSheet = await xlsxToCatalogue(Buffer.from(await book.xlsx.writeBuffer())).catch((e: unknown) => e);
    expect(noSheet).toBeInstanceOf(AppError);
    expect((noSheet as AppError).extra.errors).toEqual([{ field: 'file', message: 'Thiếu sheet "Thủ tục"' }]);
    const notZip = await xlsxToCatalogue(Buffer.from('hello')).catch((e: unknown) => e);
    expect((notZip as AppError).code).toBe('validation-failed');
  });
});

describe('formSchemaProblems', () => {
  const form = (extra: Record<string, unknown>) => ({ $schema: DRAFT_2020_12, type: 'object', properties: { a: { type: 'string', title: 'A' } }, ...extra });

  it('accepts a strict 2020-12 object schema, with x- presentation hints', () => {
    expect(formSchemaProblems(form({ required: ['a'] }))).toEqual([]);
    expect(formSchemaProblems(form({ properties: { a: { type: 'string', 'x-widget': 'textarea' } } }))).toEqual([]);
  });

  it('refuses another draft, a non-object, an $id, a typo, an unknown format or type', () => {
    expect(formSchemaProblems(form({ $schema: 'http://json-schema.org/draft-07/schema#' }))[0]).toMatch(/2020-12/);
    expect(formSchemaProblems(form({ type: 'array' }))[0]).toMatch(/"type": "object"/);
    expect(formSchemaProblems(form({ $id: 'x' }))[0]).toMatch(/\$id/);
    expect(formSchemaProblems(form({ requird: ['a'] }))[0]).toMatch(/unknown keyword: "requird"/);
    expect(formSchemaProblems(form({ properties: { a: { type: 'string', format: 'ngay' } } }))[0]).toMatch(/unknown format "ngay"/);
    expect(formSchemaProblems(form({ properties: { a: { type: 'chuoi' } } }))[0]).toMatch(/không phải JSON Schema hợp lệ/);
  });
});

describe('parseCatalogue', () => {
  it('names each problem by its path, with the procedure code, and stops at 100', () => {
    const catalogue = shipped();
    const bad = { ...catalogue, procedures: catalogue.procedures.map((p) => ({ ...p, online: 'level-4' })) };
    const error = problemOf(() => parseCatalogue(bad));
    expect(error.status).toBe(400);
    expect(error.extra.errors).toHaveLength(Math.min(100, catalogue.procedures.length));
    expect(error.extra.errors![0]).toEqual({ field: 'procedures.0.online', message: expect.stringMatching(new RegExp(`^Thủ tục ${catalogue.procedures[0]!.code.replaceAll('.', '\\.')}: `)) });
  });

  it('fills defaults for optional fields of a hand-written item', () => {
    const p = shipped().procedures[0]!;
    const { nationalCode: _n, timeLimit: _t, reviewNote: _r, workflowKey: _w, active: _a, fees: _f, documents: _d, restartOnSupplement: _s, hours: _h, ...minimal } = p;
    const parsed = parseCatalogue({ source: 'viết tay', procedures: [minimal] }).procedures[0]!;
    expect(parsed).toMatchObject({ nationalCode: null, timeLimit: null, reviewNote: null, workflowKey: 'dossier.one-stop', active: true, fees: [], documents: [], restartOnSupplement: false, hours: null });
  });
});
