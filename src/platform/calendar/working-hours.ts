/**
 * Office hours of an agency: one or more periods per working day, in Vietnam time (UTC+7).
 * Agencies and provinces set their own (sometimes by season), so they are configuration; the
 * default is 07:00–11:30 and 13:30–17:00: the 8-hour working day of shared/domain/calendar.md
 * (the foundation issue said 07:30, 7.5 h; the domain note is the later word).
 */
import { CalendarInputError } from './errors.ts';

export interface WorkingPeriod {
  /** 'HH:MM', local time. */
  start: string;
  /** 'HH:MM', local time, after `start`; '24:00' allowed. */
  end: string;
}

export interface WorkingHours {
  periods: readonly WorkingPeriod[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({
  periods: Object.freeze([
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ]),
});

/** Working hours as milliseconds since local midnight, ready for arithmetic. */
export interface CompiledHours {
  /** Sorted, non-overlapping [startMs, endMs) pairs. */
  readonly periods: ReadonlyArray<readonly [number, number]>;
  /** Working milliseconds in one working day. */
  readonly msPerDay: number;
  /** End of the last period: when a working day's deadline falls. */
  readonly endOfDayMs: number;
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function badHours(detail: string): CalendarInputError {
  return new CalendarInputError('invalid-argument', `Giờ làm việc không hợp lệ: ${detail}`, `Invalid working hours: ${detail}`);
}

function msOfTime(time: string): number {
  const match = TIME.exec(time);
  const ms = match ? (Number(match[1]) * 60 + Number(match[2])) * 60_000 : NaN;
  if (!match || ms > 24 * 3_600_000) throw badHours(`"${time}" (cần HH:MM / expected HH:MM)`);
  return ms;
}

const compiled = new WeakMap<WorkingHours, CompiledHours>();

/** Validates and converts working hours (cached per config object). */
export function compileWorkingHours(hours: WorkingHours): CompiledHours {
  const cached = compiled.get(hours);
  if (cached) return cached;
  const periods = hours.periods.map((p) => [msOfTime(p.start), msOfTime(p.end)] as const).sort((a, b) => a[0] - b[0]);
  if (periods.length === 0) throw badHours('không có khoảng nào / no periods');
  periods.forEach(([start, end], index) => {
    const previousEnd = periods[index - 1]?.[1] ?? 0;
    if (end <= start || start < previousEnd) throw badHours('khoảng rỗng hoặc chồng nhau / empty or overlapping periods');
  });
  const result: CompiledHours = {
    periods,
    msPerDay: periods.reduce((sum, [start, end]) => sum + end - start, 0),
    endOfDayMs: periods[periods.length - 1]![1],
  };
  compiled.set(hours, result);
  return result;
}

/** Working milliseconds of one working day that lie before `msOfDay`. */
export function workingMsBeforeTimeOfDay(hours: CompiledHours, msOfDay: number): number {
  let total = 0;
  for (const [start, end] of hours.periods) {
    if (msOfDay <= start) break;
    total += Math.min(msOfDay, end) - start;
  }
  return total;
}

/**
 * Where within a working day a budget of working milliseconds, counted from `msOfDay`, runs out:
 * `{ doneAt }` (ms of day) when it fits, else `{ left }`, the budget still to spend on later days.
 */
export function spendWithinDay(hours: CompiledHours, msOfDay: number, budgetMs: number): { doneAt: number } | { left: number } {
  let left = budgetMs;
  for (const [start, end] of hours.periods) {
    if (msOfDay >= end) continue;
    const from = Math.max(start, msOfDay);
    if (left <= end - from) return { doneAt: from + left };
    left -= end - from;
  }
  return { left };
}
