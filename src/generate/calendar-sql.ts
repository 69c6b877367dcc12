import { isoFromJdn, jdnFromIso, type WorkingCalendar } from '../platform/calendar/index.ts';
import type { SqlExpr } from './sql-dice.ts';

/**
 * The working calendar as two integer arrays the generating SQL indexes into, so that deadlines
 * of generated dossiers follow the same days off, Tết and make-up Saturdays as real ones:
 *
 * - days are offsets from `firstDay` (a Vietnam calendar day); `ord[d]` is the number of working
 *   days in [firstDay, firstDay + d], so a working day d is the `ord[d]`-th working day;
 * - `day[n]` is the offset of the n-th working day.
 *
 * The deadline rule of the platform (working-time.ts) reads: N working days after a receipt on
 * day d end on day `day[ord[d] + N]` at the close of office hours (N = 0 on a day off: the next
 * working day, `dueOrdinal`). The arrays live in one row of the helper table `gen_calendar`
 * (joined as `cal`), and are 1-based as SQL arrays are.
 */
export type CalendarArrays = { firstDay: string; days: number; ord: number[]; day: number[] };

/** Seconds after Vietnam midnight: office opens 07:00, closes 17:00. */
export const OPENS = 7 * 3600;
export const CLOSES = 17 * 3600;

export const calendarArrays = (calendar: WorkingCalendar, firstDay: string, days: number): CalendarArrays => {
  const first = jdnFromIso(firstDay);
  const ord: number[] = [];
  const day: number[] = [];
  for (let d = 0; d < days; d += 1) {
    if (calendar.isWorkingDay(isoFromJdn(first + d))) day.push(d);
    ord.push(day.length);
  }
  return { firstDay, days, ord, day };
};

/** The ordinal of the working day on which N working days after day offset `d` end. */
export const dueOrdinal = (a: CalendarArrays, d: number, n: number): number => a.ord[d]! + n + (n === 0 && a.ord[d] === a.ord[d - 1] ? 1 : 0);

/** Unix seconds of Vietnam midnight (UTC+7) starting `isoDay`. */
export const vietnamMidnight = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`) / 1000 - 7 * 3600;

/** SQL over the `cal` row of `gen_calendar`. */
export class CalendarSql {
  private readonly midnight: number;

  constructor(readonly arrays: CalendarArrays) {
    this.midnight = vietnamMidnight(arrays.firstDay);
  }

  /** Working days up to and including day offset `d`. */
  ord(d: SqlExpr): SqlExpr {
    return `cal.ord[1 + (${d})]`;
  }

  /** Day offset of the n-th working day. */
  day(n: SqlExpr): SqlExpr {
    return `cal.day[${n}]`;
  }

  /** As `dueOrdinal`, in SQL. */
  dueOrdinal(d: SqlExpr, n: SqlExpr): SqlExpr {
    return `(${this.ord(d)} + (${n}) + CASE WHEN (${n}) = 0 AND NOT ${this.isWorking(d)} THEN 1 ELSE 0 END)`;
  }

  isWorking(d: SqlExpr): SqlExpr {
    return `(cal.ord[1 + (${d})] > cal.ord[${d}])`;
  }

  /** The instant `secs` seconds after Vietnam midnight of day offset `d`. */
  at(d: SqlExpr, secs: SqlExpr): SqlExpr {
    return `to_timestamp(${this.midnight}::bigint + (${d})::bigint * 86400 + (${secs})::bigint)`;
  }

  /** Close of office hours of the n-th working day: how the platform states a deadline. */
  closeOfWorkingDay(n: SqlExpr): SqlExpr {
    return this.at(this.day(n), String(CLOSES));
  }

  /** A time of the n-th working day, `secs` after the office opens. */
  onWorkingDay(n: SqlExpr, secsAfterOpening: SqlExpr): SqlExpr {
    return this.at(this.day(n), `${OPENS} + (${secsAfterOpening})`);
  }

  /**
   * The table statements (run once; both loading connections join it). The arrays are stored
   * PLAIN (inline, uncompressed): a compressed array would be decompressed at every subscript.
   */
  createTable(): string {
    return `CREATE UNLOGGED TABLE gen_calendar (ord int[], day int[]);
      ALTER TABLE gen_calendar ALTER COLUMN ord SET STORAGE PLAIN, ALTER COLUMN day SET STORAGE PLAIN;
      INSERT INTO gen_calendar VALUES ('{${this.arrays.ord.join(',')}}', '{${this.arrays.day.join(',')}}')`;
  }
}
