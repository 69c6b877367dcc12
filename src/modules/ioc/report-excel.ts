import type { ReportModel } from './report-model.ts';

/**
 * The monthly report as an Excel workbook (one sheet, Times New Roman), in the same layout as the
 * PDF: unit and number at the top left, the national motto and the date at the top right, then
 * the title and the tables.
 */
const FONT = 'Times New Roman';
const COLUMNS = 6;

export const monthlyReportExcel = async (model: ReportModel): Promise<Buffer> => {
  // Loaded on first use: exceljs adds ~30 MB and half a second to every start otherwise.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'Tỉnh số';
  const sheet = book.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 6 }, { width: 40 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 12 }];
  let r = 1;
  const put = (row: number, from: number, to: number, value: string | number, o: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' | 'right' } = {}) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = value;
    cell.font = { name: FONT, size: o.size ?? 12, bold: o.bold, italic: o.italic };
    cell.alignment = { horizontal: o.align ?? 'left', vertical: 'middle', wrapText: true };
    return cell;
  };
  const lines = Math.max(model.headerLeft.length, model.headerRight.length);
  for (let i = 0; i < lines; i += 1) {
    if (model.headerLeft[i]) put(r + i, 1, 2, model.headerLeft[i]!, { bold: i === model.headerLeft.length - 1, align: 'center' });
    if (model.headerRight[i]) put(r + i, 3, COLUMNS, model.headerRight[i]!, { bold: true, align: 'center' });
  }
  r += lines;
  put(r, 1, 2, model.number, { align: 'center' });
  put(r, 3, COLUMNS, model.placeDate, { italic: true, align: 'center' });
  r += 2;
  put(r++, 1, COLUMNS, model.title, { bold: true, size: 14, align: 'center' });
  put(r, 1, COLUMNS, model.subtitle, { bold: true, align: 'center' });
  sheet.getRow(r).height = 32;
  r += 2;

  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  for (const section of model.sections) {
    put(r++, 1, COLUMNS, section.heading, { bold: true });
    for (const p of section.paragraphs ?? []) put(r++, 1, COLUMNS, p);
    if (!section.table) continue;
    const t = section.table;
    // Two-column tables (label, value) span the sheet: label over columns 1–4, value over 5–6.
    const spans: [number, number][] = t.columns.length === 2 ? [[1, 4], [5, 6]] : t.columns.length === 3 ? [[1, 4], [5, 5], [6, 6]] : t.columns.map((_, i) => [i + 1, i + 1]);
    const row = (cells: (string | number)[], bold: boolean) => {
      cells.forEach((value, i) => {
        const [from, to] = spans[i]!;
        const cell = put(r, from, to, value, { bold, size: 11, align: i === 0 || typeof value !== 'number' ? 'left' : 'right' });
        for (let c = from; c <= to; c += 1) sheet.getCell(r, c).border = border;
        cell.border = border;
      });
      r += 1;
    };
    row(t.columns, true);
    for (const cells of t.rows) row(cells, false);
    r += 1;
  }
  r += 1;
  model.recipients.forEach((line, i) => put(r + i, 1, 2, line, { bold: i === 0, italic: i === 0, size: 11 }));
  model.signer.forEach((line, i) => put(r + i, 3, COLUMNS, line, { bold: i === 0, italic: i > 0, align: 'center' }));
  return Buffer.from(await book.xlsx.writeBuffer());
};
