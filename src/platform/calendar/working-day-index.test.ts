import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWeekendJdn, jdnFromIso, jdnFromSolar } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { WorkingDayIndex, yearOfJdn } from './working-day-index.ts';

/** A synthetic calendar: weekends plus a day off on the 10th of each month, no make-up days. */
const tenthOff = (year: number) => ({
  daysOff: Array.from({ length: 12 }, (_, m) => ({ date: `${year}-${String(m + 1).padStart(2, '0')}-10`, name: 'off' })),
  workDays: [{ date: `${year}-01-03`, name: 'make-up' }],
});
const isWorkingNaive = (jdn: number): boolean => {
  const iso = new Date((jdn - 2440588) * 86_400_000).toISOString().slice(0, 10);
  if (iso.endsWith('-01-03')) return true;
  return !isWeekendJdn(jdn) && !iso.endsWith('-10');
};
const stepNaive = (jdn: number, n: number): number => {
  let day = jdn;
  if (n === 0) {
    while (!isWorkingNaive(day)) day += 1;
    return day;
  }
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingNaive(day)) left -= 1;
  }
  return day;
};

describe('yearOfJdn', () => {
  it('finds the year at the edges', () => {
    expect(yearOfJdn(jdnFromSolar(1900, 1, 1))).toBe(1900);
    expect(yearOfJdn(jdnFromSolar(2024, 12, 31))).toBe(2024);
    expect(yearOfJdn(jdnFromSolar(2025, 1, 1))).toBe(2025);
    expect(yearOfJdn(jdnFromSolar(2100, 12, 31))).toBe(2100);
    expect(() => yearOfJdn(jdnFromSolar(1899, 12, 31))).toThrow(CalendarInputError);
    expect(() => yearOfJdn(jdnFromSolar(2101, 1, 1))).toThrow(CalendarInputError);
  });
});

describe('WorkingDayIndex', () => {
  const index = new WorkingDayIndex(tenthOff);
  const day = fc.integer({ min: jdnFromSolar(1903, 1, 1), max: jdnFromSolar(2097, 12, 31) }); // ±600 working days stay in range

  it('agrees with a day-by-day walk, forwards, backwards and across years', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (jdn, n) => {
        expect(index.addWorkingDays(jdn, n)).toBe(stepNaive(jdn, n));
      }),
      { numRuns: 500 },
    );
  });

  it('counts working days consistently with adding them', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 600 }), (jdn, n) => {
        const due = index.addWorkingDays(jdn, n);
        expect(index.countWorkingDays(jdn + 1, due + 1)).toBe(n);
        expect(index.countWorkingDays(due + 1, jdn + 1)).toBe(-n);
      }),
    );
  });

  it('honours make-up days and invalidation', () => {
    expect(index.isWorkingDay(jdnFromIso('2026-01-03'))).toBe(true); // a Saturday made a working day
    expect(index.isWorkingDay(jdnFromIso('2026-03-10'))).toBe(false);
    let offOnFourth = false;
    const switchable = new WorkingDayIndex((year) => (offOnFourth ? { daysOff: [{ date: `${year}-03-04`, name: 'x' }], workDays: [] } : { daysOff: [], workDays: [] }));
    expect(switchable.isWorkingDay(jdnFromIso('2026-03-04'))).toBe(true);
    offOnFourth = true;
    expect(switchable.isWorkingDay(jdnFromIso('2026-03-04'))).toBe(true); // cached
    switchable.invalidate(2026);
    expect(switchable.isWorkingDay(jdnFromIso('2026-03-04'))).toBe(false);
  });

  it('refuses to leave 1900–2100', () => {
    expect(() => index.addWorkingDays(jdnFromIso('2100-12-20'), 30)).toThrow(CalendarInputError);
    expect(() => index.addWorkingDays(jdnFromIso('1900-01-05'), -30)).toThrow(CalendarInputError);
  });
});
