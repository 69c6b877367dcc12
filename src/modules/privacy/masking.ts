/**
 * Masks for personal identifiers shown where the full value is not needed (lists of citizens for
 * officers, logs): enough to recognise the person with them in front of you, not enough to copy.
 *   maskIdNumber('079203001234') → '079*******34'   (province code and last two digits)
 *   maskPhone('0912345678')      → '0*******78'     (first and last two digits)
 *   maskEmail('an.nguyen@example.vn') → 'a*******@example.vn'
 *   maskAddress('Số 12 đường Trần Hưng Đạo, Phường 1, Tây Ninh') → '***, Phường 1, Tây Ninh'
 * Every mask keeps the length hidden behind a fixed number of stars where it would reveal little,
 * and never returns the input unchanged when it looks like an identifier.
 */
const STARS = (n: number) => '*'.repeat(Math.max(n, 3));

export const maskIdNumber = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const digits = value.replace(/\s+/g, '');
  if (digits.length < 6) return STARS(digits.length);
  return `${digits.slice(0, 3)}${STARS(digits.length - 5)}${digits.slice(-2)}`;
};

export const maskPhone = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const compact = value.replace(/[\s.-]+/g, '');
  if (compact.length < 6) return STARS(compact.length);
  const head = compact.startsWith('+') ? compact.slice(0, 3) : compact.slice(0, 1);
  return `${head}${STARS(compact.length - head.length - 2)}${compact.slice(-2)}`;
};

export const maskEmail = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const at = value.lastIndexOf('@');
  if (at < 1) return STARS(value.length);
  return `${value[0]}${STARS(7)}${value.slice(at)}`;
};

/**
 * Keeps the last two parts of an address (commune, province), which say where without saying who;
 * the house number and street are hidden.
 */
export const maskAddress = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length <= 2) return STARS(3);
  return ['***', ...parts.slice(-2)].join(', ');
};

/**
 * A 12-digit ID number or a Vietnamese phone anywhere in free text (log lines, messages), but not
 * a run of digits inside a longer token (the last group of a UUID is often twelve digits).
 */
const ID_OR_PHONE = /(?<![\w-])(?:\d{12}|(?:\+84|0)\d{9})(?![\w-])/g;

/** Masks every ID number and phone found in a piece of text. */
export const maskIdentifiersIn = (text: string): string =>
  text.replace(ID_OR_PHONE, (m) => (m.length === 12 && !m.startsWith('+') ? maskIdNumber(m)! : maskPhone(m)!));
