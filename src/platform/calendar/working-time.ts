/**
 * The working calendar: which days are working days, and deadline arithmetic in working days
 * and working hours, on Vietnam time (UTC+7).
 *
 * Deadline rule (working days): time limits run from the working day AFTER the day of receipt,
 * whatever the hour of receipt, and the deadline is the end of office hours of the N-th working
 * day. A dossier received on Friday 13 Feb 2026 with 1 working day is due at the end of Monday
 * 23 Feb 2026, since 14–22 Feb is the Tết block. N = 0 means the end of the day of receipt when
 * that is a working day, else of the next working day. N < 0 counts back (reminders).
 *
 * Working hours (`addWorkingHours`, `workingMsBetween`) count only time inside the office hours
 * of working days; the agency's hours are a parameter (default 07:00–11:30, 13:30–17:00).
 *
 * The days come from a resolver (default: `resolveYear`, the shipped tables and rules), so the
 * database layer can inject administrator-edited tables; after an edit, call `invalidate(year)`.
 */
import { assertYearInRange, instantOfLocalDay, isoFromJdn, jdnFromIso, localJdnOfInstant, localMsOfDay, type IsoDate } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { resolveYear } from './holidays.ts';
import { WorkingDayIndex, type YearResolver } from './working-day-index.ts';
import {
  DEFAULT_WORKING_HOURS,
  compileWorkingHours,
  spendWithinDay,
  workingMsBeforeTimeOfDay,
  type CompiledHours,
  type WorkingHours,
} from './working-hours.ts';

export interface TimeSpan {
  start: Date;
  end: Date;
}

export interface WorkingCalendarOptions {
  /** Days off and make-up days per year (default: `resolveYear`). */
  resolver?: YearResolver;
  /** Default office hours for the hour-based methods and for deadline times. */
  hours?: WorkingHours;
}

const MS_PER_HOUR = 3_600_000;

function invalidArgument(vi: string, en: string): CalendarInputError {
  return new CalendarInputError('invalid-argument', vi, en);
}

function instantMs(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw invalidArgument(`${what}: thời điểm không hợp lệ`, `${what}: invalid instant`);
  return ms;
}

function assertWholeDays(n: number): void {
  if (!Number.isSafeInteger(n)) throw invalidArgument(`Số ngày làm việc phải là số nguyên: ${n}`, `Working days must be an integer: ${n}`);
}

export class WorkingCalendar {
  private readonly index: WorkingDayIndex;
  private readonly hours: WorkingHours;

  constructor(options: WorkingCalendarOptions = {}) {
    this.index = new WorkingDayIndex(options.resolver ?? ((year) => resolveYear(year)));
    this.hours = options.hours ?? DEFAULT_WORKING_HOURS;
    compileWorkingHours(this.hours); // fail early on bad hours
  }

  /** Forgets cached days (one year or all), e.g. after an administrator edits a year table. */
  invalidate(year?: number): void {
    if (year !== undefined) assertYearInRange(year);
    this.index.invalidate(year);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.index.isWorkingDay(jdnFromIso(date));
  }

  /** The N-th working day after a date (see the deadline rule above), as 'YYYY-MM-DD'. */
  addWorkingDaysToDate(date: IsoDate, n: number): IsoDate {
    assertWholeDays(n);
    return isoFromJdn(this.index.addWorkingDays(jdnFromIso(date), n));
  }

  /** Working days in [from, to): `from` counts, `to` does not. Negative when `to` is before `from`. */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    return this.index.countWorkingDays(jdnFromIso(from), jdnFromIso(to));
  }

  /** The deadline N working days after an instant: the end of office hours of that day (UTC+7). */
  addWorkingDays(from: Date, n: number, hours: WorkingHours = this.hours): Date {
    assertWholeDays(n);
    const dueDay = this.index.addWorkingDays(localJdnOfInstant(instantMs(from, 'from')), n);
    return new Date(instantOfLocalDay(dueDay, compileWorkingHours(hours).endOfDayMs));
  }

  /**
   * The instant when `workingHours` of office time have passed since `from`. Time before office
   * hours, at lunch or on days off does not count; a budget that ends exactly at the end of a
   * period ends there (11:30, not 13:30).
   */
  addWorkingHours(from: Date, workingHours: number, hours: WorkingHours = this.hours): Date {
    const fromMs = instantMs(from, 'from');
    if (!Number.isFinite(workingHours) || workingHours < 0) {
      throw invalidArgument(`Số giờ làm việc không hợp lệ: ${workingHours}`, `Invalid number of working hours: ${workingHours}`);
    }
    const budgetMs = Math.round(workingHours * MS_PER_HOUR);
    if (budgetMs === 0) return new Date(fromMs);
    const compiled = compileWorkingHours(hours);
    let day = localJdnOfInstant(fromMs);
    let startMs = localMsOfDay(fromMs);
    let left = budgetMs;
    for (;;) {
      if (this.index.isWorkingDay(day)) {
        const spent = spendWithinDay(compiled, startMs, left);
        if ('doneAt' in spent) return new Date(instantOfLocalDay(day, spent.doneAt));
        left = spent.left;
      }
      // Skip the whole working days the budget covers, landing on the day it runs out.
      const wholeDays = Math.floor((left - 1) / compiled.msPerDay);
      day = this.index.addWorkingDays(day, wholeDays + 1);
      left -= wholeDays * compiled.msPerDay;
      startMs = 0;
    }
  }

  /**
   * Office time in milliseconds between two instants, minus the office time inside the paused
   * spans (e.g. "waiting for the citizen"; overlapping spans count once).
   */
  workingMsBetween(a: Date, b: Date, paused: readonly TimeSpan[] = [], hours: WorkingHours = this.hours): number {
    const startMs = instantMs(a, 'a');
    const endMs = instantMs(b, 'b');
    if (endMs < startMs) throw invalidArgument('Thời điểm kết thúc trước thời điểm bắt đầu', 'The end is before the start');
    const compiled = compileWorkingHours(hours);
    let total = this.workingMsInSpan(startMs, endMs, compiled);
    for (const [pauseStart, pauseEnd] of mergeSpans(paused, startMs, endMs)) {
      total -= this.workingMsInSpan(pauseStart, pauseEnd, compiled);
    }
    return total;
  }

  /** Office time in [startMs, endMs), startMs ≤ endMs. */
  private workingMsInSpan(startMs: number, endMs: number, hours: CompiledHours): number {
    const startDay = localJdnOfInstant(startMs);
    const endDay = localJdnOfInstant(endMs);
    const partOfDay = (day: number, ms: number): number =>
      this.index.isWorkingDay(day) ? workingMsBeforeTimeOfDay(hours, localMsOfDay(ms)) : 0;
    return this.index.countWorkingDays(startDay, endDay) * hours.msPerDay - partOfDay(startDay, startMs) + partOfDay(endDay, endMs);
  }
}

/** Clips spans to [fromMs, toMs], drops empty ones and merges overlaps, in order. */
function mergeSpans(spans: readonly TimeSpan[], fromMs: number, toMs: number): Array<[number, number]> {
  const clipped = spans
    .map((span): [number, number] => {
      const start = instantMs(span.start, 'paused.start');
      const end = instantMs(span.end, 'paused.end');
      if (end < start) throw invalidArgument('Khoảng tạm dừng kết thúc trước khi bắt đầu', 'A paused span ends before it starts');
      return [Math.max(start, fromMs), Math.min(end, toMs)];
    })
    .filter(([start, end]) => end > start)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const span of clipped) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}
