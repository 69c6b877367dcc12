/**
 * A small RFC 4180 CSV reader: comma-separated, fields optionally in double quotes with `""`
 * for a quote, quoted fields may span lines, rows end in LF or CRLF, a leading BOM is dropped.
 * Returns raw strings; cleaning is the caller's job.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r' && src[i + 1] === '\n') {
      endRow();
      i += 1;
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new Error('CSV: unterminated quoted field at end of input');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
