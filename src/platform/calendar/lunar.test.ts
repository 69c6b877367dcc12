import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jdnFromSolar, solarFromJdn } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { canChiYear, leapMonthOf, lunarFromJdn, lunarMonthLength, lunarToSolar, solarToLunar, tetDate } from './lunar.ts';

describe('Tết (lunar 1/1), published dates', () => {
  it.each([
    [1968, '1968-01-29'], // first year at UTC+7: 29 Jan in the North, 30 Jan in the South (UTC+8)
    [1985, '1985-01-21'], // China (UTC+8): 20 Feb
    [2007, '2007-02-17'], // China: 18 Feb (the new moon is at 23:14 UTC+7)
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('%i → %s', (year, iso) => {
    const { y, m, d } = tetDate(year);
    expect(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`).toBe(iso);
  });

  it('covers the range ends', () => {
    expect(tetDate(1900)).toEqual({ y: 1900, m: 1, d: 31 });
    expect(solarToLunar(1900, 1, 1)).toEqual({ year: 1899, month: 12, day: 1, leap: false });
    expect(solarToLunar(2100, 12, 31)).toMatchObject({ year: 2100, month: 12 });
  });
});

describe('leap months', () => {
  it.each([
    [2004, 2],
    [2006, 7],
    [2009, 5],
    [2012, 4],
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2033, 11], // the "2033 problem": Vietnam has a leap 11th month
    [2024, 0],
    [2026, 0],
  ])('lunar year %i has leap month %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('2025-07-25 is 1/6 (leap) Ất Tỵ, and 2025-06-25 the regular 1/6', () => {
    expect(solarToLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(solarToLunar(2025, 6, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: false });
    expect(lunarToSolar(2025, 6, 1, true)).toEqual({ y: 2025, m: 7, d: 25 });
  });
});

describe('known lunar dates', () => {
  it.each([
    [2025, 3, 10, { y: 2025, m: 4, d: 7 }], // Giỗ Tổ Hùng Vương
    [2026, 3, 10, { y: 2026, m: 4, d: 26 }],
    [2024, 8, 15, { y: 2024, m: 9, d: 17 }], // Tết Trung thu
    [2025, 8, 15, { y: 2025, m: 10, d: 6 }],
  ])('%i-%i-%i (lunar)', (year, month, day, solar) => {
    expect(lunarToSolar(year, month, day)).toEqual(solar);
  });

  it('the last day of Ất Tỵ is 16 Feb 2026 (month 12 has 29 days)', () => {
    expect(lunarMonthLength(2025, 12)).toBe(29);
    expect(solarToLunar(2026, 2, 16)).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });
});

describe('invalid input', () => {
  it('rejects day 30 of a 29-day month, with a bilingual message', () => {
    const error = (() => {
      try {
        lunarToSolar(2025, 12, 30);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CalendarInputError);
    expect(error).toMatchObject({ code: 'invalid-lunar-date' });
    expect((error as Error).message).toMatch(/Ngày 30 không có trong tháng 12\/2025 âm lịch.*\(Day 30 does not exist/);
  });

  it.each([
    ['leap flag on a non-leap month', () => lunarToSolar(2025, 5, 1, true), 'invalid-lunar-date'],
    ['leap flag in a year without leap month', () => lunarToSolar(2026, 1, 1, true), 'invalid-lunar-date'],
    ['month 13', () => lunarToSolar(2025, 13, 1), 'invalid-lunar-date'],
    ['day 0', () => lunarToSolar(2025, 1, 0), 'invalid-lunar-date'],
    ['year 1899', () => lunarToSolar(1899, 1, 1), 'out-of-range'],
    ['year 2101', () => tetDate(2101), 'out-of-range'],
    ['solar 1899', () => solarToLunar(1899, 12, 31), 'out-of-range'],
    ['solar after lunar 2100', () => solarToLunar(2101, 3, 1), 'out-of-range'],
    ['solar 31 April', () => solarToLunar(2025, 4, 31), 'invalid-date'],
  ])('%s', (_label, call, code) => {
    expect(call).toThrow(CalendarInputError);
    expect(call).toThrow(expect.objectContaining({ code }));
  });
});

describe('Can Chi', () => {
  it.each([
    [2024, 'Giáp Thìn'],
    [2025, 'Ất Tỵ'],
    [2026, 'Bính Ngọ'],
    [1984, 'Giáp Tý'],
    [1968, 'Mậu Thân'],
    [2027, 'Đinh Mùi'],
  ])('%i → %s (NFC)', (year, name) => {
    expect(canChiYear(year)).toBe(name.normalize('NFC'));
    expect(canChiYear(year).normalize('NFC')).toBe(canChiYear(year));
  });
});

describe('whole range 1900-01-01 … 2100-12-31', () => {
  it('round-trips every solar day, counts days in order, and keeps months at 29 or 30 days; fast', () => {
    const started = performance.now();
    const first = jdnFromSolar(1900, 1, 1);
    const last = jdnFromSolar(2100, 12, 31);
    const problems: string[] = []; // collected, since one expect per day would be slow
    let previous = lunarFromJdn(first);
    for (let jdn = first; jdn <= last; jdn++) {
      const { y, m, d } = solarFromJdn(jdn);
      const lunar = solarToLunar(y, m, d);
      const back = lunar.year >= 1900 ? lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap) : { y, m, d };
      if (back.y !== y || back.m !== m || back.d !== d) problems.push(`${y}-${m}-${d} → ${JSON.stringify(lunar)}`);
      if (jdn > first && lunar.day !== 1 && lunar.day !== previous.day + 1) problems.push(`${y}-${m}-${d}: day skipped`);
      if (lunar.day === 1 && jdn > first) {
        if (previous.day !== 29 && previous.day !== 30) problems.push(`${y}-${m}-${d}: previous month had ${previous.day} days`);
        if (lunar.year >= 1900 && lunarMonthLength(lunar.year, lunar.month, lunar.leap) < 29) problems.push(`${y}-${m}-${d}: short`);
      }
      previous = lunar;
    }
    const elapsedMs = performance.now() - started;
    expect(problems).toEqual([]);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('every lunar year has 12 months of 29–30 days, plus one leap month in 13-month years', () => {
    const tetJdn = (year: number): number => {
      const { y, m, d } = tetDate(year);
      return jdnFromSolar(y, m, d);
    };
    for (let year = 1900; year < 2100; year++) {
      const days = tetJdn(year + 1) - tetJdn(year);
      const months = leapMonthOf(year) ? 13 : 12;
      expect(days, `lunar year ${year}`).toBeGreaterThanOrEqual(months * 29);
      expect(days, `lunar year ${year}`).toBeLessThanOrEqual(months * 30);
    }
  });

  it('lunar → solar → lunar round-trips for random valid lunar dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), (year, month, day, leap) => {
        const isLeap = leap && leapMonthOf(year) === month;
        if (day > lunarMonthLength(year, month, isLeap)) return;
        const { y, m, d } = lunarToSolar(year, month, day, isLeap);
        expect(solarToLunar(y, m, d)).toEqual({ year, month, day, leap: isLeap });
      }),
    );
  });
});
