/**
 * Makes a TrueType font safe for @pdf-lib/fontkit's subsetter. That fork writes the subset's
 * `loca` table in the short format (offsets / 2) without padding glyph records to an even length,
 * so after the first odd-length glyph every later glyph points a byte off and renders blank, while
 * the text still extracts (fixed upstream in fontkit 1.8; the fork predates it). The subsetter
 * copies each glyph's bytes as they are in the source font, so padding every source glyph record
 * to 4 bytes (and writing the source `loca` in the long format) gives it only even lengths.
 * Nothing else in the font changes.
 */
const tagOf = (buf: Buffer, at: number) => buf.toString('latin1', at, at + 4);
const pad4 = (n: number) => (n + 3) & ~3;

const checksum = (table: Buffer) => {
  const padded = Buffer.concat([table, Buffer.alloc(pad4(table.length) - table.length)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
};

export const padGlyphRecords = (font: Buffer): Buffer => {
  const numTables = font.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  const order: string[] = [];
  for (let i = 0; i < numTables; i += 1) {
    const at = 12 + i * 16;
    const tag = tagOf(font, at);
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    tables.set(tag, font.subarray(offset, offset + length));
    order.push(tag);
  }
  const head = Buffer.from(tables.get('head')!);
  const glyf = tables.get('glyf')!;
  const loca = tables.get('loca')!;
  const numGlyphs = tables.get('maxp')!.readUInt16BE(4);
  const isLong = head.readInt16BE(50) === 1;
  const offsetAt = (i: number) => (isLong ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);

  const records: Buffer[] = [];
  const newLoca = Buffer.alloc((numGlyphs + 1) * 4);
  let position = 0;
  for (let i = 0; i < numGlyphs; i += 1) {
    const record = glyf.subarray(offsetAt(i), offsetAt(i + 1));
    const padded = Buffer.concat([record, Buffer.alloc(pad4(record.length) - record.length)]);
    newLoca.writeUInt32BE(position, i * 4);
    records.push(padded);
    position += padded.length;
  }
  newLoca.writeUInt32BE(position, numGlyphs * 4);
  head.writeInt16BE(1, 50); // indexToLocFormat: long
  head.writeUInt32BE(0, 8); // checkSumAdjustment: recomputed by nobody that matters here
  tables.set('head', head);
  tables.set('glyf', Buffer.concat(records));
  tables.set('loca', newLoca);

  const directory = Buffer.alloc(12 + numTables * 16);
  font.copy(directory, 0, 0, 12);
  const bodies: Buffer[] = [];
  let offset = directory.length;
  order.forEach((tag, i) => {
    const table = tables.get(tag)!;
    const at = 12 + i * 16;
    directory.write(tag, at, 'latin1');
    directory.writeUInt32BE(checksum(table), at + 4);
    directory.writeUInt32BE(offset, at + 8);
    directory.writeUInt32BE(table.length, at + 12);
    bodies.push(table, Buffer.alloc(pad4(table.length) - table.length));
    offset += pad4(table.length);
  });
  return Buffer.concat([directory, ...bodies]);
};
