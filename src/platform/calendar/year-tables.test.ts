import { describe, expect, it } from 'vitest';
import { isWeekendJdn, isoFromJdn, jdnFromIso, jdnFromSolar, weekdayOfJdn } from './calendar-date.ts';
import { validateYearTable } from './holidays.ts';
import { lunarToSolar, tetDate } from './lunar.ts';
import { YEAR_TABLES, shippedYearTable } from './year-tables.ts';

const solarIso = ({ y, m, d }: { y: number; m: number; d: number }): string => isoFromJdn(jdnFromSolar(y, m, d));

describe('shipped year tables', () => {
  it.each(YEAR_TABLES.map((t) => [t.year, t] as const))('%i is valid, NFC and sorted', (_year, table) => {
    validateYearTable(table);
    for (const entry of [...table.daysOff, ...table.workDays]) expect(entry.name).toBe(entry.name.normalize('NFC'));
    const daysOff = table.daysOff.map((d) => d.date);
    expect(daysOff).toEqual([...daysOff].sort());
    for (const workDay of table.workDays) expect(weekdayOfJdn(jdnFromIso(workDay.date))).toBe(6); // make-up Saturdays
  });

  it('each swapped weekday off is repaid by one make-up day', () => {
    for (const table of YEAR_TABLES) {
      const swapped = table.daysOff.filter((d) => d.name.startsWith('Nghỉ hoán đổi'));
      expect(swapped.length).toBe(table.workDays.length);
    }
  });

  it('2025: Tết days are Mon 27 – Fri 31 Jan around lunar 1/1 (29 Jan)', () => {
    expect(solarIso(tetDate(2025))).toBe('2025-01-29');
    const tet = shippedYearTable(2025)!.daysOff.filter((d) => d.name === 'Tết Nguyên đán').map((d) => d.date);
    expect(tet).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(shippedYearTable(2025)!.daysOff.find((d) => d.name === 'Giỗ Tổ Hùng Vương')?.date).toBe(solarIso(lunarToSolar(2025, 3, 10)));
  });

  it('2026: Tết = last day of Ất Tỵ + mùng 1–4, Giỗ Tổ on Sunday 26 Apr with Monday off', () => {
    const table = shippedYearTable(2026)!;
    const tet = table.daysOff.filter((d) => d.name === 'Tết Nguyên đán').map((d) => d.date);
    const tetJdn = jdnFromSolar(tetDate(2026).y, tetDate(2026).m, tetDate(2026).d);
    expect(tet).toEqual([-1, 0, 1, 2, 3].map((offset) => isoFromJdn(tetJdn + offset)));
    const gioTo = solarIso(lunarToSolar(2026, 3, 10));
    expect(gioTo).toBe('2026-04-26');
    expect(isWeekendJdn(jdnFromIso(gioTo))).toBe(true);
    expect(table.daysOff.map((d) => d.date)).toEqual(expect.arrayContaining([gioTo, '2026-04-27', '2026-11-24']));
  });
});
