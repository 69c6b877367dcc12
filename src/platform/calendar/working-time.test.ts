import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './errors.ts';
import { WorkingCalendar } from './working-time.ts';

const HOUR = 3_600_000;
const vn = (local: string): Date => new Date(`${local}+07:00`); // 'YYYY-MM-DDTHH:MM'
const calendar = new WorkingCalendar();

describe('isWorkingDay (shipped 2025–2026 tables)', () => {
  it.each([
    ['2026-02-13', true], // Friday before Tết
    ['2026-02-16', false], // Tết
    ['2026-02-23', true],
    ['2026-04-27', false], // compensation for Giỗ Tổ on Sunday 26 Apr
    ['2026-08-22', true], // make-up Saturday
    ['2026-08-29', false], // ordinary Saturday
    ['2026-08-31', false], // swapped Monday
    ['2026-11-24', false], // Ngày Văn hóa Việt Nam
    ['2025-04-26', true], // make-up Saturday for Friday 2 May
    ['2025-05-02', false],
    ['2025-09-01', false],
    ['2025-09-03', true],
  ])('%s → %s', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });
});

describe('working days', () => {
  it('a dossier received Friday 13 Feb 2026 with 1 working day is due at the end of Monday 23 Feb', () => {
    expect(calendar.addWorkingDaysToDate('2026-02-13', 1)).toBe('2026-02-23');
    expect(calendar.addWorkingDays(vn('2026-02-13T16:59'), 1)).toEqual(vn('2026-02-23T17:00'));
    expect(calendar.addWorkingDays(vn('2026-02-13T07:00'), 1)).toEqual(vn('2026-02-23T17:00'));
  });

  it('counts from the next working day whatever the hour, also on a day off', () => {
    expect(calendar.addWorkingDaysToDate('2026-02-14', 1)).toBe('2026-02-23'); // received on Saturday
    expect(calendar.addWorkingDaysToDate('2026-08-21', 1)).toBe('2026-08-22'); // make-up Saturday counts
    expect(calendar.addWorkingDaysToDate('2025-12-31', 1)).toBe('2026-01-02');
    expect(calendar.addWorkingDaysToDate('2026-12-30', 3)).toBe('2027-01-05'); // 1 Jan 2027 is a holiday
  });

  it('n = 0 is the day itself when working, else the next working day; n < 0 counts back', () => {
    expect(calendar.addWorkingDaysToDate('2026-02-13', 0)).toBe('2026-02-13');
    expect(calendar.addWorkingDaysToDate('2026-02-15', 0)).toBe('2026-02-23');
    expect(calendar.addWorkingDaysToDate('2026-02-23', -1)).toBe('2026-02-13');
  });

  it('uses an instant in Vietnam time, not UTC', () => {
    // 23:30 UTC on Thursday 12 Feb is 06:30 on Friday 13 Feb in Hà Nội.
    expect(calendar.addWorkingDays(new Date('2026-02-12T23:30:00Z'), 1)).toEqual(vn('2026-02-23T17:00'));
  });

  it('counts working days in a range', () => {
    expect(calendar.countWorkingDays('2026-02-01', '2026-03-01')).toBe(15); // 20 weekdays − 5 Tết days
  });

  it('rejects bad input', () => {
    expect(() => calendar.addWorkingDaysToDate('2026-02-13', 1.5)).toThrow(CalendarInputError);
    expect(() => calendar.addWorkingDaysToDate('13/02/2026', 1)).toThrow(CalendarInputError);
    expect(() => calendar.addWorkingDays(new Date('nope'), 1)).toThrow(CalendarInputError);
    expect(() => calendar.addWorkingDaysToDate('2100-12-28', 10)).toThrow(CalendarInputError);
  });
});

describe('working hours', () => {
  it('adds hours inside office time, skipping lunch, nights and days off', () => {
    expect(calendar.addWorkingHours(vn('2026-03-02T08:00'), 2)).toEqual(vn('2026-03-02T10:00'));
    expect(calendar.addWorkingHours(vn('2026-03-02T10:30'), 1)).toEqual(vn('2026-03-02T11:30'));
    expect(calendar.addWorkingHours(vn('2026-03-02T10:30'), 1.5)).toEqual(vn('2026-03-02T14:00'));
    expect(calendar.addWorkingHours(vn('2026-03-02T06:00'), 1)).toEqual(vn('2026-03-02T08:00'));
    expect(calendar.addWorkingHours(vn('2026-02-13T16:00'), 2)).toEqual(vn('2026-02-23T08:00'));
    expect(calendar.addWorkingHours(vn('2026-02-13T16:00'), 1)).toEqual(vn('2026-02-13T17:00'));
    expect(calendar.addWorkingHours(vn('2026-03-02T07:00'), 8 * 5)).toEqual(vn('2026-03-06T17:00'));
    expect(calendar.addWorkingHours(vn('2026-03-02T20:00'), 0)).toEqual(vn('2026-03-02T20:00'));
  });

  it('takes an agency’s own hours', () => {
    const hours = { periods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] };
    expect(calendar.addWorkingHours(vn('2026-03-02T11:00'), 2, hours)).toEqual(vn('2026-03-02T14:00'));
    const agency = new WorkingCalendar({ hours });
    expect(agency.addWorkingDays(vn('2026-03-02T09:00'), 1)).toEqual(vn('2026-03-03T17:00'));
    expect(agency.workingMsBetween(vn('2026-03-02T00:00'), vn('2026-03-03T00:00'))).toBe(8 * HOUR);
  });

  it('measures office time between instants, minus pauses', () => {
    expect(calendar.workingMsBetween(vn('2026-02-13T16:00'), vn('2026-02-23T08:00'))).toBe(2 * HOUR);
    const paused = [
      { start: vn('2026-03-02T09:00'), end: vn('2026-03-02T10:00') },
      { start: vn('2026-03-02T09:30'), end: vn('2026-03-02T14:30') }, // overlaps the first
      { start: vn('2026-03-05T00:00'), end: vn('2026-03-06T00:00') }, // outside the range
    ];
    expect(calendar.workingMsBetween(vn('2026-03-02T07:30'), vn('2026-03-02T17:00'), paused)).toBe(4 * HOUR); // 07:30–17:00 is 7.5 h, minus (09:00–11:30 + 13:30–14:30)
    expect(() => calendar.workingMsBetween(vn('2026-03-02T10:00'), vn('2026-03-02T09:00'))).toThrow(CalendarInputError);
  });

  it('addWorkingHours and workingMsBetween agree', () => {
    const from = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) });
    const minutes = fc.integer({ min: 0, max: 60 * 7.5 * 40 });
    fc.assert(
      fc.property(from, minutes, (fromMs, workMinutes) => {
        const start = new Date(fromMs);
        const end = calendar.addWorkingHours(start, workMinutes / 60);
        expect(calendar.workingMsBetween(start, end)).toBe(workMinutes * 60_000);
      }),
    );
  });
});

describe('resolver injection', () => {
  it('uses the injected days and re-reads a year after invalidate()', () => {
    const extraDaysOff: string[] = [];
    const injected = new WorkingCalendar({ resolver: () => ({ daysOff: extraDaysOff.map((date) => ({ date, name: 'x' })), workDays: [] }) });
    expect(injected.isWorkingDay('2026-02-16')).toBe(true); // no Tết in this calendar
    extraDaysOff.push('2026-03-03');
    injected.invalidate(2026);
    expect(injected.isWorkingDay('2026-03-03')).toBe(false);
  });
});

describe('speed', () => {
  it('adds working days fast (very generous bound; see the report for the real number)', () => {
    const start = Date.UTC(2025, 0, 1);
    const started = performance.now();
    let last = 0;
    for (let i = 0; i < 200_000; i++) last = calendar.addWorkingDays(new Date(start + (i % 700) * 86_400_000), (i % 30) + 1).getTime();
    expect(last).toBeGreaterThan(start);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
