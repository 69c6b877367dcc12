/**
 * Solar (Gregorian) dates without JS `Date` time-zone traps: a date is `{ y, m, d }` or an ISO
 * 'YYYY-MM-DD' string, and day arithmetic runs on Julian day numbers (JDN: the integer day count
 * whose noon is the Julian date; JDN 2451545 is 2000-01-01). Instants are UTC milliseconds, and
 * Vietnam time is a fixed UTC+7 (no daylight saving since 1975).
 */
import { CalendarInputError } from './errors.ts';

export interface SolarDate {
  y: number;
  m: number;
  d: number;
}

/** A solar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

/** The first and last solar years the calendar is computed for. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** JDN of 1970-01-01, the Unix epoch day. */
export const UNIX_EPOCH_JDN = 2440588;
export const MS_PER_DAY = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function isLeapSolarYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInSolarMonth(y: number, m: number): number {
  return m === 2 && isLeapSolarYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

export function isValidSolarDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInSolarMonth(y, m)
  );
}

/** JDN of a Gregorian date (the standard integer formula; months counted from March). */
export function jdnFromSolar(y: number, m: number, d: number): number {
  const fromMarch = m < 3 ? 1 : 0; // January and February count as months 13, 14 of the year before
  const year = y + 4800 - fromMarch;
  const month = m + 12 * fromMarch - 3;
  return (
    d +
    Math.floor((153 * month + 2) / 5) +
    365 * year +
    Math.floor(year / 4) -
    Math.floor(year / 100) +
    Math.floor(year / 400) -
    32045
  );
}

/** The Gregorian date of a JDN (inverse of `jdnFromSolar`). */
export function solarFromJdn(jdn: number): SolarDate {
  const days = jdn + 32044;
  const centuries = Math.floor((4 * days + 3) / 146097);
  const inCentury = days - Math.floor((146097 * centuries) / 4);
  const years = Math.floor((4 * inCentury + 3) / 1461);
  const inYear = inCentury - Math.floor((1461 * years) / 4);
  const monthFromMarch = Math.floor((5 * inYear + 2) / 153);
  const d = inYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const m = monthFromMarch + 3 - 12 * Math.floor(monthFromMarch / 10);
  const y = 100 * centuries + years - 4800 + Math.floor(monthFromMarch / 10);
  return { y, m, d };
}

/** Day of week of a JDN: 0 = Sunday … 6 = Saturday. */
export function weekdayOfJdn(jdn: number): number {
  return (jdn + 1) % 7;
}

export function isWeekendJdn(jdn: number): boolean {
  const weekday = weekdayOfJdn(jdn);
  return weekday === 0 || weekday === 6;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

export function formatIsoDate(date: SolarDate): IsoDate {
  return `${date.y}-${pad2(date.m)}-${pad2(date.d)}`;
}

export function isoFromJdn(jdn: number): IsoDate {
  return formatIsoDate(solarFromJdn(jdn));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict 'YYYY-MM-DD'; throws `CalendarInputError` for anything else. */
export function parseIsoDate(iso: string): SolarDate {
  const match = ISO_DATE.exec(iso);
  const date = match ? { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) } : null;
  if (!date || !isValidSolarDate(date.y, date.m, date.d)) {
    throw new CalendarInputError(
      'invalid-date',
      `Ngày không hợp lệ: "${iso}" (cần dạng YYYY-MM-DD)`,
      `Invalid date: "${iso}" (expected YYYY-MM-DD)`,
    );
  }
  return date;
}

export function jdnFromIso(iso: IsoDate): number {
  const { y, m, d } = parseIsoDate(iso);
  return jdnFromSolar(y, m, d);
}

/** The Vietnam-local calendar day (as JDN) of a UTC instant in milliseconds. */
export function localJdnOfInstant(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / MS_PER_DAY) + UNIX_EPOCH_JDN;
}

/** Milliseconds since local (UTC+7) midnight for a UTC instant. */
export function localMsOfDay(ms: number): number {
  const shifted = (ms + VIETNAM_OFFSET_MS) % MS_PER_DAY;
  return shifted < 0 ? shifted + MS_PER_DAY : shifted;
}

/** The UTC instant (ms) of `msOfDay` after local midnight on the local day `jdn`. */
export function instantOfLocalDay(jdn: number, msOfDay: number): number {
  return (jdn - UNIX_EPOCH_JDN) * MS_PER_DAY + msOfDay - VIETNAM_OFFSET_MS;
}

/** Throws unless the year is within the computed range 1900–2100. */
export function assertYearInRange(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new CalendarInputError(
      'out-of-range',
      `Năm ${year} nằm ngoài khoảng ${FIRST_YEAR}–${LAST_YEAR}`,
      `Year ${year} is outside ${FIRST_YEAR}–${LAST_YEAR}`,
    );
  }
}
