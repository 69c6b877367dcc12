import type { PDFFont } from 'pdf-lib';

/** Points per millimetre. */
export const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM };
/** Margins of an administrative document (Decree 30/2020): left 30 mm, the others 20 mm. */
export const DECREE_30_MARGIN = { left: 30 * MM, right: 20 * MM, top: 20 * MM, bottom: 20 * MM };
/** The text width between those margins on A4. */
export const DECREE_30_WIDTH = A4.width - DECREE_30_MARGIN.left - DECREE_30_MARGIN.right;

export type TextStyle = { font: PDFFont; size: number };

/** Words onto lines no wider than `width` (a word longer than the width keeps a line to itself). */
export const wrapText = (text: string, { font, size }: TextStyle, width: number): string[] => {
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
