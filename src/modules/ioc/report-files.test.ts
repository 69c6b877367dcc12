import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from './report-model.ts';
import { monthlyReportExcel } from './report-excel.ts';
import { monthlyReportPdf } from './report-pdf.ts';
import { extractPdfText } from '../../platform/pdf/testing/pdf-text.ts';

const MODEL: ReportModel = {
  headerLeft: ['UBND TỈNH TÂY NINH', 'SỞ TƯ PHÁP'],
  headerRight: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  number: 'Số:        /BC-STP',
  placeDate: 'Tây Ninh, ngày 05 tháng 12 năm 2026',
  title: 'BÁO CÁO',
  subtitle: 'Tình hình giải quyết thủ tục hành chính và xử lý phản ánh, kiến nghị tháng 11 năm 2026',
  sections: [
    { heading: 'I. TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ', table: { columns: ['Chỉ tiêu', 'Số liệu'], widths: [3, 1], rows: [['Hồ sơ tiếp nhận trong tháng', '1.234'], ['Giải quyết trễ hạn', 7]] } },
    { heading: 'II. GHI CHÚ', paragraphs: ['Đường Hoàng Lê Kha, phường Tân Ninh: ỷ ỹ ự ữ ẫ ẵ Đ đ.'] },
  ],
  recipients: ['Nơi nhận:', '- Như trên;', '- Lưu: VT.'],
  signer: ['THỦ TRƯỞNG ĐƠN VỊ', '(Ký, ghi rõ họ tên)'],
  fileName: 'bao-cao-2026-11',
};

describe('monthly report files', () => {
  it('PDF: embeds Tinos as a subset and reads back with every Vietnamese letter, in layout order', async () => {
    const pdf = await monthlyReportPdf(MODEL);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/FontFile2/);
    const text = extractPdfText(pdf);
    const lines = text.split('\n');
    for (const expected of [
      'UBND TỈNH TÂY NINH', 'SỞ TƯ PHÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số:        /BC-STP',
      'Tây Ninh, ngày 05 tháng 12 năm 2026', 'BÁO CÁO', 'Hồ sơ tiếp nhận trong tháng', '1.234', 'Nơi nhận:', 'THỦ TRƯỞNG ĐƠN VỊ',
    ]) expect(lines, expected).toContain(expected);
    expect(text).toContain('Tình hình giải quyết thủ tục hành chính');
    expect(text).toContain('ỷ ỹ ự ữ ẫ ẵ Đ đ.');
    expect(text).not.toContain('\uFFFD');
    expect(lines.indexOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeLessThan(lines.indexOf('BÁO CÁO'));
  });

  it('Excel: one sheet in the same layout, Times New Roman', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await monthlyReportExcel(MODEL)) as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('Báo cáo')!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.master.address === cell.address) texts.push(String(cell.value));
    }));
    expect(texts.slice(0, 4)).toEqual(['UBND TỈNH TÂY NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ TƯ PHÁP', 'Độc lập - Tự do - Hạnh phúc']);
    expect(texts).toContain('Tây Ninh, ngày 05 tháng 12 năm 2026');
    expect(texts).toContain('Hồ sơ tiếp nhận trong tháng');
    expect(texts).toContain('7');
    expect(sheet.getCell('A1').font.name).toBe('Times New Roman');
    expect(sheet.getCell('A1').isMerged).toBe(true);
  });
});
