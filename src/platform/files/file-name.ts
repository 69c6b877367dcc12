import { normalizeText } from '../text/index.ts';
import { ACCEPTED_TYPES } from './sniff.ts';

const MAX_NAME = 200;
const FALLBACK = 'tep-tin';

/**
 * The name a file is kept under: only the last path segment (a client may send "../../etc/passwd"
 * or "C:\\Users\\an\\đơn.pdf"), NFC with the classic tone marks, no control characters, none of the
 * characters Windows refuses, no leading dots, at most 200 characters (the extension kept).
 * The name is only ever shown and offered for download, never used as a path.
 */
export const cleanFileName = (raw: string | undefined): string => {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = normalizeText(last.replace(/\p{Cc}/gu, ' '))
    .replace(/[<>:"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!cleaned) return FALLBACK;
  if (cleaned.length <= MAX_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return `${cleaned.slice(0, MAX_NAME - ext.length).trimEnd()}${ext}`;
};

/** The name to download under: the kept name, with an extension that matches the sniffed type. */
export const downloadName = (name: string, contentType: string): string => {
  const accepted = ACCEPTED_TYPES[contentType] ?? [];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return accepted.includes(ext) || !accepted[0] ? name : `${name}.${accepted[0]}`;
};

/** ASCII stand-in for old clients: diacritics dropped, đ → d, anything else outside ASCII → "_". */
const asciiFallback = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');

/** RFC 5987 value: UTF-8, percent-encoded, with the characters `attr-char` leaves out encoded too. */
const rfc5987 = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `Content-Disposition: attachment` with an ASCII `filename` and the exact `filename*` (RFC 6266). */
export const attachmentDisposition = (name: string) => `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
