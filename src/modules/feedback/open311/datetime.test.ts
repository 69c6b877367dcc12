import { describe, expect, it } from 'vitest';
import { parseW3c, toW3c } from './datetime.ts';

describe('Open311 dates', () => {
  it('answers in Vietnam time with the +07:00 offset', () => {
    expect(toW3c(new Date('2026-12-05T12:05:09.123Z'))).toBe('2026-12-05T19:05:09+07:00');
    expect(toW3c(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01T03:00:00+07:00');
    expect(toW3c(null)).toBeNull();
  });

  it('reads the W3C profile with any zone, a bare time as Vietnam time', () => {
    expect(parseW3c('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3c('1994-11-05T13:15:30Z')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3c('2026-12-05')?.toISOString()).toBe('2026-12-04T17:00:00.000Z');
    expect(parseW3c('2026-12-05T10:00')?.toISOString()).toBe('2026-12-05T03:00:00.000Z');
    expect(parseW3c('2026-12')?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', 'yesterday', '2026-02-30', '2026-13-01', '2026-12-05T25:00:00Z', '05/12/2026', '2026-12-05 10:00']) {
      expect(parseW3c(bad), bad).toBeNull();
    }
  });

  it('round-trips every answer it gives', () => {
    const at = new Date('2025-07-01T00:00:00Z');
    expect(parseW3c(toW3c(at)!)?.getTime()).toBe(at.getTime());
  });
});
