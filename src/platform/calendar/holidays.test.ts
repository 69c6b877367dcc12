import { describe, expect, it } from 'vitest';
import { isWeekendJdn, jdnFromIso } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { HOLIDAY_RULES, type HolidayRule } from './holiday-rules.ts';
import { holidaysFromRules, resolveYear, withWeekendCompensation } from './holidays.ts';
import type { YearTable } from './year-tables.ts';

const dates = (entries: { date: string }[]): string[] => entries.map((e) => e.date);

describe('rules', () => {
  it('2027 by the rules: Tết block with compensation, 1/5 on Saturday compensated on Monday', () => {
    const year = resolveYear(2027);
    expect(year.basis).toBe('rules');
    expect(year.daysOff).toEqual([
      { date: '2027-01-01', name: 'Tết Dương lịch' },
      { date: '2027-02-05', name: 'Tết Nguyên đán' }, // last day of Bính Ngọ (Friday)
      { date: '2027-02-06', name: 'Tết Nguyên đán' }, // mùng 1, Saturday
      { date: '2027-02-07', name: 'Tết Nguyên đán' },
      { date: '2027-02-08', name: 'Tết Nguyên đán' },
      { date: '2027-02-09', name: 'Tết Nguyên đán' },
      { date: '2027-02-10', name: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2027-02-11', name: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2027-04-30', name: 'Ngày Chiến thắng' },
      { date: '2027-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
      { date: '2027-09-01', name: 'Quốc khánh' },
      { date: '2027-09-02', name: 'Quốc khánh' },
      { date: '2027-11-24', name: 'Ngày Văn hóa Việt Nam' },
    ]);
    expect(year.workDays).toEqual([]);
  });

  it('applies rules by their effective dates', () => {
    const count = (year: number, id: string): number => holidaysFromRules(year).filter((h) => h.ruleId === id).length;
    expect(count(2012, 'tet-nguyen-dan')).toBe(4);
    expect(count(2014, 'tet-nguyen-dan')).toBe(5);
    expect(count(2020, 'quoc-khanh')).toBe(1);
    expect(count(2021, 'quoc-khanh')).toBe(2);
    expect(count(2025, 'van-hoa-viet-nam')).toBe(0);
    expect(count(2026, 'van-hoa-viet-nam')).toBe(1);
    expect(count(2006, 'gio-to-hung-vuong')).toBe(0);
    expect(count(2007, 'gio-to-hung-vuong')).toBe(1);
  });

  it('adds a holiday with one row of data', () => {
    const extra: HolidayRule = { id: 'test', name: 'Ngày thử', calendar: 'solar', month: 6, day: 6, offsets: [0], effectiveFrom: '2030-01-01', basis: 'test' };
    expect(dates(resolveYear(2029, { rules: [...HOLIDAY_RULES, extra] }).daysOff)).not.toContain('2029-06-06');
    expect(dates(resolveYear(2030, { rules: [...HOLIDAY_RULES, extra] }).daysOff)).toContain('2030-06-06');
  });

  it('resolves every year 1900–2100; every weekend holiday gets a weekday off', () => {
    for (let year = 1900; year <= 2100; year++) {
      const holidays = holidaysFromRules(year);
      const resolved = resolveYear(year, { table: null });
      const weekendHolidays = holidays.filter((h) => isWeekendJdn(jdnFromIso(h.date))).length;
      const compensation = resolved.daysOff.filter((d) => d.name.startsWith('Nghỉ bù'));
      expect(compensation.length, `${year}`).toBe(weekendHolidays);
      for (const day of compensation) expect(isWeekendJdn(jdnFromIso(day.date))).toBe(false);
      expect(new Set(dates(resolved.daysOff)).size).toBe(resolved.daysOff.length);
    }
  });
});

describe('weekend compensation', () => {
  it('pushes consecutive weekend holidays onto the next free weekdays', () => {
    // Sat 1 + Sun 2 May 2027 (invented), Monday 3 May is also a holiday.
    const result = withWeekendCompensation([
      { date: '2027-05-03', name: 'C' },
      { date: '2027-05-01', name: 'A' },
      { date: '2027-05-02', name: 'B' },
    ]);
    expect(result).toEqual([
      { date: '2027-05-01', name: 'A' },
      { date: '2027-05-02', name: 'B' },
      { date: '2027-05-03', name: 'C' },
      { date: '2027-05-04', name: 'Nghỉ bù A' },
      { date: '2027-05-05', name: 'Nghỉ bù B' },
    ]);
  });
});

describe('yearly tables', () => {
  it('uses the shipped table when there is one', () => {
    const year = resolveYear(2026);
    expect(year.basis).toBe('table');
    expect(dates(year.workDays)).toEqual(['2026-08-22']);
    expect(dates(year.daysOff)).toContain('2026-08-31');
  });

  it('lets the caller ignore or replace the table', () => {
    expect(resolveYear(2026, { table: null }).basis).toBe('rules');
    const edited: YearTable = { year: 2026, daysOff: [{ date: '2026-01-02', name: 'Nghỉ thêm' }], workDays: [], source: 'admin' };
    expect(resolveYear(2026, { table: edited })).toEqual({ ...edited, basis: 'table' });
  });

  it('returns copies, so callers cannot change the shipped data', () => {
    resolveYear(2025).daysOff.push({ date: '2025-12-31', name: 'x' });
    expect(dates(resolveYear(2025).daysOff)).not.toContain('2025-12-31');
  });

  it.each([
    ['a table of another year', { year: 2025, daysOff: [], workDays: [], source: 's' }],
    ['a date outside the year', { year: 2026, daysOff: [{ date: '2027-01-01', name: 'x' }], workDays: [], source: 's' }],
    ['a date both off and worked', { year: 2026, daysOff: [{ date: '2026-03-02', name: 'x' }], workDays: [{ date: '2026-03-02', name: 'y' }], source: 's' }],
    ['a bad date', { year: 2026, daysOff: [{ date: '2026-02-30', name: 'x' }], workDays: [], source: 's' }],
  ])('rejects %s', (_label, table) => {
    expect(() => resolveYear(2026, { table })).toThrow(CalendarInputError);
  });

  it('rejects years out of range', () => {
    expect(() => resolveYear(1899)).toThrow(CalendarInputError);
    expect(() => resolveYear(2101)).toThrow(CalendarInputError);
  });
});
