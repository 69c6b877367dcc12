import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../platform/calendar/index.ts';
import { appointmentFrom, dueStateOf, extendByWorkingTime, isOnTime, pausedWorkingMs } from './deadlines.ts';

const calendar = new WorkingCalendar();
const vn = (local: string) => new Date(`${local}+07:00`);

describe('appointments on the working calendar', () => {
  it('counts working days from the day after receipt, ending at 17:00 (Vietnam)', () => {
    // Monday 7 Dec 2026 at 10:00 + 3 working days → Thursday 10 Dec, 17:00.
    expect(appointmentFrom(calendar, vn('2026-12-07T10:00:00'), { days: 3, hours: null })).toEqual(vn('2026-12-10T17:00:00'));
    // Tuesday 24 Nov 2026 is a day off (Ngày Văn hóa Việt Nam): Monday 23 + 3 → Friday 27.
    expect(appointmentFrom(calendar, vn('2026-11-23T10:00:00'), { days: 3, hours: null })).toEqual(vn('2026-11-27T17:00:00'));
    // Friday 13 Feb 2026 + 1 working day → Monday 23 Feb (the Tết block in between).
    expect(appointmentFrom(calendar, vn('2026-02-13T09:00:00'), { days: 1, hours: null })).toEqual(vn('2026-02-23T17:00:00'));
  });

  it('counts working hours when the procedure limit is in hours', () => {
    // 10:00 + 4 working hours: 10:00–11:30 (1.5 h), 13:30–16:00 (2.5 h).
    expect(appointmentFrom(calendar, vn('2026-11-23T10:00:00'), { days: null, hours: 4 })).toEqual(vn('2026-11-23T16:00:00'));
  });

  it('moves an appointment by the office time spent waiting for the citizen', () => {
    const waited = pausedWorkingMs(calendar, [{ start: vn('2026-12-07T15:00:00'), end: vn('2026-12-08T09:00:00') }]);
    expect(waited).toBe(4 * 3_600_000); // 15:00–17:00 and 07:00–09:00
    expect(extendByWorkingTime(calendar, vn('2026-12-10T17:00:00'), waited)).toEqual(vn('2026-12-11T11:00:00'));
    expect(extendByWorkingTime(calendar, vn('2026-12-10T17:00:00'), 0)).toEqual(vn('2026-12-10T17:00:00'));
    // A wait over a weekend night counts nothing.
    expect(pausedWorkingMs(calendar, [{ start: vn('2026-11-27T18:00:00'), end: vn('2026-11-30T06:00:00') }])).toBe(0);
  });
});

describe('due state and timeliness', () => {
  const due = vn('2026-12-10T17:00:00');
  it('is overdue past the appointment, soon within 2 working days, else ok; null when not on its way', () => {
    expect(dueStateOf(calendar, 4, due, vn('2026-12-10T17:00:01'))).toBe('overdue');
    expect(dueStateOf(calendar, 2, due, vn('2026-12-08T08:00:00'))).toBe('soon');
    expect(dueStateOf(calendar, 2, due, vn('2026-12-07T08:00:00'))).toBe('ok');
    expect(dueStateOf(calendar, 9, due, vn('2026-12-26T08:00:00'))).toBeNull();
    expect(dueStateOf(calendar, null, null, vn('2026-12-26T08:00:00'))).toBeNull();
  });

  it('is on time until the legal appointment passes, and at the end by when it finished', () => {
    expect(isOnTime(due, null, vn('2026-12-10T16:00:00'))).toBe(true);
    expect(isOnTime(due, null, vn('2026-12-11T08:00:00'))).toBe(false);
    expect(isOnTime(due, vn('2026-12-10T17:00:00'), vn('2027-01-01T00:00:00'))).toBe(true);
    expect(isOnTime(due, vn('2026-12-11T07:00:00'), vn('2026-12-11T08:00:00'))).toBe(false);
    expect(isOnTime(null, null, new Date())).toBe(true);
  });
});
