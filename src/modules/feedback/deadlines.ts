import { CalendarService } from '../../platform/calendar/service.ts';
import type { WorkingCalendar } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/pool.ts';

/**
 * Time limits of reports on the working-day calendar.
 *
 * - `due_at` = filing time + the topic's `limit_working_days` (set by fileReport).
 * - A moderator's reassignment to another agency counts the limit afresh from the reassignment
 *   (the first agency's mistake is not the second's delay).
 * - Escalation to the agency one level up does NOT move `due_at`: the report stays late in the
 *   statistics. Each level gets the topic's limit from its own escalation (`escalated_at`)
 *   before the sweep moves the report one level further (escalationDeadline).
 * - Reopening after a low rating does not move `due_at` either.
 */

const services = new WeakMap<Db, CalendarService>();

/** The working calendar of this database (one CalendarService per pool, shared by every caller). */
export const calendarOf = async (db: Db, given?: CalendarService): Promise<WorkingCalendar> => {
  if (given) return given.current();
  let service = services.get(db);
  if (!service) {
    service = new CalendarService(db);
    services.set(db, service);
  }
  return service.current();
};

export const dueFrom = (calendar: WorkingCalendar, from: Date, workingDays: number): Date => calendar.addWorkingDays(from, workingDays);

/** When the current handler's time runs out: `due_at` at level 0, else the escalation time + the limit. */
export const escalationDeadline = (
  calendar: WorkingCalendar,
  report: { dueAt: Date; escalationLevel: number; escalatedAt: Date | null },
  limitWorkingDays: number,
): Date =>
  report.escalationLevel === 0 || report.escalatedAt === null ? report.dueAt : calendar.addWorkingDays(report.escalatedAt, limitWorkingDays);
