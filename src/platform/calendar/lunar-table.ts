/**
 * The Vietnamese lunar calendar as a precomputed table of month starts, built once (under 0.1 s)
 * from the astronomy in `astronomy.ts`, computed for Vietnam time (UTC+7).
 *
 * The rules (the same as the modern Chinese calendar, but at UTC+7 instead of UTC+8):
 * 1. A lunar month starts on the local day of a new moon.
 * 2. Month 11 is the month that contains the winter solstice (Sun at longitude 270°).
 * 3. From one month 11 to the next there are 12 or 13 new moons. With 13, one of them is a leap
 *    month: the first month after month 11 that contains no major solar term (the Sun does not
 *    cross a multiple of 30° during it). It takes the number of the month before it.
 *
 * A "day" here is a Julian day number of the local calendar day.
 *
 * History: until lunar year 1967 Vietnam used the Chinese calendar, computed for UTC+8; from 1968
 * (decision 121-CP of the Government of the DRV, August 1967) it is computed for UTC+7. That is why
 * Tết Mậu Thân fell on 29 January 1968 in the North and 30 January in the South. Published
 * Vietnamese calendars follow this switch, and so do we, so lunar dates in old records
 * (birth dates, anniversaries) convert as printed at the time.
 * review: the decision number and date are quoted from memory.
 *
 * Checked against a widely used published Vietnamese calendar table for every day 1900–2100: the
 * same from 1968 on except May 2054, where the new moon falls 22 s after midnight by our
 * computation (a minute either way is within the uncertainty of ΔT that far ahead).
 */
import { jdnFromSolar } from './calendar-date.ts';
import { deltaTDays, lunationNear, newMoonJde, sunApparentLongitude } from './astronomy.ts';

/** First lunar year computed for UTC+7; earlier years use UTC+8 (see above). */
export const FIRST_UTC7_LUNAR_YEAR = 1968;

/** The time zone (hours east of UTC) a lunar year is computed for. */
export function timeZoneOfLunarYear(lunarYear: number): number {
  return lunarYear < FIRST_UTC7_LUNAR_YEAR ? 8 : 7;
}

/** Local day (in a zone `zoneHours` east of UTC) on which new moon k falls. */
export function newMoonLocalDay(k: number, zoneHours: number): number {
  const jde = newMoonJde(k);
  const universalTime = jde - deltaTDays(jde);
  return Math.floor(universalTime + zoneHours / 24 + 0.5); // a JD starts at noon, hence +0.5
}

/** The Sun's longitude (degrees) at 00:00 local time at the start of a local day. */
export function sunLongitudeAtDayStart(day: number, zoneHours: number): number {
  const universalTime = day - 0.5 - zoneHours / 24;
  return sunApparentLongitude(universalTime + deltaTDays(universalTime));
}

/** Which 30° sector (0–11) the Sun is in at the start of a day; a change means a major term. */
function majorTermSector(day: number, zoneHours: number): number {
  return Math.floor(sunLongitudeAtDayStart(day, zoneHours) / 30);
}

/** The lunation k that starts month 11 of a solar year (the month with the December solstice). */
export function month11Lunation(solarYear: number): number {
  const zone = timeZoneOfLunarYear(solarYear);
  const dec31 = jdnFromSolar(solarYear, 12, 31);
  let k = lunationNear(dec31);
  while (newMoonLocalDay(k, zone) > dec31) k -= 1;
  while (newMoonLocalDay(k + 1, zone) <= dec31) k += 1;
  // k is the last month starting in December. If the solstice had passed before it began,
  // the solstice lies in the month before.
  return sunLongitudeAtDayStart(newMoonLocalDay(k, zone), zone) >= 270 ? k - 1 : k;
}

/**
 * In a 13-month span starting at month 11 (lunation k11), the offset (1–12) of the leap month:
 * the first month during which the Sun enters no new 30° sector.
 */
function leapOffsetAfter(k11: number, zone: number): number {
  for (let offset = 1; offset <= 12; offset++) {
    const start = newMoonLocalDay(k11 + offset, zone);
    const nextStart = newMoonLocalDay(k11 + offset + 1, zone);
    if (majorTermSector(start, zone) === majorTermSector(nextStart, zone)) return offset;
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
  // A leap month almost always falls after Tết, so the span's second year sets the zone.
  const leapOffset = count === 13 ? leapOffsetAfter(k11, timeZoneOfLunarYear(solarYear + 1)) : -1;
  const rows: MonthRow[] = [];
  let year = solarYear;
  let month = 10; // incremented to 11 for offset 0
  for (let offset = 0; offset < count; offset++) {
    const leap = offset === leapOffset;
    if (!leap) {
      month = month === 12 ? 1 : month + 1;
      if (month === 1) year += 1;
    }
    rows.push({ start: newMoonLocalDay(k11 + offset, timeZoneOfLunarYear(year)), year, month, leap });
  }
  return rows;
}

/**
 * Builds the table for whole lunar years `firstLunarYear`–`lastLunarYear`, starting with month 11
 * of lunar year firstLunarYear − 1 and ending the day before Tết of lastLunarYear + 1.
 */
export function buildLunarTable(firstLunarYear: number, lastLunarYear: number): LunarTable {
  const spans: MonthRow[] = [];
  let k11 = month11Lunation(firstLunarYear - 1);
  for (let solarYear = firstLunarYear - 1; solarYear <= lastLunarYear; solarYear++) {
    const nextK11 = month11Lunation(solarYear + 1);
    spans.push(...monthsOfSpan(solarYear, k11, nextK11));
    k11 = nextK11;
  }
  // The last span runs on to month 10 of lastLunarYear + 1: keep up to the end of lastLunarYear.
  const end = spans.findIndex((row) => row.year > lastLunarYear);
  const rows = spans.slice(0, end);
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
  table.monthStart[rows.length] = spans[end]!.start;
  return table;
}
