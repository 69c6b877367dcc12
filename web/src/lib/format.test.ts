import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText, formatDate, formatDateTime, formatMoney, formatNumber, formatShortDate, sortByText, vietnamIsoDay, vietnamParts } from './format.ts';

describe('formatDate (Vietnamese administrative style)', () => {
  it('pads a day below 10 and writes month 3 without a zero', () => {
    expect(formatDate(new Date('2026-03-05T03:00:00Z'))).toBe('ngày 05 tháng 3 năm 2026');
  });

  it('pads months 1 and 2 only', () => {
    expect(formatDate(new Date('2026-01-15T03:00:00Z'))).toBe('ngày 15 tháng 01 năm 2026');
    expect(formatDate(new Date('2026-02-09T03:00:00Z'))).toBe('ngày 09 tháng 02 năm 2026');
    expect(formatDate(new Date('2026-11-30T03:00:00Z'))).toBe('ngày 30 tháng 11 năm 2026');
    expect(formatDate(new Date('2026-12-01T03:00:00Z'))).toBe('ngày 01 tháng 12 năm 2026');
  });

  it('uses the day in Vietnam, not in UTC', () => {
    // 18:30 UTC on 4 March is 01:30 on 5 March in Hà Nội (UTC+7).
    expect(formatDate('2026-03-04T18:30:00Z')).toBe('ngày 05 tháng 3 năm 2026');
    expect(formatDate('2026-03-04T16:59:00Z')).toBe('ngày 04 tháng 3 năm 2026');
    expect(vietnamParts('2025-12-31T17:00:00Z')).toEqual({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 });
    expect(vietnamIsoDay('2025-12-31T17:00:00Z')).toBe('2026-01-01');
    expect(vietnamIsoDay('2026-03-04T16:59:00Z')).toBe('2026-03-04');
  });

  it('writes English dates day first with the month name', () => {
    expect(formatDate('2026-03-05T03:00:00Z', 'en')).toBe('5 March 2026');
    expect(formatDate('2026-01-15T03:00:00Z', 'en')).toBe('15 January 2026');
  });

  it('writes short dates and date-times', () => {
    expect(formatShortDate('2026-03-05T03:00:00Z')).toBe('05/03/2026');
    expect(formatDateTime('2026-03-05T01:30:00Z')).toBe('08:30, ngày 05 tháng 3 năm 2026');
    expect(formatDateTime('2026-03-05T16:05:00Z', 'en')).toBe('23:05, 5 March 2026');
  });

  it('refuses an invalid date instead of printing "NaN"', () => {
    expect(() => formatDate('not a date')).toThrow(RangeError);
  });

  it('agrees with the Asia/Ho_Chi_Minh time zone on any instant since 1976', () => {
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const parts = Object.fromEntries(zone.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
        expect(vietnamParts(ms)).toEqual({ year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatNumber and formatMoney', () => {
  it('groups thousands with dots and uses a decimal comma in Vietnamese', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(0)).toBe('0');
  });

  it('uses English separators in English', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });

  it('writes whole numbers as Intl.NumberFormat does, without it', () => {
    const vi = new Intl.NumberFormat('vi-VN');
    const en = new Intl.NumberFormat('en-GB');
    expect(formatNumber(-1234)).toBe('-1.234');
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -99_999, max: 99_999 }), fc.maxSafeInteger(), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })), (n) => {
        expect(formatNumber(n)).toBe(vi.format(n));
        expect(formatNumber(n, 'en')).toBe(en.format(n));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes money as whole đồng', () => {
    expect(formatMoney(150000)).toBe('150.000 đồng');
    expect(formatMoney(150000, 'en')).toBe('150,000 VND');
    expect(() => formatMoney(10.5)).toThrow(RangeError);
  });
});

describe('Vietnamese sorting', () => {
  it('orders letters with diacritics after their base letter', () => {
    const names = ['Đồng Nai', 'Điện Biên', 'Cà Mau', 'An Giang', 'Ấp Bắc', 'Dương Minh Châu'];
    expect(sortByText(names, (n) => n)).toEqual(['An Giang', 'Ấp Bắc', 'Cà Mau', 'Dương Minh Châu', 'Điện Biên', 'Đồng Nai']);
  });

  it('sorts numbers inside names naturally', () => {
    expect(compareText('Phường 2', 'Phường 10')).toBeLessThan(0);
  });
});
