/**
 * The days off and make-up working days of one year: the shipped or administrator-edited yearly
 * table when there is one, otherwise the holiday rules plus weekend compensation, so that every
 * year 1900–2100 resolves.
 */
import { assertYearInRange, isoFromJdn, isWeekendJdn, jdnFromIso, jdnFromSolar, parseIsoDate } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { HOLIDAY_RULES, type HolidayRule } from './holiday-rules.ts';
import { jdnFromLunar } from './lunar.ts';
import { shippedYearTable, type DayEntry, type YearTable } from './year-tables.ts';

export interface ResolvedYear extends YearTable {
  /** 'table' when an official (or edited) table was used, 'rules' when derived from the rules. */
  basis: 'table' | 'rules';
}

export interface ResolveOptions {
  /** The table to use instead of the shipped one; `null` ignores tables and applies the rules. */
  table?: YearTable | null;
  /** The holiday rules (default: `HOLIDAY_RULES`). */
  rules?: readonly HolidayRule[];
}

/** A statutory holiday as computed from one rule. */
export interface Holiday extends DayEntry {
  ruleId: string;
}

/** Local JDN of a rule's anchor in a solar year. */
function anchorJdn(rule: HolidayRule, year: number): number {
  return rule.calendar === 'solar' ? jdnFromSolar(year, rule.month, rule.day) : jdnFromLunar(year, rule.month, rule.day);
}

function isInForce(rule: HolidayRule, date: string): boolean {
  return (!rule.effectiveFrom || date >= rule.effectiveFrom) && (!rule.effectiveTo || date <= rule.effectiveTo);
}

/** The statutory holidays of a year from the rules, by date, without weekend compensation. */
export function holidaysFromRules(year: number, rules: readonly HolidayRule[] = HOLIDAY_RULES): Holiday[] {
  assertYearInRange(year);
  const byDate = new Map<string, Holiday>();
  for (const rule of rules) {
    const anchor = anchorJdn(rule, year);
    for (const offset of rule.offsets) {
      const date = isoFromJdn(anchor + offset);
      if (isInForce(rule, date) && !byDate.has(date)) byDate.set(date, { date, name: rule.name, ruleId: rule.id });
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Adds a compensatory day (nghỉ bù) for each holiday on a Saturday or Sunday: the next weekday
 * that is neither a holiday nor already a compensatory day. Returns holidays + compensation, by date.
 */
export function withWeekendCompensation(holidays: readonly DayEntry[]): DayEntry[] {
  const ordered = sortByDate(holidays.map(({ date, name }) => ({ date, name })));
  const taken = new Set(ordered.map((h) => jdnFromIso(h.date)));
  const compensation: DayEntry[] = [];
  for (const holiday of ordered) {
    const jdn = jdnFromIso(holiday.date);
    if (!isWeekendJdn(jdn)) continue;
    let next = jdn + 1;
    while (isWeekendJdn(next) || taken.has(next)) next += 1;
    taken.add(next);
    compensation.push({ date: isoFromJdn(next), name: `Nghỉ bù ${holiday.name}` });
  }
  return sortByDate([...ordered, ...compensation]);
}

function sortByDate(entries: DayEntry[]): DayEntry[] {
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Checks an (administrator-edited) table: its dates are valid, in its year, and not both off and worked. */
export function validateYearTable(table: YearTable): void {
  assertYearInRange(table.year);
  const seen = new Set<string>();
  for (const entry of [...table.daysOff, ...table.workDays]) {
    const { y } = parseIsoDate(entry.date);
    if (y !== table.year || seen.has(entry.date)) {
      throw new CalendarInputError(
        'invalid-argument',
        `Bảng ngày nghỉ năm ${table.year}: ngày ${entry.date} ${y !== table.year ? 'không thuộc năm này' : 'bị lặp'}`,
        `Year table ${table.year}: date ${entry.date} ${y !== table.year ? 'is not in that year' : 'is listed twice'}`,
      );
    }
    seen.add(entry.date);
  }
}

const copyEntries = (entries: readonly DayEntry[]): DayEntry[] => sortByDate(entries.map(({ date, name }) => ({ date, name: name.normalize('NFC') })));

/**
 * The days off and make-up days of a year. The table wins when present (the one passed in
 * `options.table`, else the shipped one); without a table the rules apply, with weekend compensation.
 * The result is a fresh copy, sorted by date.
 */
export function resolveYear(year: number, options: ResolveOptions = {}): ResolvedYear {
  assertYearInRange(year);
  const table = options.table === undefined ? shippedYearTable(year) : options.table;
  if (table) {
    if (table.year !== year) {
      throw new CalendarInputError(
        'invalid-argument',
        `Bảng ngày nghỉ năm ${table.year} không dùng được cho năm ${year}`,
        `The year table for ${table.year} cannot be used for ${year}`,
      );
    }
    validateYearTable(table);
    return { year, daysOff: copyEntries(table.daysOff), workDays: copyEntries(table.workDays), source: table.source, basis: 'table' };
  }
  // A compensatory day could only leave the year for a holiday in the last days of December
  // (there is none today); such a day is dropped rather than listed under the wrong year.
  const daysOff = withWeekendCompensation(holidaysFromRules(year, options.rules)).filter((d) => d.date.startsWith(`${year}-`));
  return { year, daysOff, workDays: [], source: 'Quy tắc ngày nghỉ lễ theo Bộ luật Lao động', basis: 'rules' };
}
