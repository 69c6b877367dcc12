import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { WorkingCalendar } from '../../platform/calendar/index.ts';
import { registeredJob } from '../../platform/jobs/registry.ts';
import { applyReportAction, escalateOverdueReports, ESCALATION_QUEUE, fileReport } from './index.ts';
import { TAN_NINH } from './testing.ts';

const { db } = await createTestDb('demo');

const principalOf = async (username: string) => {
  const { rows } = await db.query('SELECT id, username, full_name, roles, agency_id FROM users WHERE username = $1', [username]);
  const u = rows[0]!;
  const { scopesOf } = await import('../../platform/auth/scopes.ts');
  return { userId: u.id, username: u.username, fullName: u.full_name, roles: u.roles, scopes: scopesOf(u.roles), agencyId: u.agency_id, partyOrgId: null, sessionId: 's', csrfToken: 'c', isDemo: true };
};
const reportRow = async (id: string) =>
  (await db.query(`SELECT r.state, r.escalation_level, r.escalated_at, r.due_at, a.code AS agency FROM feedback_reports r JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`, [id])).rows[0]!;

/** A report in Phường Tân Ninh filed at `filedAt`, moderated and started by the commune's committee. */
const inProgress = async (filedAt: Date) => {
  const reporterId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'congdan'`)).rows[0]!.id;
  const filed = await fileReport(db, { topicCode: 'ha-tang-giao-thong', title: 'Ổ gà', description: 'Ổ gà sâu', ...TAN_NINH, privacy: 'secret', channel: 'web', reporterId }, { at: filedAt });
  await applyReportAction({ db, principal: await principalOf('kiemduyet'), at: filedAt }, filed.id, { action: 'moderate', data: { isPublic: true } });
  await applyReportAction({ db, principal: await principalOf('kiemduyet'), at: filedAt }, filed.id, { action: 'assign', data: {} });
  await applyReportAction({ db, principal: await principalOf('pakn.xa01'), at: filedAt }, filed.id, { action: 'start' });
  return filed;
};

describe('escalateOverdueReports', () => {
  it('is a daily pg-boss job', () => {
    expect(registeredJob(ESCALATION_QUEUE)?.options.cron).toBe('30 6 * * *');
  });

  it('moves an overdue report to the parent agency once, keeps its due date, and notifies that agency', async () => {
    const filedAt = new Date('2026-11-02T02:00:00Z'); // Monday
    const filed = await inProgress(filedAt);
    const calendar = new WorkingCalendar();
    const due = calendar.addWorkingDays(filedAt, 10);
    expect(filed.dueAt).toBe(due.toISOString());

    const before = await escalateOverdueReports(db, { now: new Date(due.getTime() - 60_000) });
    expect(before.escalated).not.toContain(filed.id);

    const now = new Date(due.getTime() + 3_600_000);
    const { escalated } = await escalateOverdueReports(db, { now });
    expect(escalated).toContain(filed.id);
    const row = await reportRow(filed.id);
    expect(row).toMatchObject({ state: 'assigned', escalation_level: 1, agency: '000.00.00.H59' });
    expect((row.due_at as Date).toISOString()).toBe(filed.dueAt);
    // The Provincial People's Committee's leader is told.
    const notices = await db.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'feedback.escalated' AND n.link = $1`,
      [`/feedback/reports/${filed.id}`],
    );
    expect(notices.rows.map((r) => r.username)).toContain('lanhdaotinh');

    // Run again at the same time: nothing more (the parent has its own limit from the escalation).
    expect((await escalateOverdueReports(db, { now })).escalated).not.toContain(filed.id);
    const events = await db.query(`SELECT e.action, e.actor_name, e.data FROM workflow_events e JOIN workflow_cases c ON c.id = e.case_id WHERE c.subject_id = $1 AND e.action = 'escalate'`, [filed.id]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ actor_name: 'feedback.escalation' });

    // The province committee has no parent: the report stays there however late it gets.
    const muchLater = new Date(now.getTime() + 60 * 86_400_000);
    expect((await escalateOverdueReports(db, { now: muchLater })).escalated).not.toContain(filed.id);
  });

  it('leaves answered and not-yet-assigned reports alone', async () => {
    const filedAt = new Date('2026-10-01T02:00:00Z');
    const reporterId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'congdan2'`)).rows[0]!.id;
    const waiting = await fileReport(db, { topicCode: 'ha-tang-giao-thong', title: 'Chờ', description: 'Chờ kiểm duyệt', ...TAN_NINH, privacy: 'public', channel: 'web', reporterId }, { at: filedAt });
    const answered = await inProgress(filedAt);
    await applyReportAction({ db, principal: await principalOf('pakn.xa01'), at: filedAt }, answered.id, { action: 'answer', data: { answer: 'Đã xử lý' } });
    const { escalated } = await escalateOverdueReports(db, { now: new Date('2026-12-01T00:00:00Z') });
    expect(escalated).not.toContain(waiting.id);
    expect(escalated).not.toContain(answered.id);
  });
});
