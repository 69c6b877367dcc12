import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './errors.ts';
import { DEFAULT_WORKING_HOURS, compileWorkingHours, spendWithinDay, workingMsBeforeTimeOfDay } from './working-hours.ts';

const at = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h! * 60 + m!) * 60_000;
};
const HOUR = 3_600_000;

describe('working hours', () => {
  const hours = compileWorkingHours(DEFAULT_WORKING_HOURS);

  it('compiles the default 07:00–11:30, 13:30–17:00 (8 h a day)', () => {
    expect(hours.periods).toEqual([
      [at('07:00'), at('11:30')],
      [at('13:30'), at('17:00')],
    ]);
    expect(hours.msPerDay).toBe(8 * HOUR);
    expect(hours.endOfDayMs).toBe(at('17:00'));
  });

  it('counts working time before a time of day', () => {
    expect(workingMsBeforeTimeOfDay(hours, at('07:00'))).toBe(0);
    expect(workingMsBeforeTimeOfDay(hours, at('09:30'))).toBe(2.5 * HOUR);
    expect(workingMsBeforeTimeOfDay(hours, at('12:00'))).toBe(4.5 * HOUR);
    expect(workingMsBeforeTimeOfDay(hours, at('14:30'))).toBe(5.5 * HOUR);
    expect(workingMsBeforeTimeOfDay(hours, at('23:00'))).toBe(8 * HOUR);
  });

  it('spends a budget within a day', () => {
    expect(spendWithinDay(hours, at('10:00'), HOUR)).toEqual({ doneAt: at('11:00') });
    expect(spendWithinDay(hours, at('10:30'), HOUR)).toEqual({ doneAt: at('11:30') }); // ends at the period's end
    expect(spendWithinDay(hours, at('11:00'), HOUR)).toEqual({ doneAt: at('14:00') }); // lunch skipped
    expect(spendWithinDay(hours, at('06:00'), HOUR)).toEqual({ doneAt: at('08:00') });
    expect(spendWithinDay(hours, at('16:00'), 2 * HOUR)).toEqual({ left: HOUR });
  });

  it('accepts custom hours, unsorted, up to 24:00', () => {
    const night = compileWorkingHours({ periods: [{ start: '22:00', end: '24:00' }, { start: '08:00', end: '12:00' }] });
    expect(night.msPerDay).toBe(6 * HOUR);
    expect(night.endOfDayMs).toBe(24 * HOUR);
  });

  it.each([
    [[]],
    [[{ start: '08:00', end: '08:00' }]],
    [[{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }]],
    [[{ start: '8:00', end: '12:00' }]],
    [[{ start: '08:00', end: '24:30' }]],
  ])('rejects %j', (periods) => {
    expect(() => compileWorkingHours({ periods })).toThrow(CalendarInputError);
  });
});
