import type { CalendarService } from '../../../platform/calendar/service.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { registerJobHandler } from '../../../platform/jobs/index.ts';
import { calendarOf, escalationDeadline } from '../deadlines.ts';
import { applyReportAction } from '../reports/apply-action.ts';

/**
 * The overdue sweep: every open report that an agency holds (assigned or in progress) past its
 * time at the current level goes to the agency one level up (`agencies.parent_id`), with a notice
 * to that agency's staff (notices.ts). Time at a level: until `due_at` at the first level, then the
 * topic's limit in working days from each escalation (deadlines.ts). `due_at` itself never moves
 * here, so the report stays late in the statistics. A report whose agency has no parent stays.
 * Runs daily at 06:30 (Asia/Ho_Chi_Minh) as the pg-boss job `feedback.escalate-overdue`.
 */
export const ESCALATION_QUEUE = 'feedback.escalate-overdue';

type Candidate = { id: string; due_at: Date; escalation_level: number; escalated_at: Date | null; limit_days: number; agency_id: string; parent_id: string };

export const escalateOverdueReports = async (db: Db, opts: { now?: Date; calendar?: CalendarService } = {}): Promise<{ escalated: string[] }> => {
  const now = opts.now ?? new Date();
  const calendar = await calendarOf(db, opts.calendar);
  const { rows } = await db.query<Candidate>(
    `SELECT r.id, r.due_at, r.escalation_level, r.escalated_at, t.limit_working_days AS limit_days, r.agency_id, a.parent_id
       FROM feedback_reports r
       JOIN feedback_topics t ON t.id = r.topic_id
       JOIN agencies a ON a.id = r.agency_id
      WHERE r.state IN ('assigned', 'in_progress') AND r.due_at < $1 AND a.parent_id IS NOT NULL
      ORDER BY r.due_at`,
    [now],
  );
  const escalated: string[] = [];
  for (const r of rows) {
    const deadline = escalationDeadline(calendar, { dueAt: r.due_at, escalationLevel: r.escalation_level, escalatedAt: r.escalated_at }, r.limit_days);
    if (deadline >= now) continue;
    await applyReportAction(
      { db, calendar: opts.calendar, principal: null, at: now },
      r.id,
      // One transaction id per report and level: a sweep run twice escalates once.
      { action: 'escalate', data: { fromAgencyId: r.agency_id, toAgencyId: r.parent_id }, transactionId: `escalate:${r.escalation_level + 1}` },
    );
    escalated.push(r.id);
  }
  return { escalated };
};

registerJobHandler(
  ESCALATION_QUEUE,
  async (_payload, ctx) => {
    const { escalated } = await escalateOverdueReports(ctx.db);
    ctx.log.info({ escalated: escalated.length }, 'feedback overdue escalation');
  },
  { cron: '30 6 * * *', retryLimit: 2, retryDelay: 600, concurrency: 1, expireInSeconds: 1800 },
);
