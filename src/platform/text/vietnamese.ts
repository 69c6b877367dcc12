/**
 * Vietnamese text helpers: one canonical form for stored text, search keys, and sorting.
 *
 * Conventions (GUIDE.md): text is NFC, trimmed, whitespace collapsed, and uses ONE tone-mark
 * placement — the classic one ("Hòa", "Khỏe", "Thủy"), because real data mixes it with the
 * newer style ("Hoà", "Khoẻ", "Thuỷ"). Sorting uses the ICU `vi` collation; search keys are
 * lowercase and diacritic-free so "Trà Vinh" and "tra vinh" meet.
 */

/** Combining tone marks in NFD: grave, acute, tilde, hook above, dot below. */
const TONE = '\u0300\u0301\u0303\u0309\u0323';

/**
 * A final `oa` / `oe` / `uy` (nothing but a word boundary after it) whose tone sits on the
 * second vowel, new style. Run on NFD text, where every tone is a separate combining mark.
 *
 * - Lookbehind: the cluster must start the syllable's vowel nucleus, i.e. it is preceded by a
 *   consonant or nothing. Not a vowel or combining mark (then it is part of a longer nucleus),
 *   and not `q`: in "quý" the `u` belongs to the consonant `qu` and `y` is the only vowel,
 *   so its tone is already in the one right place.
 * - The second vowel carries exactly one mark, a tone (an `â` or `ê` would be a different
 *   vowel, and never forms these clusters).
 * - Lookahead: no letter or mark follows. With a final consonant ("Hoàng", "hoạch", "quyết")
 *   or a third vowel ("ngoài", "khuỷu") both styles agree and nothing changes.
 */
const NEW_STYLE_TONE = new RegExp(
  `(?<![aeiouyq\\p{M}])(?:(?<o>o)(?<ae>[ae])|(?<u>u)(?<y>y))(?<tone>[${TONE}])(?![\\p{L}\\p{M}])`,
  'giu',
);

/** Apostrophes written as typographic marks in minority-language names ("B’Lao", "Ea H’Leo"). */
const APOSTROPHES = /[\u2019\u02BC]/gu;

interface ToneGroups {
  o?: string;
  ae?: string;
  u?: string;
  y?: string;
  tone: string;
}

/** Moves a tone mark written on the second vowel of a final oa/oe/uy onto the first one. */
export function toClassicToneMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(NEW_STYLE_TONE, (...args: unknown[]) => {
      const g = args[args.length - 1] as ToneGroups;
      return `${g.o ?? g.u ?? ''}${g.tone}${g.ae ?? g.y ?? ''}`;
    })
    .normalize('NFC');
}

/**
 * The canonical form for stored Vietnamese text: NFC, trimmed, runs of whitespace (including
 * newlines and no-break spaces) collapsed to one space, typographic apostrophes made `'`,
 * and classic tone-mark placement ("Hoà" → "Hòa", "Thuỷ" → "Thủy", "khoẻ" → "khỏe";
 * "Hoàng", "Quý", "ngoài" unchanged). Idempotent. Meant for Vietnamese text: a foreign word
 * ending in the same letters would change too (French "Noé" → "Nóe").
 */
export function normalizeText(s: string): string {
  const spaced = s.normalize('NFC').replace(APOSTROPHES, "'").replace(/\s+/gu, ' ').trim();
  return toClassicToneMarks(spaced);
}

/** True when the text has a new-style tone placement that `normalizeText` would move. */
export function hasNewStyleToneMarks(s: string): boolean {
  const nfc = s.normalize('NFC');
  return toClassicToneMarks(nfc) !== nfc;
}

/**
 * A search key: lowercase, no diacritics (tones, circumflex, breve, horn), `đ` → `d`,
 * whitespace collapsed and trimmed. "Trà Vinh", "TRA VINH" and "tra  vinh" give "tra vinh".
 * Compare keys with `===` / `includes`; never show them to users.
 */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ\u00D0]/g, 'd') // Ð (eth) is a common look-alike typed for Đ
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The Vietnamese collation (ICU `vi`): a < ă < â < b … d < đ … o < ô < ơ … u < ư. */
export const viCollator: Intl.Collator = new Intl.Collator('vi');

/** Comparator for `Array.prototype.sort`, Vietnamese order. */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}
