import { describe, expect, it } from 'vitest';
import { isoFromJdn, jdnFromIso, WorkingCalendar } from '../platform/calendar/index.ts';
import { calendarArrays, dueOrdinal } from './calendar-sql.ts';
import { sizesFor, standAt } from './options.ts';
import { apportion, seededRandom, spread } from './sql-dice.ts';
import { familySlots } from './vietnamese.ts';

describe('generator arithmetic', () => {
  it('counts deadlines on the arrays as the working calendar does (Tết 2026 included)', () => {
    const calendar = new WorkingCalendar();
    const first = '2025-11-01';
    const arrays = calendarArrays(calendar, first, 400);
    const random = seededRandom(5);
    for (let i = 0; i < 300; i += 1) {
      const d = 1 + Math.floor(random() * 300);
      const n = Math.floor(random() * 30);
      const day = isoFromJdn(jdnFromIso(first) + d);
      const due = isoFromJdn(jdnFromIso(first) + arrays.day[dueOrdinal(arrays, d, n) - 1]!);
      expect(due, `${day} + ${n}`).toBe(calendar.addWorkingDaysToDate(day, n));
    }
  });

  it('splits totals exactly, and spreads small totals over many cells', () => {
    const random = seededRandom(1);
    const weights = Array.from({ length: 5000 }, () => random());
    for (const total of [0, 1, 37, 1500, 1_500_000]) {
      expect(spread(total, weights, seededRandom(2)).reduce((a, b) => a + b, 0)).toBe(total);
      expect(apportion(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
    }
    const small = spread(1500, weights.slice(0, 2000), seededRandom(3));
    expect(small.filter((n) => n > 0).length).toBeGreaterThan(1000);
    expect(spread(10, [1, 1], seededRandom(4))).toEqual([5, 5]);
  });

  it('derives the sizes from the scale and stands the data at Vietnam midnight', () => {
    expect(sizesFor(1, 50)).toEqual({ citizens: 200_000, dossiers: 1_500_000, reports: 200_000, procedures: 2_000 });
    expect(sizesFor(0.05, 50)).toEqual({ citizens: 10_000, dossiers: 75_000, reports: 10_000, procedures: 100 });
    expect(sizesFor(0.001, 50).procedures).toBe(50);
    expect(() => sizesFor(0, 50)).toThrow(/scale/);
    expect(standAt('2026-12-06').toISOString()).toBe('2026-12-05T17:00:00.000Z');
  });

  it('draws family names with their shares', () => {
    const slots = familySlots();
    expect(slots).toHaveLength(100);
    expect(slots.filter((n) => n === 'Nguyễn').length).toBeGreaterThan(30);
    expect(slots.every((n) => n === n.normalize('NFC'))).toBe(true);
  });
});
