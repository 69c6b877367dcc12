import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysInSolarMonth,
  formatIsoDate,
  instantOfLocalDay,
  isoFromJdn,
  jdnFromIso,
  jdnFromSolar,
  localJdnOfInstant,
  localMsOfDay,
  parseIsoDate,
  solarFromJdn,
  weekdayOfJdn,
} from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';

describe('Julian day numbers', () => {
  it('matches known values', () => {
    expect(jdnFromSolar(2000, 1, 1)).toBe(2451545);
    expect(jdnFromSolar(1970, 1, 1)).toBe(2440588);
    expect(jdnFromSolar(1900, 1, 1)).toBe(2415021);
  });

  it('round-trips every day 1899–2101', () => {
    const first = jdnFromSolar(1899, 1, 1);
    const last = jdnFromSolar(2101, 12, 31);
    let expected = { y: 1899, m: 1, d: 1 };
    const mismatches: number[] = []; // one expect per day would take seconds
    for (let jdn = first; jdn <= last; jdn++) {
      const date = solarFromJdn(jdn);
      const same = date.y === expected.y && date.m === expected.m && date.d === expected.d;
      if (!same || jdnFromSolar(date.y, date.m, date.d) !== jdn) mismatches.push(jdn);
      expected =
        date.d < daysInSolarMonth(date.y, date.m)
          ? { ...date, d: date.d + 1 }
          : date.m < 12
            ? { y: date.y, m: date.m + 1, d: 1 }
            : { y: date.y + 1, m: 1, d: 1 };
    }
    expect(mismatches).toEqual([]);
  });

  it('knows weekdays (0 = Sunday)', () => {
    expect(weekdayOfJdn(jdnFromIso('2026-02-17'))).toBe(2); // Tuesday
    expect(weekdayOfJdn(jdnFromIso('2026-04-26'))).toBe(0); // Sunday
    expect(weekdayOfJdn(jdnFromIso('2026-08-22'))).toBe(6); // Saturday
  });
});

describe('ISO dates', () => {
  it('parses and formats', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(formatIsoDate({ y: 2026, m: 2, d: 3 })).toBe('2026-02-03');
    expect(isoFromJdn(jdnFromIso('1999-12-31') + 1)).toBe('2000-01-01');
  });

  it.each(['2023-02-29', '2026-13-01', '2026-1-1', '2026-01-01T00:00', '', '1900-02-29'])('rejects %j', (bad) => {
    expect(() => parseIsoDate(bad)).toThrow(CalendarInputError);
  });
});

describe('Vietnam local time (UTC+7)', () => {
  it('maps instants to local days and back', () => {
    const instant = Date.parse('2026-02-13T17:30:00Z'); // 00:30 on 14 Feb in Hà Nội
    expect(isoFromJdn(localJdnOfInstant(instant))).toBe('2026-02-14');
    expect(localMsOfDay(instant)).toBe(30 * 60_000);
    expect(instantOfLocalDay(jdnFromIso('2026-02-14'), 30 * 60_000)).toBe(instant);
  });

  it('round-trips any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2100, 11, 30) }), (ms) => {
        expect(instantOfLocalDay(localJdnOfInstant(ms), localMsOfDay(ms))).toBe(ms);
      }),
    );
  });
});
