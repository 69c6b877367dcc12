import { describe, expect, it } from 'vitest';
import { addMonths, dateInWords, periodOf, splitByMonths, trendBuckets, weekStart } from './period.ts';

describe('reporting periods', () => {
  it('a running month is compared with the same days of the previous one; a finished one with the whole', () => {
    expect(periodOf('month', '2026-12-05', '2026-12-05')).toEqual({
      kind: 'month', from: '2026-12-01', to: '2027-01-01', label: '12/2026', elapsedTo: '2026-12-06', previous: { from: '2026-11-01', to: '2026-11-06' },
    });
    expect(periodOf('month', '2026-11-20', '2026-12-05')).toMatchObject({ from: '2026-11-01', to: '2026-12-01', elapsedTo: '2026-12-01', previous: { from: '2026-10-01', to: '2026-11-01' } });
    expect(periodOf('month', '2026-03-31', '2026-03-31').previous).toEqual({ from: '2026-02-01', to: '2026-03-01' }); // 1 April − 1 month, capped at 1 March
  });

  it('quarters and years', () => {
    expect(periodOf('quarter', '2026-05-10', '2026-05-10')).toMatchObject({ from: '2026-04-01', to: '2026-07-01', label: 'Q2/2026', previous: { from: '2026-01-01', to: '2026-02-11' } });
    expect(periodOf('year', '2025-06-01', '2026-12-05')).toMatchObject({ from: '2025-01-01', to: '2026-01-01', label: '2025', previous: { from: '2024-01-01', to: '2025-01-01' } });
  });

  it('splits a range into whole months and edge days', () => {
    expect(splitByMonths({ from: '2026-01-15', to: '2026-04-10' })).toEqual({ months: { from: '2026-02-01', to: '2026-04-01' }, days: [{ from: '2026-01-15', to: '2026-02-01' }, { from: '2026-04-01', to: '2026-04-10' }] });
    expect(splitByMonths({ from: '2026-12-01', to: '2026-12-06' })).toEqual({ months: null, days: [{ from: '2026-12-01', to: '2026-12-06' }] });
    expect(splitByMonths({ from: '2026-01-01', to: '2027-01-01' })).toEqual({ months: { from: '2026-01-01', to: '2027-01-01' }, days: [] });
  });

  it('trend buckets end with the one holding the last day', () => {
    const days = trendBuckets('day', '2026-12-05');
    expect(days.starts).toHaveLength(30);
    expect(days.range).toEqual({ from: '2026-11-06', to: '2026-12-06' });
    expect(weekStart('2026-12-05')).toBe('2026-11-30'); // a Saturday → Monday
    expect(trendBuckets('week', '2026-12-05').starts.at(-1)).toBe('2026-11-30');
    expect(trendBuckets('month', '2026-12-05').range).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('writes dates in words as official documents do', () => {
    expect(dateInWords('2026-12-05')).toBe('ngày 05 tháng 12 năm 2026');
    expect(dateInWords('2026-02-14')).toBe('ngày 14 tháng 02 năm 2026');
    expect(dateInWords('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
  });
});
