import { type AuditActor, recordAudit } from '../../../platform/audit/index.ts';
import type { Principal } from '../../../platform/auth/sessions.ts';
import type { CalendarService } from '../../../platform/calendar/service.ts';
import { type Db, type DbClient, withTransaction } from '../../../platform/db/pool.ts';
import { performAction, systemActor, type WorkflowActor, workflowActorOf } from '../../../platform/workflow/index.ts';
import { calendarOf } from '../deadlines.ts';
import { stateLabel } from '../feedback-workflow.ts';
import { sendNotices } from '../notices.ts';
import { relationsOf, requireViewer } from './access.ts';
import { changesOf, checkAction, type EffectInput } from './action-effects.ts';
import { findReport, lockReport, type ReportRow } from './report-store.ts';

/** Who acts and with what: a signed-in user, or the platform (`principal: null`, e.g. the escalation sweep). */
export type ActionContext = { db: Db; calendar?: CalendarService; principal: Principal | null; requestId?: string; at?: Date };

export type ReportActionRequest = {
  action: string;
  data?: Record<string, unknown>;
  comment?: string | null;
  /** The client's Idempotency-Key: a repeat answers the first result and changes nothing. */
  transactionId?: string;
  /** The case's `seq` the client last saw (optional): a different current one answers 409. */
  expectedSeq?: number;
};

export type ActionOutcome = { id: string; state: string; stateLabel: string; seq: number; replayed: boolean };

const actorOf = (principal: Principal | null, report: ReportRow): WorkflowActor =>
  principal ? workflowActorOf(principal, relationsOf(principal, report)) : systemActor('feedback.escalation');

const auditActorOf = (principal: Principal | null): AuditActor => (principal ? { id: principal.userId, name: principal.username } : { id: null, name: 'system' });

const updateReport = async (tx: DbClient, id: string, changes: Record<string, unknown>) => {
  const entries = Object.entries(changes);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  await tx.query(`UPDATE feedback_reports SET ${sets.join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)]);
};

/**
 * One step on a report, inside the caller's transaction. The caller must be able to see the report
 * (reporter, handling agency, moderator; others get 404), then the workflow engine decides whether
 * this caller may take this action in this state (403 / 409 with `allowedActions` / 422), the
 * module's own checks run (agency exists, merge target…), the event is recorded, the row updated,
 * the change audited (`feedback.<action>`) and the notices written — or nothing at all.
 */
export const applyActionIn = async (tx: DbClient, ctx: ActionContext, reportId: string, req: ReportActionRequest): Promise<ActionOutcome> => {
  await lockReport(tx, reportId);
  const found = await findReport(tx, reportId);
  const report = ctx.principal ? requireViewer(ctx.principal, found, false).report : found;
  if (!report) throw new Error(`report ${reportId} not found`);
  const at = ctx.at ?? new Date();
  const comment = req.comment?.normalize('NFC').trim() || null;
  const input: EffectInput = { db: tx, calendar: await calendarOf(ctx.db, ctx.calendar), report, data: req.data ?? {}, comment, actorId: ctx.principal?.userId ?? null, at };
  const data = await checkAction(req.action, input);
  const result = await performAction(tx, {
    caseId: report.case_id,
    action: req.action,
    actor: actorOf(ctx.principal, report),
    comment: comment ?? undefined,
    data: { ...data, ...(comment && data.reason === undefined ? { reason: comment } : {}) },
    files: Array.isArray(data.fileIds) ? (data.fileIds as string[]) : undefined,
    transactionId: req.transactionId,
    expectedSeq: req.expectedSeq,
    at,
    requestId: ctx.requestId,
  });
  const outcome = { id: report.id, state: result.case.state, stateLabel: stateLabel(result.case.state), seq: result.case.seq, replayed: result.replayed };
  if (result.replayed) return { ...outcome, state: report.state, stateLabel: stateLabel(report.state), seq: report.case_seq };

  const changes = { ...changesOf(req.action, { ...input, data }), state: result.case.state, updated_at: at };
  await updateReport(tx, report.id, changes);
  await recordAudit(tx, {
    actor: auditActorOf(ctx.principal),
    action: `feedback.${req.action}`,
    target: { type: 'feedback_report', id: report.id },
    before: { state: report.state, agencyId: report.agency_id },
    after: Object.fromEntries(Object.entries(changes).filter(([k]) => !['answer', 'rating_comment'].includes(k))),
    requestId: ctx.requestId,
  });
  await sendNotices({ db: tx, report, action: req.action, data, comment });
  return outcome;
};

/** applyActionIn in its own transaction. */
export const applyReportAction = (ctx: ActionContext, reportId: string, req: ReportActionRequest): Promise<ActionOutcome> =>
  withTransaction(ctx.db, (tx) => applyActionIn(tx, ctx, reportId, req));

/** Several steps in one transaction (e.g. moderate then assign); the last outcome is answered. */
export const applyReportActions = (ctx: ActionContext, reportId: string, reqs: ReportActionRequest[]): Promise<ActionOutcome> =>
  withTransaction(ctx.db, async (tx) => {
    let last: ActionOutcome | undefined;
    for (const req of reqs) last = await applyActionIn(tx, ctx, reportId, req);
    return last!;
  });
