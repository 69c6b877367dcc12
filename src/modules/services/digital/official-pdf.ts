import type { Color, PDFDocument, PDFImage, PDFPage } from 'pdf-lib';
import { A4, DECREE_30_MARGIN, DECREE_30_WIDTH, type TextStyle, wrapText } from '../../../platform/pdf/layout.ts';
import { newTinosPdf } from '../../../platform/pdf/tinos.ts';

/**
 * One-page official papers (forms of Circular 03/2025, e-results, e-receipts) as PDF: A4, Tinos
 * (Times New Roman's metric twin, every Vietnamese letter) embedded as a padded subset the way the
 * IOC report does (platform/pdf/font-padding.ts), margins of Decree 30/2020 and its heading: the agency on
 * the left with the paper's number, the national motto on the right with place and date in words.
 * Written without object streams so tests read the text back (platform/pdf/testing/pdf-text.ts); the
 * plain text is also kept in the document's Subject for search tools.
 */


export type Heading = { parentAgency: string | null; agency: string; number: string; place: string; dateInWords: string };

/** A block of the body: a paragraph, a label with its value, a numbered list, a QR code with a caption. */
export type Block =
  | { kind: 'text'; text: string; bold?: boolean; italic?: boolean; align?: 'left' | 'center' }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'qr'; png: Uint8Array; caption: string };

export type OfficialPaper = { title: string; subtitle?: string; heading: Heading; blocks: Block[]; signer: string[]; keywords?: string[] };

class Page {
  y = A4.height - DECREE_30_MARGIN.top;
  constructor(
    private readonly doc: PDFDocument,
    public page: PDFPage,
    private readonly black: Color,
  ) {}
  need(height: number) {
    if (this.y - height >= DECREE_30_MARGIN.bottom) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - DECREE_30_MARGIN.top;
  }
  line(text: string, style: TextStyle, x: number, width: number, align: 'left' | 'center' = 'left') {
    const w = style.font.widthOfTextAtSize(text, style.size);
    this.page.drawText(text, { x: align === 'left' ? x : x + (width - w) / 2, y: this.y - style.size, size: style.size, font: style.font, color: this.black });
  }
  paragraph(text: string, style: TextStyle, align: 'left' | 'center' = 'left', indent = 0) {
    for (const l of wrapText(text, style, DECREE_30_WIDTH - indent)) {
      this.need(style.size * 1.45);
      this.line(l, style, DECREE_30_MARGIN.left + indent, DECREE_30_WIDTH - indent, align);
      this.y -= style.size * 1.45;
    }
  }
  image(image: PDFImage, size: number) {
    this.need(size + 4);
    this.page.drawImage(image, { x: DECREE_30_MARGIN.left, y: this.y - size, width: size, height: size });
  }
}

/** Plain text of a paper, in reading order (the PDF's Subject; handy in logs and tests). */
export const paperText = (p: OfficialPaper): string =>
  [
    p.heading.parentAgency, p.heading.agency, p.heading.number, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
    `${p.heading.place}, ${p.heading.dateInWords}`, p.title, p.subtitle,
    ...p.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind === 'field' ? `${b.label}: ${b.value}` : b.kind === 'list' ? b.items.join('\n') : b.caption)),
    ...p.signer,
  ]
    .filter((s): s is string => Boolean(s))
    .join('\n');

export const officialPdf = async (paper: OfficialPaper): Promise<Uint8Array> => {
  const { doc, fonts, black } = await newTinosPdf(['400Regular', '700Bold', '400Regular_Italic']);
  doc.setTitle(paper.title);
  doc.setSubject(paperText(paper));
  doc.setKeywords(paper.keywords ?? []);
  doc.setLanguage('vi-VN');
  doc.setProducer('Tỉnh số');
  // Fixed dates keep the bytes a function of the content (the same paper twice = the same file).
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const regular = fonts['400Regular'];
  const bold = fonts['700Bold'];
  const italic = fonts['400Regular_Italic'];
  const w = new Page(doc, doc.addPage([A4.width, A4.height]), black);
  const small: TextStyle = { font: regular, size: 12 };
  const smallBold: TextStyle = { font: bold, size: 12 };
  const body: TextStyle = { font: regular, size: 13 };

  const half = DECREE_30_WIDTH * 0.42;
  const right = DECREE_30_WIDTH - half;
  const top = w.y;
  const left = [paper.heading.parentAgency?.toUpperCase(), paper.heading.agency.toUpperCase()].filter((s): s is string => Boolean(s));
  left.forEach((text, i) => {
    for (const l of wrapText(text, i === left.length - 1 ? smallBold : small, half)) {
      w.line(l, i === left.length - 1 ? smallBold : small, DECREE_30_MARGIN.left, half, 'center');
      w.y -= 15;
    }
  });
  w.y -= 4;
  w.line(paper.heading.number, body, DECREE_30_MARGIN.left, half, 'center');
  const leftBottom = w.y - 18;
  w.y = top;
  for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) {
    w.line(text, { font: bold, size: text.startsWith('CỘNG') ? 12 : 13 }, DECREE_30_MARGIN.left + half, right, 'center');
    w.y -= 16;
  }
  w.y -= 4;
  w.line(`${paper.heading.place}, ${paper.heading.dateInWords}`, { font: italic, size: 13 }, DECREE_30_MARGIN.left + half, right, 'center');
  w.y = Math.min(leftBottom, w.y - 18) - 14;

  w.paragraph(paper.title, { font: bold, size: 14 }, 'center');
  if (paper.subtitle) w.paragraph(paper.subtitle, { font: italic, size: 13 }, 'center');
  w.y -= 8;
  for (const block of paper.blocks) {
    if (block.kind === 'text') w.paragraph(block.text, { font: block.bold ? bold : block.italic ? italic : regular, size: 13 }, block.align ?? 'left');
    else if (block.kind === 'field') w.paragraph(`${block.label}: ${block.value}`, body);
    else if (block.kind === 'list') block.items.forEach((item, i) => w.paragraph(`${i + 1}. ${item}`, body, 'left', 18));
    else {
      w.image(await doc.embedPng(block.png), 90);
      const captionTop = w.y;
      w.y -= 90 + 4;
      for (const l of wrapText(block.caption, { font: italic, size: 10 }, DECREE_30_WIDTH)) {
        w.line(l, { font: italic, size: 10 }, DECREE_30_MARGIN.left, DECREE_30_WIDTH);
        w.y -= 13;
      }
      if (w.y > captionTop) w.y = captionTop - 94;
    }
  }
  w.y -= 14;
  w.need(paper.signer.length * 17 + 10);
  paper.signer.forEach((text, i) => {
    w.line(text, i === 0 ? smallBold : i === 1 ? { font: italic, size: 12 } : small, DECREE_30_MARGIN.left + half, right, 'center');
    w.y -= 17;
  });
  return doc.save({ useObjectStreams: false });
};
