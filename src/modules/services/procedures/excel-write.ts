import type ExcelJS from 'exceljs';
import { ABOUT_ROWS, type Column, DOCUMENT_SHEET, FEE_SHEET, PROCEDURE_SHEET, SHEETS } from './excel-columns.ts';
import type { Catalogue } from './schema.ts';

/** Excel's limit on the text of one cell. */
const MAX_CELL = 32_767;

const cellOf = (column: Column, value: unknown): ExcelJS.CellValue => {
  if (value === undefined || value === null) return null;
  if (column.kind === 'json') {
    const text = JSON.stringify(value);
    if (text.length > MAX_CELL) throw new Error(`${column.key}: ${text.length} characters do not fit one Excel cell`);
    return text;
  }
  return value as ExcelJS.CellValue;
};

const addSheet = (workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows) sheet.addRow(columns.map((c) => cellOf(c, row[c.key])));
};

/** The catalogue as an .xlsx workbook (see excel-columns.ts for the layout). */
export const catalogueToXlsx = async (catalogue: Catalogue): Promise<Buffer> => {
  // Loaded on first use: exceljs adds ~30 MB and half a second to every start otherwise.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Tỉnh số';
  addSheet(workbook, SHEETS.procedures, PROCEDURE_SHEET, catalogue.procedures);
  addSheet(
    workbook,
    SHEETS.documents,
    DOCUMENT_SHEET,
    catalogue.procedures.flatMap((p) => p.documents.map((d) => ({ procedureCode: p.code, ...d }))),
  );
  addSheet(
    workbook,
    SHEETS.fees,
    FEE_SHEET,
    catalogue.procedures.flatMap((p) => p.fees.map((f) => ({ procedureCode: p.code, ...f }))),
  );
  const about = workbook.addWorksheet(SHEETS.about);
  about.columns = [{ width: 28 }, { width: 120 }];
  about.addRow([ABOUT_ROWS.source, catalogue.source]);
  about.addRow([ABOUT_ROWS.format, catalogue.format ?? null]);
  about.addRow([ABOUT_ROWS.exportedAt, catalogue.exportedAt ?? null]);
  about.getColumn(2).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
