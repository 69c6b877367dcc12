import type { Color, PDFDocument, PDFPage } from 'pdf-lib';
import { A4, DECREE_30_MARGIN, DECREE_30_WIDTH, type TextStyle, wrapText } from '../../platform/pdf/layout.ts';
import { newTinosPdf } from '../../platform/pdf/tinos.ts';
import type { ReportModel, ReportTable } from './report-model.ts';

/**
 * The monthly report as PDF: A4, Tinos (metric-compatible with Times New Roman, with every
 * Vietnamese letter) embedded as a subset (its glyph records padded first: font-padding.ts),
 * margins of Decree 30/2020 (left 30 mm, others 20 mm).
 * Objects are written without object streams, so the file is plain to read (pdf-text.ts).
 */


class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly black: Color,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - DECREE_30_MARGIN.top;
  }
  need(height: number) {
    if (this.y - height < DECREE_30_MARGIN.bottom) this.newPage();
  }
  /** A line of text, aligned within [x, x + width]. */
  text(text: string, style: TextStyle, x: number, width: number, align: 'left' | 'center' | 'right' = 'left') {
    const w = style.font.widthOfTextAtSize(text, style.size);
    const at = align === 'left' ? x : align === 'center' ? x + (width - w) / 2 : x + width - w;
    this.page.drawText(text, { x: at, y: this.y - style.size, size: style.size, font: style.font, color: this.black });
  }
  paragraph(text: string, style: TextStyle, align: 'left' | 'center' = 'left', indent = 0) {
    for (const line of wrapText(text, style, DECREE_30_WIDTH - indent)) {
      this.need(style.size * 1.4);
      this.text(line, style, DECREE_30_MARGIN.left + indent, DECREE_30_WIDTH - indent, align);
      this.y -= style.size * 1.4;
    }
  }
  table(t: ReportTable, style: TextStyle, head: TextStyle) {
    const total = t.widths.reduce((s, w) => s + w, 0);
    const widths = t.widths.map((w) => (w / total) * DECREE_30_WIDTH);
    const pad = 3;
    const row = (cells: (string | number)[], st: TextStyle) => {
      const wrapped = cells.map((c, i) => wrapText(String(c), st, widths[i]! - 2 * pad));
      const height = Math.max(...wrapped.map((l) => l.length)) * st.size * 1.25 + 2 * pad;
      this.need(height);
      let x = DECREE_30_MARGIN.left;
      wrapped.forEach((lines, i) => {
        this.page.drawRectangle({ x, y: this.y - height, width: widths[i]!, height, borderWidth: 0.5, borderColor: this.black });
        const top = this.y;
        lines.forEach((line, j) => {
          this.y = top - pad - j * st.size * 1.25;
          this.text(line, st, x + pad, widths[i]! - 2 * pad, i === 0 || typeof cells[i] !== 'number' ? 'left' : 'right');
        });
        this.y = top;
        x += widths[i]!;
      });
      this.y -= height;
    };
    row(t.columns, head);
    for (const r of t.rows) row(r, style);
    this.y -= 6;
  }
}

export const monthlyReportPdf = async (model: ReportModel): Promise<Uint8Array> => {
  const { doc, fonts, black } = await newTinosPdf(['400Regular', '700Bold']);
  doc.setTitle(`${model.title} ${model.subtitle}`);
  doc.setLanguage('vi-VN');
  const regular = fonts['400Regular'];
  const bold = fonts['700Bold'];
  const body: TextStyle = { font: regular, size: 13 };
  const strong: TextStyle = { font: bold, size: 13 };
  const small: TextStyle = { font: regular, size: 11 };
  const smallBold: TextStyle = { font: bold, size: 11 };
  const w = new Writer(doc, black);

  // Header: two columns, unit on the left, the national motto on the right.
  const half = DECREE_30_WIDTH * 0.42;
  const right = DECREE_30_WIDTH - half;
  const top = w.y;
  model.headerLeft.forEach((line, i) => {
    w.text(line, i === model.headerLeft.length - 1 ? smallBold : small, DECREE_30_MARGIN.left, half, 'center');
    w.y -= 15;
  });
  w.y -= 4;
  w.text(model.number, body, DECREE_30_MARGIN.left, half, 'center');
  const leftBottom = w.y - 18;
  w.y = top;
  model.headerRight.forEach((line) => {
    w.text(line, smallBold, DECREE_30_MARGIN.left + half, right, 'center');
    w.y -= 15;
  });
  w.y -= 4;
  w.text(model.placeDate, { font: regular, size: 12 }, DECREE_30_MARGIN.left + half, right, 'center');
  w.y = Math.min(leftBottom, w.y - 18) - 12;

  w.paragraph(model.title, { font: bold, size: 14 }, 'center');
  w.paragraph(model.subtitle, strong, 'center');
  w.y -= 10;
  for (const section of model.sections) {
    w.paragraph(section.heading, strong);
    for (const p of section.paragraphs ?? []) w.paragraph(p, body, 'left', 20);
    if (section.table) w.table(section.table, small, smallBold);
  }
  w.y -= 10;
  w.need(90);
  const signTop = w.y;
  model.recipients.forEach((line, i) => {
    w.text(line, i === 0 ? { font: bold, size: 11 } : { font: regular, size: 10 }, DECREE_30_MARGIN.left, half, 'left');
    w.y -= 13;
  });
  w.y = signTop;
  model.signer.forEach((line, i) => {
    w.text(line, i === 0 ? strong : { font: regular, size: 12 }, DECREE_30_MARGIN.left + half, right, 'center');
    w.y -= 16;
  });
  return doc.save({ useObjectStreams: false });
};
