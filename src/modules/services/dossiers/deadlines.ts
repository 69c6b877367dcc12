import type { TimeSpan, WorkingCalendar } from '../../../platform/calendar/index.ts';
import { isInProgress } from './status.ts';

/**
 * Deadline arithmetic of a dossier, on the working calendar (pure; the calendar is passed in).
 *
 * - The appointment (`due_at`) is the procedure's limit in working days (or hours) from receipt;
 *   at filing a provisional one is counted from the filing time, recomputed at receipt.
 * - Waiting for the citizen (supplement, fee: the workflow's `paused` states) does not count: when
 *   the dossier leaves such a state the appointment moves by the office time spent there — or,
 *   for procedures whose law restarts the limit after a supplement, is counted afresh.
 * - `original_due_at` is the legal appointment (receipt + limit + pauses); an apology moves only
 *   `due_at`. Timeliness (on time / early / late, public `onTime`, statistics) is judged against
 *   the legal appointment: an apology tells the citizen of a delay, it does not erase it.
 */
export type TimeLimit = { days: number | null; hours: number | null };

export const appointmentFrom = (calendar: WorkingCalendar, from: Date, limit: TimeLimit): Date =>
  limit.days !== null ? calendar.addWorkingDays(from, limit.days) : calendar.addWorkingHours(from, limit.hours ?? 0);

/** The office time inside the paused spans, e.g. the last wait for the citizen. */
export const pausedWorkingMs = (calendar: WorkingCalendar, spans: readonly TimeSpan[]): number =>
  spans.reduce((sum, s) => sum + (s.end > s.start ? calendar.workingMsBetween(s.start, s.end) : 0), 0);

/** `due` moved later by `workingMs` of office time. */
export const extendByWorkingTime = (calendar: WorkingCalendar, due: Date, workingMs: number): Date =>
  workingMs > 0 ? calendar.addWorkingHours(due, workingMs / 3_600_000) : due;

export type DueState = 'ok' | 'soon' | 'overdue';

/** Working days ahead of the appointment at which a dossier shows as at risk. */
export const SOON_WORKING_DAYS = 2;

/** For dossiers on their way: past the appointment, within 2 working days of it, or fine; else null. */
export const dueStateOf = (calendar: WorkingCalendar, status: number | null, dueAt: Date | null, now: Date): DueState | null => {
  if (!isInProgress(status) || !dueAt) return null;
  if (now > dueAt) return 'overdue';
  return calendar.addWorkingDays(now, SOON_WORKING_DAYS) >= dueAt ? 'soon' : 'ok';
};

/**
 * Not late so far (on its way) or at the end (result ready, refused, withdrawn, stopped), against
 * the legal appointment. `finishedAt`: when the clock stopped for good, null while it runs.
 */
export const isOnTime = (legalDueAt: Date | null, finishedAt: Date | null, now: Date): boolean =>
  legalDueAt === null || (finishedAt ?? now) <= legalDueAt;
