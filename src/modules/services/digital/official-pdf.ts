import type { Color, PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';
import { newTinosPdf } from '../../../platform/pdf/tinos.ts';

/**
 * One-page official papers (forms of Circular 03/2025, e-results, e-receipts) as PDF: A4, Tinos
 * (Times New Roman's metric twin, every Vietnamese letter) embedded as a padded subset the way the
 * IOC report does (platform/pdf/font-padding.ts), margins of Decree 30/2020 and its heading: the agency on
 * the left with the paper's number, the national motto on the right with place and date in words.
 * Written without object streams so tests read the text back (platform/pdf/testing/pdf-text.ts); the
 * plain text is also kept in the document's Subject for search tools.
 */

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = { left: 30 * MM, right: 20 * MM, top: 20 * MM, bottom: 20 * MM };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;

export type Heading = { parentAgency: string | null; agency: string; number: string; place: string; dateInWords: string };

/** A block of the body: a paragraph, a label with its value, a numbered list, a QR code with a caption. */
export type Block =
  | { kind: 'text'; text: string; bold?: boolean; italic?: boolean; align?: 'left' | 'center' }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'qr'; png: Uint8Array; caption: string };

export type OfficialPaper = { title: string; subtitle?: string; heading: Heading; blocks: Block[]; signer: string[]; keywords?: string[] };

type Style = { font: PDFFont; size: number };

const wrap = (text: string, { font, size }: Style, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return [...lines, line];
};

class Page {
  y = A4.height - MARGIN.top;
  constructor(
    private readonly doc: PDFDocument,
    public page: PDFPage,
    private readonly black: Color,
  ) {}
  need(height: number) {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }
  line(text: string, style: Style, x: number, width: number, align: 'left' | 'center' = 'left') {
    const w = style.font.widthOfTextAtSize(text, style.size);
    this.page.drawText(text, { x: align === 'left' ? x : x + (width - w) / 2, y: this.y - style.size, size: style.size, font: style.font, color: this.black });
  }
  paragraph(text: string, style: Style, align: 'left' | 'center' = 'left', indent = 0) {
    for (const l of wrap(text, style, WIDTH - indent)) {
      this.need(style.size * 1.45);
      this.line(l, style, MARGIN.left + indent, WIDTH - indent, align);
      this.y -= style.size * 1.45;
    }
  }
  image(image: PDFImage, size: number) {
    this.need(size + 4);
    this.page.drawImage(image, { x: MARGIN.left, y: this.y - size, width: size, height: size });
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
  const small: Style = { font: regular, size: 12 };
  const smallBold: Style = { font: bold, size: 12 };
  const body: Style = { font: regular, size: 13 };

  const half = WIDTH * 0.42;
  const right = WIDTH - half;
  const top = w.y;
  const left = [paper.heading.parentAgency?.toUpperCase(), paper.heading.agency.toUpperCase()].filter((s): s is string => Boolean(s));
  left.forEach((text, i) => {
    for (const l of wrap(text, i === left.length - 1 ? smallBold : small, half)) {
      w.line(l, i === left.length - 1 ? smallBold : small, MARGIN.left, half, 'center');
      w.y -= 15;
    }
  });
  w.y -= 4;
  w.line(paper.heading.number, body, MARGIN.left, half, 'center');
  const leftBottom = w.y - 18;
  w.y = top;
  for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) {
    w.line(text, { font: bold, size: text.startsWith('CỘNG') ? 12 : 13 }, MARGIN.left + half, right, 'center');
    w.y -= 16;
  }
  w.y -= 4;
  w.line(`${paper.heading.place}, ${paper.heading.dateInWords}`, { font: italic, size: 13 }, MARGIN.left + half, right, 'center');
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
      for (const l of wrap(block.caption, { font: italic, size: 10 }, WIDTH)) {
        w.line(l, { font: italic, size: 10 }, MARGIN.left, WIDTH);
        w.y -= 13;
      }
      if (w.y > captionTop) w.y = captionTop - 94;
    }
  }
  w.y -= 14;
  w.need(paper.signer.length * 17 + 10);
  paper.signer.forEach((text, i) => {
    w.line(text, i === 0 ? smallBold : i === 1 ? { font: italic, size: 12 } : small, MARGIN.left + half, right, 'center');
    w.y -= 17;
  });
  return doc.save({ useObjectStreams: false });
};
