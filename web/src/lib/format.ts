/**
 * How dates, numbers and money are written for people. Times are stored in UTC and shown in
 * Vietnam's time zone. Vietnamese dates follow the administrative style (Decree 30/2020/NĐ-CP):
 * "ngày 05 tháng 3 năm 2026" — a day below 10 and the months 1 and 2 take a leading zero, so that
 * nobody can turn "tháng 1" into "tháng 11" by adding a digit.
 */
export type Lang = 'vi' | 'en';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

type DateInput = Date | string | number;

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

/** Vietnam keeps UTC+7 all year (no daylight saving, the whole country since 1975). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Calendar parts of an instant as seen in Vietnam. Plain arithmetic on the fixed offset: the
 * first `Intl.DateTimeFormat` with a time zone costs a cheap phone tens of milliseconds (ICU's
 * time-zone data), on every page that shows a date.
 */
export const vietnamParts = (value: DateInput) => {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid date: ${String(value)}`);
  const local = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
};

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The calendar day of an instant in Vietnam as YYYY-MM-DD (what a date input and the API take). */
export const vietnamIsoDay = (value: DateInput): string => {
  const { year, month, day } = vietnamParts(value);
  return `${year}-${pad2(month)}-${pad2(day)}`;
};

/** "ngày 05 tháng 3 năm 2026" (vi) or "5 March 2026" (en). */
export const formatDate = (value: DateInput, lang: Lang = 'vi'): string => {
  const { year, month, day } = vietnamParts(value);
  if (lang === 'en') {
    return `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
  }
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${monthText} năm ${year}`;
};

/** "05/03/2026" in both languages (the day-first order used in Vietnam). */
export const formatShortDate = (value: DateInput): string => {
  const { year, month, day } = vietnamParts(value);
  return `${pad2(day)}/${pad2(month)}/${year}`;
};

/** "08:30, ngày 05 tháng 3 năm 2026" (vi) or "08:30, 5 March 2026" (en). */
export const formatDateTime = (value: DateInput, lang: Lang = 'vi'): string => {
  const { hour, minute } = vietnamParts(value);
  return `${pad2(hour)}:${pad2(minute)}, ${formatDate(value, lang)}`;
};

/** Made on first use, not when a page loads: a page that never formats a number pays nothing for it. */
const numberFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};

/** Thousands separators of the two languages: "1.234.567" (vi), "1,234,567" (en). */
const GROUP_SEPARATOR: Record<Lang, string> = { vi: '.', en: ',' };

/**
 * 1234567.5 → "1.234.567,5" (vi) or "1,234,567.5" (en). Whole numbers (counts, days, đồng: nearly
 * every number shown) are grouped by hand: the first `Intl.NumberFormat` loads ICU's locale data,
 * which costs a cheap phone some 200 ms of blocked main thread on the page that shows a count.
 * Fractions and unsafe integers still go through Intl.
 */
export const formatNumber = (value: number, lang: Lang = 'vi'): string => {
  if (Number.isSafeInteger(value)) {
    const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, GROUP_SEPARATOR[lang]);
    return value < 0 ? `-${digits}` : digits;
  }
  return (numberFormats[lang] ??= new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB')).format(value);
};

/** Money is kept as whole đồng: 150000 → "150.000 đồng" (vi) or "150,000 VND" (en). */
export const formatMoney = (dong: number, lang: Lang = 'vi'): string => {
  if (!Number.isInteger(dong)) throw new RangeError(`money must be whole đồng: ${dong}`);
  return lang === 'vi' ? `${formatNumber(dong, 'vi')} đồng` : `${formatNumber(dong, 'en')} VND`;
};

const collators: Partial<Record<Lang, Intl.Collator>> = {};

/** Compares two strings in Vietnamese alphabetical order (a ă â b c d đ e ê …). */
export const compareText = (a: string, b: string, lang: Lang = 'vi'): number => (collators[lang] ??= new Intl.Collator(lang, { numeric: true })).compare(a, b);

/** A sorted copy of `items`, ordered by `key` in the language's alphabetical order. */
export const sortByText = <T>(items: readonly T[], key: (item: T) => string, lang: Lang = 'vi'): T[] =>
  [...items].sort((x, y) => compareText(key(x), key(y), lang));
