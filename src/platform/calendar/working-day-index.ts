/**
 * Fast working-day arithmetic on Julian day numbers. Each year is compiled once into typed arrays:
 * a flag per day, a prefix sum (working days before each day) and the list of its working days,
 * so "the n-th working day after d" is an index lookup, and only crosses into the next year's
 * arrays when n runs past the year's end.
 */
import { FIRST_YEAR, LAST_YEAR, assertYearInRange, isWeekendJdn, jdnFromIso, jdnFromSolar } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import type { YearTable } from './year-tables.ts';

/** What the index needs of a year: its days off and make-up working days. */
export type YearDays = Pick<YearTable, 'daysOff' | 'workDays'>;
export type YearResolver = (year: number) => YearDays;

interface CompiledYear {
  firstJdn: number;
  /** 1 for a working day, per day of the year. */
  isWorking: Uint8Array;
  /** workingBefore[i]: working days among days 0 … i−1 of the year (length days + 1). */
  workingBefore: Int32Array;
  /** The year's working days, in order. */
  workingJdns: Int32Array;
}

/** JDN of 1 January of each year FIRST_YEAR … LAST_YEAR + 1. */
const YEAR_STARTS = Int32Array.from({ length: LAST_YEAR - FIRST_YEAR + 2 }, (_, i) => jdnFromSolar(FIRST_YEAR + i, 1, 1));

function outOfRange(): CalendarInputError {
  return new CalendarInputError(
    'out-of-range',
    `Kết quả nằm ngoài khoảng ${FIRST_YEAR}–${LAST_YEAR}`,
    `The result falls outside ${FIRST_YEAR}–${LAST_YEAR}`,
  );
}

/** The solar year of a JDN in range (throws outside 1900–2100). */
export function yearOfJdn(jdn: number): number {
  let index = Math.floor((jdn - YEAR_STARTS[0]!) / 365.2425);
  if (index < 0 || index >= YEAR_STARTS.length - 1) {
    if (jdn < YEAR_STARTS[0]! || jdn >= YEAR_STARTS[YEAR_STARTS.length - 1]!) throw outOfRange();
    index = Math.min(Math.max(index, 0), YEAR_STARTS.length - 2);
  }
  if (jdn < YEAR_STARTS[index]!) index -= 1;
  else if (jdn >= YEAR_STARTS[index + 1]!) index += 1;
  return FIRST_YEAR + index;
}

export class WorkingDayIndex {
  private readonly years: Array<CompiledYear | undefined> = [];

  constructor(private readonly resolve: YearResolver) {}

  /** Drops cached years (all, or one) so that an edited table takes effect. */
  invalidate(year?: number): void {
    if (year === undefined) this.years.length = 0;
    else this.years[year - FIRST_YEAR] = undefined;
  }

  private compiled(year: number): CompiledYear {
    const cached = this.years[year - FIRST_YEAR];
    if (cached) return cached;
    assertYearInRange(year);
    const compiledYear = compileYear(year, this.resolve(year));
    this.years[year - FIRST_YEAR] = compiledYear;
    return compiledYear;
  }

  isWorkingDay(jdn: number): boolean {
    const year = this.compiled(yearOfJdn(jdn));
    return year.isWorking[jdn - year.firstJdn] === 1;
  }

  /**
   * The n-th working day after `jdn` (n > 0), the n-th before it (n < 0), or for n = 0 `jdn`
   * itself when it is a working day, else the next working day.
   */
  addWorkingDays(jdn: number, n: number): number {
    if (n === 0) return this.isWorkingDay(jdn) ? jdn : this.addWorkingDays(jdn, 1);
    let yearNumber = yearOfJdn(jdn);
    let year = this.compiled(yearNumber);
    if (n > 0) {
      let target = year.workingBefore[jdn - year.firstJdn + 1]! + n; // 1-based ordinal in the year
      while (target > year.workingJdns.length) {
        target -= year.workingJdns.length;
        if (++yearNumber > LAST_YEAR) throw outOfRange();
        year = this.compiled(yearNumber);
      }
      return year.workingJdns[target - 1]!;
    }
    let target = year.workingBefore[jdn - year.firstJdn]! + n + 1; // 1-based ordinal in the year
    while (target < 1) {
      if (--yearNumber < FIRST_YEAR) throw outOfRange();
      year = this.compiled(yearNumber);
      target += year.workingJdns.length;
    }
    return year.workingJdns[target - 1]!;
  }

  /** Working days in [fromJdn, toJdn); negative when toJdn < fromJdn. */
  countWorkingDays(fromJdn: number, toJdn: number): number {
    if (toJdn < fromJdn) return -this.countWorkingDays(toJdn, fromJdn);
    let count = 0;
    for (let jdn = fromJdn; jdn < toJdn; ) {
      const year = this.compiled(yearOfJdn(jdn));
      const stop = Math.min(toJdn, year.firstJdn + year.isWorking.length);
      count += year.workingBefore[stop - year.firstJdn]! - year.workingBefore[jdn - year.firstJdn]!;
      jdn = stop;
    }
    return count;
  }
}

/** Compiles a year: weekdays work, days off do not, make-up days do (dates outside the year are ignored). */
function compileYear(year: number, days: YearDays): CompiledYear {
  const firstJdn = YEAR_STARTS[year - FIRST_YEAR]!;
  const length = YEAR_STARTS[year - FIRST_YEAR + 1]! - firstJdn;
  const isWorking = new Uint8Array(length);
  for (let i = 0; i < length; i++) isWorking[i] = isWeekendJdn(firstJdn + i) ? 0 : 1;
  const mark = (date: string, value: number): void => {
    const index = jdnFromIso(date) - firstJdn;
    if (index >= 0 && index < length) isWorking[index] = value;
  };
  for (const entry of days.daysOff) mark(entry.date, 0);
  for (const entry of days.workDays) mark(entry.date, 1);
  const workingBefore = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) workingBefore[i + 1] = workingBefore[i]! + isWorking[i]!;
  const workingJdns = new Int32Array(workingBefore[length]!);
  for (let i = 0, k = 0; i < length; i++) if (isWorking[i]) workingJdns[k++] = firstJdn + i;
  return { firstJdn, isWorking, workingBefore, workingJdns };
}
