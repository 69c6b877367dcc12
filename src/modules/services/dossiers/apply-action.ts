import { recordAudit, type AuditActor } from '../../../platform/audit/index.ts';
import type { CalendarService } from '../../../platform/calendar/service.ts';
import type { DbClient } from '../../../platform/db/pool.ts';
import { conflict } from '../../../platform/http/problems.ts';
import { getCase, performAction, type PerformActionOptions, type WorkflowDefinition, type WorkflowEvent } from '../../../platform/workflow/index.ts';
import { recordAfterAction } from '../digital/action-records.ts';
import { nationalStatusOf } from '../dossier-workflow.ts';
import { type Changes, checkStepFiles, effectOf } from './action-effects.ts';
import { trackingUrl } from './context.ts';
import { type DossierRow, iso } from './dossier-store.ts';
import { feeAmountFor } from './fee-by-channel.ts';
import type { FeeAccount } from './fee-payload.ts';
import type { Notice } from './notices.ts';
import { loadProcedure } from './procedure-source.ts';
import { afterStatusChange } from './outbox.ts';
import type { ActionAnswer } from './schema.ts';
import { statusName } from './status.ts';
import { feeViewOf, historyEntryOf } from './views.ts';

export type ActionDeps = { calendar: CalendarService; publicUrl: string; feeAccount?: FeeAccount; requestId?: string; audit: AuditActor };

/** A workflow action on a dossier; `transactionId` is the client's Idempotency-Key (or the payment's transaction id). */
export type ActionRequest = Omit<PerformActionOptions, 'caseId' | 'at' | 'requestId'>;

const JSON_COLUMNS = new Set(['documents', 'supplement_request', 'result_files']);

const updateRow = async (tx: DbClient, id: string, changes: Changes & Pick<DossierRow, 'state' | 'status' | 'updated_at'>): Promise<DossierRow> => {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const values = entries.map(([column, v]) => (JSON_COLUMNS.has(column) && v !== null ? JSON.stringify(v) : v));
  const { rows } = await tx.query<DossierRow>(`UPDATE dossiers SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, [id, ...values]);
  return rows[0]!;
};

const answerOf = (row: DossierRow, def: WorkflowDefinition, event: WorkflowEvent, seq: number, replayed: boolean): ActionAnswer => ({
  id: row.id,
  code: row.code,
  state: row.state,
  status: row.status,
  statusName: statusName(row.status),
  dueAt: iso(row.due_at),
  seq,
  replayed,
  event: historyEntryOf(def, event),
  fee: feeViewOf(row),
});

/** A fee notice without an amount owes the fee table's lines for the dossier's channel (fee-by-channel.ts). */
const withChannelFee = async (tx: DbClient, row: DossierRow, req: ActionRequest) => {
  if (req.action !== 'request_fee' || req.data?.amount !== undefined) return req.data;
  const procedure = await loadProcedure(tx, row.procedure_code);
  const amount = feeAmountFor(procedure?.fees ?? [], row.channel);
  return amount > 0 ? { ...req.data, amount } : req.data;
};

/**
 * One workflow action on a dossier whose row the caller has locked (`findDossier(…, { forUpdate })`),
 * in the caller's transaction: the engine checks and records the event (state, role, required
 * fields, once, sequence; a repeated transaction id returns the first event and changes nothing),
 * then the action's effects update the row (dates, assignee, checklist, fee, result), and the
 * portal update and the citizen's notice are queued. Any refusal rolls the whole action back.
 */
export const applyDossierAction = async (tx: DbClient, deps: ActionDeps, row: DossierRow, req: ActionRequest): Promise<ActionAnswer> => {
  if (!row.case_id || !row.code) throw conflict('Hồ sơ chưa nộp: hãy nộp bản nháp trước');
  const at = new Date();
  // Form 04 (apology): keep the appointment being replaced beside the reason and the new date.
  const data = req.action === 'apologise' ? { ...req.data, previousDueAt: iso(row.due_at), form: '04' } : await withChannelFee(tx, row, req);
  const result = await performAction(tx, {
    caseId: row.case_id,
    action: req.action,
    actor: req.actor,
    comment: req.comment,
    files: req.files,
    data,
    transactionId: req.transactionId,
    expectedSeq: req.expectedSeq,
    at,
    requestId: deps.requestId,
  });
  const flow = await getCase(tx, row.case_id);
  if (result.replayed) return answerOf(row, flow.definition, result.event, flow.seq, true);

  const calendar = await deps.calendar.current();
  const input = { db: tx, calendar, row, flow, event: result.event, actor: req.actor, at, feeAccount: deps.feeAccount };
  await checkStepFiles(input, result.event.files);
  const effect = await effectOf(req.action, input);
  const state = result.case.state;
  const status = nationalStatusOf(state) ?? row.status;
  const updated = await updateRow(tx, row.id, { ...effect.changes, state, status, updated_at: at });
  await recordAfterAction(tx, req.action, updated, { actor: req.actor, at, transactionId: req.transactionId });
  await recordAudit(tx, {
    actor: deps.audit,
    action: `dossier.${req.action}`,
    target: { type: 'dossier', id: row.id },
    before: { state: row.state, status: row.status, dueAt: iso(row.due_at), assigneeId: row.assignee_id },
    after: { state, status, dueAt: iso(updated.due_at), assigneeId: updated.assignee_id, eventSeq: result.event.seq, changed: Object.keys(effect.changes) },
    requestId: deps.requestId,
  });
  const notices: Notice[] = effect.notice
    ? [{ ...effect.notice, channel: row.channel, ownerId: row.owner_id, code: row.code, procedureName: row.procedure_name ?? row.procedure_code, dueAt: iso(updated.due_at), trackingUrl: trackingUrl(deps.publicUrl, row.code) }]
    : [];
  // The case as read after the action (with its new step); the row is read again, as receipts and papers may have changed it.
  await afterStatusChange(tx, row.id, notices, { flow });
  return answerOf(updated, flow.definition, result.event, flow.seq, false);
};
