import type ExcelJS from 'exceljs';
import { AppError, type FieldError } from '../../../platform/http/problems.ts';
import { foldDiacritics } from '../../../platform/text/index.ts';
import { ABOUT_ROWS, type Column, DOCUMENT_SHEET, FEE_SHEET, headerKey, PROCEDURE_SHEET, SHEETS } from './excel-columns.ts';

/**
 * Reads a catalogue workbook (the layout of excel-columns.ts) back into the catalogue file's
 * shape, unvalidated: `parseCatalogue` checks it next. Problems only this reader can see (not an
 * .xlsx file, a missing sheet, a form cell that is not JSON, a document of an unknown procedure)
 * answer 400 naming the sheet and row, e.g. `Giấy tờ!5`.
 */
type Row = Record<string, unknown>;

/** The text of a cell, whatever Excel made of it (rich text, hyperlink, formula result). */
const textOf = (value: ExcelJS.CellValue): string | undefined => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value && value.result !== undefined) return textOf(value.result as ExcelJS.CellValue);
  return undefined;
};

const BOOLEANS: Record<string, boolean> = { true: true, false: false, co: true, khong: false, x: true, '1': true, '0': false, yes: true, no: false };

const valueOf = (column: Column, cell: ExcelJS.CellValue, where: string, errors: FieldError[]): unknown => {
  if (column.kind === 'int' && typeof cell === 'number') return cell;
  if (column.kind === 'bool' && typeof cell === 'boolean') return cell;
  const text = textOf(cell)?.trim();
  if (text === undefined || text === '') return undefined;
  if (column.kind === 'int') {
    // "200.000" is how Vietnamese write 200000; "1.5" stays text and fails validation.
    const digits = /^\d{1,3}(?:\.\d{3})+$/.test(text) ? text.replaceAll('.', '') : text;
    return /^-?\d+$/.test(digits) ? Number(digits) : text;
  }
  if (column.kind === 'bool') return BOOLEANS[foldDiacritics(text)] ?? text;
  if (column.kind === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      errors.push({ field: where, message: `${column.header}: không phải JSON hợp lệ` });
      return undefined;
    }
  }
  return text;
};

const readSheet = (sheet: ExcelJS.Worksheet, columns: Column[], errors: FieldError[]): { row: Row; where: string }[] => {
  const byIndex = new Map<number, Column>();
  sheet.getRow(1).eachCell((cell, index) => {
    const column = headerKey(columns, textOf(cell.value) ?? '');
    if (column) byIndex.set(index, column);
  });
  const missing = columns.filter((c) => ![...byIndex.values()].includes(c));
  if (missing.some((c) => c.key === 'code' || c.key === 'procedureCode')) {
    errors.push({ field: sheet.name, message: `Thiếu cột ${missing.map((c) => `"${c.header}"`).join(', ')}` });
    return [];
  }
  const rows: { row: Row; where: string }[] = [];
  sheet.eachRow((excelRow, number) => {
    if (number === 1) return;
    const where = `${sheet.name}!${number}`;
    const row: Row = {};
    for (const [index, column] of byIndex) {
      const value = valueOf(column, excelRow.getCell(index).value, where, errors);
      if (value !== undefined) row[column.key] = value;
    }
    if (Object.keys(row).length > 0) rows.push({ row, where });
  });
  return rows;
};

const sheetNamed = (workbook: ExcelJS.Workbook, name: string) => workbook.worksheets.find((s) => foldDiacritics(s.name) === foldDiacritics(name));

const attach = (procedures: Row[], rows: { row: Row; where: string }[], key: 'documents' | 'fees', errors: FieldError[]) => {
  const byCode = new Map(procedures.map((p) => [String(p.code), p]));
  for (const { row, where } of rows) {
    const { procedureCode, ...item } = row;
    const procedure = byCode.get(String(procedureCode));
    if (!procedure) {
      errors.push({ field: where, message: `Mã thủ tục "${String(procedureCode ?? '')}" không có trong sheet "${SHEETS.procedures}"` });
      continue;
    }
    (procedure[key] as Row[]).push(item);
  }
};

export const xlsxToCatalogue = async (buffer: Buffer): Promise<unknown> => {
  // Loaded on first use: exceljs adds ~30 MB and half a second to every start otherwise.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new AppError('validation-failed', 'Tệp không phải bảng tính Excel (.xlsx) đọc được', { errors: [{ field: 'file', message: 'Không đọc được tệp .xlsx' }] });
  }
  const errors: FieldError[] = [];
  const proceduresSheet = sheetNamed(workbook, SHEETS.procedures);
  if (!proceduresSheet) {
    throw new AppError('validation-failed', `Thiếu sheet "${SHEETS.procedures}"`, { errors: [{ field: 'file', message: `Thiếu sheet "${SHEETS.procedures}"` }] });
  }
  const procedures = readSheet(proceduresSheet, PROCEDURE_SHEET, errors).map(({ row }) => ({ ...row, documents: [], fees: [] }) as Row);
  for (const [name, columns, key] of [[SHEETS.documents, DOCUMENT_SHEET, 'documents'], [SHEETS.fees, FEE_SHEET, 'fees']] as const) {
    const sheet = sheetNamed(workbook, name);
    if (sheet) attach(procedures, readSheet(sheet, columns, errors), key, errors);
  }
  const about: Row = {};
  sheetNamed(workbook, SHEETS.about)?.eachRow((row) => {
    const label = foldDiacritics(textOf(row.getCell(1).value) ?? '');
    const entry = Object.entries(ABOUT_ROWS).find(([key, header]) => foldDiacritics(header) === label || key.toLowerCase() === label);
    const value = textOf(row.getCell(2).value)?.trim();
    if (entry && value) about[entry[0]] = value;
  });
  if (errors.length > 0) throw new AppError('validation-failed', `Tệp Excel có ${errors.length} lỗi`, { errors: errors.slice(0, 100) });
  return { ...about, procedures };
};
