import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { padGlyphRecords } from './font-padding.ts';
import { objectsOf } from './testing/pdf-text.ts';

const require = createRequire(import.meta.url);
const TINOS = readFileSync(require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'));
const TEXT = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc; Sở Tư pháp, ngày 05 tháng 12 năm 2026 ỷỹựữẫẵ';

type Table = { offset: number; length: number };
const tablesOf = (font: Buffer) => {
  const tables = new Map<string, Table>();
  for (let i = 0; i < font.readUInt16BE(4); i += 1) {
    const at = 12 + i * 16;
    tables.set(font.toString('latin1', at, at + 4), { offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) });
  }
  return tables;
};

/** Each glyph record of a TrueType font as its loca points to it: a sane header, or empty. */
const glyphHeaders = (font: Buffer) => {
  const t = tablesOf(font);
  const long = font.readInt16BE(t.get('head')!.offset + 50) === 1;
  const n = font.readUInt16BE(t.get('maxp')!.offset + 4);
  const loca = t.get('loca')!.offset;
  const at = (i: number) => (long ? font.readUInt32BE(loca + i * 4) : font.readUInt16BE(loca + i * 2) * 2);
  const glyf = t.get('glyf')!.offset;
  return Array.from({ length: n }, (_, i) => {
    if (at(i + 1) === at(i)) return null;
    const g = glyf + at(i);
    return { contours: font.readInt16BE(g), xMin: font.readInt16BE(g + 2), yMin: font.readInt16BE(g + 4), xMax: font.readInt16BE(g + 6), yMax: font.readInt16BE(g + 8) };
  });
};

const saneHeaders = (font: Buffer) =>
  glyphHeaders(font).every((h) => h === null || (h.contours >= -1 && h.contours < 500 && h.xMin <= h.xMax && h.yMin <= h.yMax));

const subsetOf = async (font: Buffer) => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const embedded = await doc.embedFont(font, { subset: true });
  doc.addPage().drawText(TEXT, { font: embedded, size: 12, x: 10, y: 10 });
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  const objects = objectsOf(pdf);
  const ref = [...objects.values()].map((o) => /\/FontFile2 (\d+) 0 R/.exec(o.dict)).find((m) => m)!;
  return objects.get(Number(ref[1]))!.stream!;
};

describe('glyph padding before subsetting', () => {
  it('pads every glyph record to 4 bytes in a long loca, keeping the glyphs', () => {
    const padded = padGlyphRecords(TINOS);
    const t = tablesOf(padded);
    expect(padded.readInt16BE(t.get('head')!.offset + 50)).toBe(1);
    const before = glyphHeaders(TINOS);
    const after = glyphHeaders(padded);
    expect(after).toEqual(before);
    const loca = t.get('loca')!;
    for (let i = 0; i < loca.length / 4; i += 1) expect(padded.readUInt32BE(loca.offset + i * 4) % 4).toBe(0);
  });

  it('gives a subset whose glyphs are all where its loca says (without padding they are not)', async () => {
    expect(saneHeaders(await subsetOf(padGlyphRecords(TINOS)))).toBe(true);
    expect(saneHeaders(await subsetOf(TINOS))).toBe(false); // the fork's bug, which the padding works around
  });
});
