import { inflateSync } from 'node:zlib';

/**
 * A small text extractor for the PDFs this module writes (pdf-lib, no object streams, fonts
 * embedded as Type0/Identity-H subsets with a ToUnicode CMap) — not a general PDF reader. It
 * inflates each stream, reads every font's ToUnicode map (bfchar and bfrange), follows `Tf` to
 * know the font in use, and decodes the hex strings of `Tj`/`TJ`. Each text object (BT … ET)
 * becomes one line. Tests use it to check that a report reads right.
 */
export type PdfObject = { dict: string; stream?: Buffer };

/** Every object of the file, streams inflated. */
export const objectsOf = (pdf: Buffer): Map<number, PdfObject> => {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const dataStart = start + at + body.slice(at).match(/stream\r?\n/)![0].length;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
    const raw = length >= 0 ? pdf.subarray(dataStart, dataStart + length) : pdf.subarray(dataStart, text.indexOf('endstream', dataStart));
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    re.lastIndex = end;
  }
  return objects;
};

const utf16 = (hex: string) => {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
};

/** code (hex, upper case) → text, from a ToUnicode CMap. */
const cmapOf = (cmap: string): Map<string, string> => {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toUpperCase(), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const width = m[1]!.length;
      const targets = m[3]!.startsWith('[') ? [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1]!) : null;
      for (let code = lo; code <= hi; code += 1) {
        const key = code.toString(16).toUpperCase().padStart(width, '0');
        if (targets) map.set(key, utf16(targets[code - lo] ?? ''));
        else {
          const base = m[3]!.slice(1, -1);
          const last = parseInt(base.slice(-4), 16) + (code - lo);
          map.set(key, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
};

/** The text of every page, one line per text object, in drawing order. */
export const extractPdfText = (pdf: Buffer | Uint8Array): string => {
  const objects = objectsOf(Buffer.from(pdf));
  const cmaps = new Map<number, Map<string, string>>();
  for (const [id, o] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cmap = ref ? objects.get(Number(ref[1]))?.stream : undefined;
    if (/\/Type\s*\/Font/.test(o.dict) && cmap) cmaps.set(id, cmapOf(cmap.toString('latin1')));
  }
  // Font resource names (/F1 12 0 R) → that font's map; pdf-lib names each font once per document.
  const byName = new Map<string, Map<string, string>>();
  for (const o of objects.values()) {
    for (const block of o.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const m of block[1]!.matchAll(/\/([^\s/<>[\]]+)\s+(\d+) 0 R/g)) {
        const map = cmaps.get(Number(m[2]));
        if (map) byName.set(m[1]!, map);
      }
    }
  }
  const lines: string[] = [];
  for (const o of objects.values()) {
    const content = o.stream?.toString('latin1');
    if (!content || !/\bBT\b/.test(content) || /begincmap/.test(content)) continue;
    let font: Map<string, string> | undefined;
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const op of block[1]!.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[([^\]]*)\]\s*TJ/g)) {
        if (op[1]) font = byName.get(op[1]);
        const hexes = op[2] !== undefined ? [op[2]] : op[3] !== undefined ? [...op[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [];
        for (const hex of hexes) {
          for (let i = 0; i + 4 <= hex.length; i += 4) line += font?.get(hex.slice(i, i + 4).toUpperCase()) ?? '\uFFFD';
        }
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
};
