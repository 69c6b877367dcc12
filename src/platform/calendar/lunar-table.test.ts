import { describe, expect, it } from 'vitest';
import { isoFromJdn } from './calendar-date.ts';
import { buildLunarTable, month11Lunation, newMoonLocalDay, timeZoneOfLunarYear } from './lunar-table.ts';
import { tetDate } from './lunar.ts';

describe('time zone of the computation', () => {
  it('is UTC+8 (the Chinese calendar) until lunar 1967 and UTC+7 from 1968', () => {
    expect(timeZoneOfLunarYear(1967)).toBe(8);
    expect(timeZoneOfLunarYear(1968)).toBe(7);
  });

  it('gives the Chinese Tết dates before 1968', () => {
    expect(tetDate(1965)).toEqual({ y: 1965, m: 2, d: 2 }); // 1 Feb at UTC+7
    expect(tetDate(1935)).toEqual({ y: 1935, m: 2, d: 4 });
  });

  it('moves a new moon near midnight across the day line', () => {
    // New moon of 17 Feb 2007 at about 16:14 UT: 23:14 at UTC+7, 00:14 the next day at UTC+8.
    const k = 88;
    expect(isoFromJdn(newMoonLocalDay(k, 7))).toBe('2007-02-17');
    expect(isoFromJdn(newMoonLocalDay(k, 8))).toBe('2007-02-18');
  });
});

describe('month 11', () => {
  it('starts on or before the December solstice and lasts past it', () => {
    for (let year = 1900; year <= 2100; year++) {
      const zone = timeZoneOfLunarYear(year);
      const k = month11Lunation(year);
      const start = isoFromJdn(newMoonLocalDay(k, zone));
      const next = isoFromJdn(newMoonLocalDay(k + 1, zone));
      expect(start <= `${year}-12-22`, `${year}: ${start}`).toBe(true);
      expect(next > `${year}-12-21`, `${year}: ${next}`).toBe(true);
    }
  });
});

describe('table', () => {
  it('labels a 13-month span with exactly one leap month', () => {
    const table = buildLunarTable(2025, 2025);
    const leapIndexes = [...table.monthIsLeap.keys()].filter((i) => table.monthIsLeap[i] === 1);
    expect(leapIndexes.map((i) => [table.monthYear[i], table.monthNumber[i]])).toEqual([[2025, 6]]);
    expect(table.leapMonthOfYear[0]).toBe(6);
  });
});
