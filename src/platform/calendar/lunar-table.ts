/**
 * The Vietnamese lunar calendar as a precomputed table of month starts, built once (a few ms)
 * from the astronomy in `astronomy.ts`, computed for Vietnam time (UTC+7).
 *
 * The rules (the same as the modern Chinese calendar, but at UTC+7 instead of UTC+8):
 * 1. A lunar month starts on the local day of a new moon.
 * 2. Month 11 is the month that contains the winter solstice (Sun at longitude 270°).
 * 3. From one month 11 to the next there are 12 or 13 new moons. With 13, one of them is a leap
 *    month: the first month after month 11 that contains no major solar term (the Sun does not
 *    cross a multiple of 30° during it). It takes the number of the month before it.
 *
 * A "day" here is a Julian day number of the local (UTC+7) calendar day.
 */
import { jdnFromSolar } from './calendar-date.ts';
import { deltaTDays, lunationNear, newMoonJde, sunApparentLongitude } from './astronomy.ts';

/** Vietnam's time zone in days: UTC+7. */
const TIME_ZONE_DAYS = 7 / 24;

/** Local (UTC+7) day on which new moon k falls. */
export function newMoonLocalDay(k: number): number {
  const jde = newMoonJde(k);
  const universalTime = jde - deltaTDays(jde);
  return Math.floor(universalTime + TIME_ZONE_DAYS + 0.5); // JD starts at noon, hence +0.5
}

/** The Sun's longitude (degrees) at 00:00 local time at the start of a local day. */
export function sunLongitudeAtDayStart(day: number): number {
  const universalTime = day - 0.5 - TIME_ZONE_DAYS;
  return sunApparentLongitude(universalTime + deltaTDays(universalTime));
}

/** Which 30° sector (0–11) the Sun is in at the start of a day; a change means a major term. */
function majorTermSector(day: number): number {
  return Math.floor(sunLongitudeAtDayStart(day) / 30);
}

/** The lunation k that starts month 11 of a solar year (the month with the December solstice). */
export function month11Lunation(solarYear: number): number {
  const dec31 = jdnFromSolar(solarYear, 12, 31);
  let k = lunationNear(dec31);
  while (newMoonLocalDay(k) > dec31) k -= 1;
  while (newMoonLocalDay(k + 1) <= dec31) k += 1;
  // k is the last month starting in December. If the solstice had passed before it began,
  // the solstice lies in the month before.
  return sunLongitudeAtDayStart(newMoonLocalDay(k)) >= 270 ? k - 1 : k;
}

/**
 * In a 13-month span starting at month 11 (lunation k11), the offset (1–12) of the leap month:
 * the first month during which the Sun enters no new 30° sector.
 */
function leapOffsetAfter(k11: number): number {
  for (let offset = 1; offset <= 12; offset++) {
    const start = newMoonLocalDay(k11 + offset);
    const nextStart = newMoonLocalDay(k11 + offset + 1);
    if (majorTermSector(start) === majorTermSector(nextStart)) return offset;
  }
  throw new Error(`no month without a major solar term after lunation ${k11}`); // cannot happen: 13 months, 12 terms
}

/** Month starts and labels in parallel typed arrays, indexed by month (chronological). */
export interface LunarTable {
  /** Local JDN of the first day of each month; one extra entry closes the last month. */
  readonly monthStart: Int32Array;
  readonly monthYear: Int16Array;
  readonly monthNumber: Int8Array;
  readonly monthIsLeap: Uint8Array;
  /** Per lunar year (index year − firstLunarYear): index of its month 1. */
  readonly firstMonthOfYear: Int32Array;
  /** Per lunar year: its leap month number, 0 when none. */
  readonly leapMonthOfYear: Int8Array;
  readonly firstLunarYear: number;
  readonly lastLunarYear: number;
}

interface MonthRow {
  start: number;
  year: number;
  month: number;
  leap: boolean;
}

/** Labels the months from month 11 of `solarYear` up to (not including) month 11 of the next. */
function monthsOfSpan(solarYear: number, k11: number, nextK11: number): MonthRow[] {
  const count = nextK11 - k11;
  const leapOffset = count === 13 ? leapOffsetAfter(k11) : -1;
  const rows: MonthRow[] = [];
  let year = solarYear;
  let month = 10; // incremented to 11 for offset 0
  for (let offset = 0; offset < count; offset++) {
    const leap = offset === leapOffset;
    if (!leap) {
      month = month === 12 ? 1 : month + 1;
      if (month === 1) year += 1;
    }
    rows.push({ start: newMoonLocalDay(k11 + offset), year, month, leap });
  }
  return rows;
}

/**
 * Builds the table for whole lunar years `firstLunarYear`–`lastLunarYear`. It spans month 11 of
 * solar year firstLunarYear − 1 to month 11 of lastLunarYear + 1.
 */
export function buildLunarTable(firstLunarYear: number, lastLunarYear: number): LunarTable {
  const rows: MonthRow[] = [];
  let k11 = month11Lunation(firstLunarYear - 1);
  for (let solarYear = firstLunarYear - 1; solarYear <= lastLunarYear; solarYear++) {
    const nextK11 = month11Lunation(solarYear + 1);
    rows.push(...monthsOfSpan(solarYear, k11, nextK11));
    k11 = nextK11;
  }
  const yearCount = lastLunarYear - firstLunarYear + 1;
  const table: LunarTable = {
    monthStart: new Int32Array(rows.length + 1),
    monthYear: new Int16Array(rows.length),
    monthNumber: new Int8Array(rows.length),
    monthIsLeap: new Uint8Array(rows.length),
    firstMonthOfYear: new Int32Array(yearCount).fill(-1),
    leapMonthOfYear: new Int8Array(yearCount),
    firstLunarYear,
    lastLunarYear,
  };
  rows.forEach((row, index) => {
    table.monthStart[index] = row.start;
    table.monthYear[index] = row.year;
    table.monthNumber[index] = row.month;
    table.monthIsLeap[index] = row.leap ? 1 : 0;
    const yearIndex = row.year - firstLunarYear;
    if (yearIndex < 0 || yearIndex >= yearCount) return;
    if (row.month === 1 && !row.leap) table.firstMonthOfYear[yearIndex] = index;
    if (row.leap) table.leapMonthOfYear[yearIndex] = row.month;
  });
  table.monthStart[rows.length] = newMoonLocalDay(k11);
  return table;
}
