import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Color, PDFDocument, PDFFont } from 'pdf-lib';
import { padGlyphRecords } from './font-padding.ts';

/**
 * Official papers and reports are set in Tinos, the free metric twin of Times New Roman (the
 * font of Decree 30/2020), which has every Vietnamese letter. Each weight is read once, its glyph
 * records padded for the subsetter (font-padding.ts), and embedded in each document as a subset.
 * pdf-lib and fontkit are loaded with the first document, not with every server (~55 MB).
 */
export type TinosWeight = '400Regular' | '700Bold' | '400Regular_Italic';

const require = createRequire(import.meta.url);
const fonts = new Map<TinosWeight, Uint8Array>();

export const tinosBytes = (weight: TinosWeight): Uint8Array => {
  let bytes = fonts.get(weight);
  if (!bytes) {
    bytes = padGlyphRecords(readFileSync(require.resolve(`@expo-google-fonts/tinos/${weight}/Tinos_${weight}.ttf`)));
    fonts.set(weight, bytes);
  }
  return bytes;
};

export type TinosPdf<W extends TinosWeight> = { doc: PDFDocument; fonts: Record<W, PDFFont>; black: Color };

/** A new document with the asked weights embedded, and the colour its text is drawn in. */
export const newTinosPdf = async <W extends TinosWeight>(weights: readonly W[]): Promise<TinosPdf<W>> => {
  const [{ PDFDocument, rgb }, { default: fontkit }] = await Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')]);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const embedded = {} as Record<W, PDFFont>;
  for (const weight of weights) embedded[weight] = await doc.embedFont(tinosBytes(weight), { subset: true });
  return { doc, fonts: embedded, black: rgb(0, 0, 0) };
};
