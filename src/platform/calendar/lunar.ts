/**
 * Vietnamese lunar calendar (âm lịch), computed for UTC+7 (UTC+8 before 1968, see
 * `lunar-table.ts`): solar ↔ lunar conversion, month lengths, leap months, Tết and the Can Chi
 * name of a year. Conversions are lookups in a table of month starts built on first use for the
 * lunar years 1899–2100, so every solar day from 1900-01-01 to the end of lunar year 2100
 * (early 2101) converts.
 */
import {
  FIRST_YEAR,
  LAST_YEAR,
  assertYearInRange,
  formatIsoDate,
  isValidSolarDate,
  jdnFromSolar,
  solarFromJdn,
  type SolarDate,
} from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { buildLunarTable, type LunarTable } from './lunar-table.ts';

export interface LunarDate {
  /** Lunar year, named by the solar year in which it starts (Tết 2026 starts lunar year 2026). */
  year: number;
  month: number;
  day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

let cachedTable: LunarTable | undefined;

/** The month table, built on first use (lunar 1899 holds 1900-01-01 … Tết 1900). */
function table(): LunarTable {
  cachedTable ??= buildLunarTable(FIRST_YEAR - 1, LAST_YEAR);
  return cachedTable;
}

/** Index of the month containing a local JDN (binary search over month starts). */
function monthIndexOfDay(t: LunarTable, jdn: number): number {
  let low = 0;
  let high = t.monthYear.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (t.monthStart[mid]! <= jdn) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The lunar date of a local JDN in the supported range. */
export function lunarFromJdn(jdn: number): LunarDate {
  const t = table();
  const index = monthIndexOfDay(t, jdn);
  return {
    year: t.monthYear[index]!,
    month: t.monthNumber[index]!,
    day: jdn - t.monthStart[index]! + 1,
    leap: t.monthIsLeap[index] === 1,
  };
}

/**
 * The lunar date of a solar date, from 1900-01-01 to the last day of lunar year 2100 (the day
 * before Tết 2101, early in 2101), so that every `lunarToSolar` result converts back.
 */
export function solarToLunar(y: number, m: number, d: number): LunarDate {
  if (!isValidSolarDate(y, m, d)) {
    throw new CalendarInputError('invalid-date', `Ngày dương lịch không hợp lệ: ${y}-${m}-${d}`, `Invalid solar date: ${y}-${m}-${d}`);
  }
  const jdn = jdnFromSolar(y, m, d);
  const t = table();
  const lastDay = t.monthStart[t.monthYear.length]! - 1; // the table ends with lunar year 2100
  if (y < FIRST_YEAR || jdn > lastDay) {
    const last = formatIsoDate(solarFromJdn(lastDay));
    throw new CalendarInputError(
      'out-of-range',
      `Ngày ${formatIsoDate({ y, m, d })} nằm ngoài khoảng ${FIRST_YEAR}-01-01 – ${last}`,
      `Date ${formatIsoDate({ y, m, d })} is outside ${FIRST_YEAR}-01-01 – ${last}`,
    );
  }
  return lunarFromJdn(jdn);
}

/** Leap month number of a lunar year (1–12), or 0 when the year has no leap month. */
export function leapMonthOf(lunarYear: number): number {
  assertYearInRange(lunarYear);
  const t = table();
  return t.leapMonthOfYear[lunarYear - t.firstLunarYear]!;
}

function invalidLunar(vi: string, en: string): CalendarInputError {
  return new CalendarInputError('invalid-lunar-date', vi, en);
}

/** Table index of a lunar month, validating the year, month and leap flag. */
function monthIndexOf(year: number, month: number, leap: boolean): number {
  assertYearInRange(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw invalidLunar(`Tháng âm lịch không hợp lệ: ${month}`, `Invalid lunar month: ${month}`);
  }
  const t = table();
  const leapMonth = t.leapMonthOfYear[year - t.firstLunarYear]!;
  if (leap && leapMonth !== month) {
    throw invalidLunar(
      `Năm âm lịch ${year} không có tháng ${month} nhuận`,
      `Lunar year ${year} has no leap month ${month}`,
    );
  }
  const afterLeap = leapMonth !== 0 && (month > leapMonth || leap);
  return t.firstMonthOfYear[year - t.firstLunarYear]! + month - 1 + (afterLeap ? 1 : 0);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const t = table();
  const index = monthIndexOf(year, month, leap);
  return t.monthStart[index + 1]! - t.monthStart[index]!;
}

/** Local JDN of a lunar date; throws `CalendarInputError` when it does not exist. */
export function jdnFromLunar(year: number, month: number, day: number, leap = false): number {
  const t = table();
  const index = monthIndexOf(year, month, leap);
  const length = t.monthStart[index + 1]! - t.monthStart[index]!;
  if (!Number.isInteger(day) || day < 1 || day > length) {
    const monthName = `${month}${leap ? ' nhuận' : ''}/${year}`;
    throw invalidLunar(
      `Ngày ${day} không có trong tháng ${monthName} âm lịch (tháng có ${length} ngày)`,
      `Day ${day} does not exist in lunar month ${month}${leap ? ' (leap)' : ''}/${year}, which has ${length} days`,
    );
  }
  return t.monthStart[index]! + day - 1;
}

/** The solar date of a lunar date (lunar years 1900–2100). */
export function lunarToSolar(year: number, month: number, day: number, leap = false): SolarDate {
  return solarFromJdn(jdnFromLunar(year, month, day, leap));
}

/** The solar date of Tết Nguyên đán (lunar 1/1) of a year. */
export function tetDate(year: number): SolarDate {
  return lunarToSolar(year, 1, 1, false);
}

const CAN = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const CHI = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/** The Can Chi (sexagenary) name of a lunar year, NFC: 2024 → "Giáp Thìn", 2026 → "Bính Ngọ". */
export function canChiYear(year: number): string {
  if (!Number.isInteger(year)) {
    throw new CalendarInputError('invalid-argument', `Năm không hợp lệ: ${year}`, `Invalid year: ${year}`);
  }
  // Year 4 (and every 60 years on) is Giáp Tý: Can index (year + 6) mod 10, Chi (year + 8) mod 12.
  const can = CAN[(((year + 6) % 10) + 10) % 10]!;
  const chi = CHI[(((year + 8) % 12) + 12) % 12]!;
  return `${can} ${chi}`.normalize('NFC');
}
