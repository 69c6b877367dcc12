import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { A4, MM, type TextStyle as Style, wrapText } from '../../platform/pdf/layout.ts';
import { newTinosPdf } from '../../platform/pdf/tinos.ts';
import type { MyData } from './my-data.ts';

/**
 * "Dữ liệu của tôi" as a readable PDF: the same content as the JSON export, section by section,
 * in Tinos (Times New Roman's metric twin, every Vietnamese letter), loaded the way the IOC
 * monthly report loads it (@expo-google-fonts/tinos, glyph records padded for the subsetter).
 * Written without object streams so tests can read the text back (platform/pdf/testing/pdf-text.ts).
 */

const PAGE = { ...A4, margin: 20 * MM };
const WIDTH = PAGE.width - 2 * PAGE.margin;

const SECTIONS: [keyof MyData, string][] = [
  ['account', 'Tài khoản'],
  ['dossiers', 'Hồ sơ thủ tục hành chính'],
  ['ratings', 'Đánh giá mức độ hài lòng'],
  ['feedbackReports', 'Phản ánh, kiến nghị'],
  ['notifications', 'Thông báo'],
  ['consents', 'Sự đồng ý'],
  ['sessions', 'Phiên đăng nhập'],
  ['files', 'Tệp đã tải lên'],
  ['storedPapers', 'Kho giấy tờ'],
  ['privacyRequests', 'Yêu cầu về dữ liệu cá nhân'],
];

/** Nested data as indented "key: value" lines. */
const linesOf = (value: unknown, indent = 0, key?: string): { text: string; indent: number }[] => {
  const label = key === undefined ? '' : `${key}: `;
  if (value === null || value === undefined || typeof value !== 'object') {
    return [{ text: `${label}${value === null || value === undefined ? '—' : String(value)}`, indent }];
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`${i + 1}`, v]) : Object.entries(value);
  if (entries.length === 0) return [{ text: `${label}(không có)`, indent }];
  const head = key === undefined ? [] : [{ text: key, indent }];
  return [...head, ...entries.flatMap(([k, v]) => linesOf(v, key === undefined ? indent : indent + 1, k))];
};

class Writer {
  page!: PDFPage;
  y = 0;
  private readonly known = new Map<PDFFont, Set<number>>();
  constructor(
    private readonly doc: PDFDocument,
    private readonly black: Color,
  ) {
    this.newPage();
  }
  /** What the person typed may hold letters the font lacks (emoji…): those print as '?', never fail. */
  private printable(text: string, font: PDFFont) {
    let set = this.known.get(font);
    if (!set) this.known.set(font, (set = new Set(font.getCharacterSet())));
    return [...text.normalize('NFC')].map((ch) => (set.has(ch.codePointAt(0)!) ? ch : '?')).join('');
  }
  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }
  line(text: string, style: Style, indent = 0) {
    const x = PAGE.margin + indent * 12;
    for (const s of wrapText(this.printable(text.replace(/\s+/g, ' '), style.font), style, WIDTH - indent * 12)) {
      if (this.y - style.size * 1.4 < PAGE.margin) this.newPage();
      this.page.drawText(s, { x, y: this.y - style.size, size: style.size, font: style.font, color: this.black });
      this.y -= style.size * 1.4;
    }
  }
}

export const myDataPdf = async (data: MyData): Promise<Uint8Array> => {
  const { doc, fonts, black } = await newTinosPdf(['400Regular', '700Bold']);
  doc.setTitle('Dữ liệu cá nhân của tôi');
  doc.setLanguage('vi-VN');
  const regular = fonts['400Regular'];
  const bold = fonts['700Bold'];
  const w = new Writer(doc, black);
  w.line('DỮ LIỆU CÁ NHÂN CỦA TÔI', { font: bold, size: 16 });
  w.line(`Họ và tên: ${data.account.fullName}. Xuất lúc: ${new Date(data.exportedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`, { font: regular, size: 11 });
  w.line('Bản này có cùng nội dung với tệp JSON tải từ trang "Dữ liệu của tôi".', { font: regular, size: 11 });
  for (const [key, title] of SECTIONS) {
    w.y -= 6;
    w.line(title, { font: bold, size: 13 });
    for (const l of linesOf(data[key])) w.line(l.text, { font: regular, size: 10 }, l.indent);
  }
  return doc.save({ useObjectStreams: false });
};
