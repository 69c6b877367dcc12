import { recordAudit } from '../audit/index.ts';
import { isUuid } from '../db/ids.ts';
import type { DbClient } from '../db/pool.ts';
import { caseNotFound } from './cases.ts';
import { fromStored } from './definitions-store.ts';
import type { WorkflowDefinition } from './definition.ts';
import { WorkflowError } from './errors.ts';
import { CASE_COLUMNS, type CaseRow, caseFromRow, EVENT_COLUMNS, type EventRow, eventFromRow } from './rows.ts';
import { actionDone, actorMayPerform, allowedActions, missingFields } from './rules.ts';
import type { CaseRecord, WorkflowActor, WorkflowEvent } from './types.ts';

export type PerformActionOptions = {
  caseId: string;
  action: string;
  actor: WorkflowActor;
  comment?: string;
  /** Ids of files attached to this step (checked by the caller). */
  files?: string[];
  data?: Record<string, unknown>;
  /** The client's id for this attempt (e.g. the Idempotency-Key): a repeat returns the first event. */
  transactionId?: string;
  /** The case's `seq` the client last saw: a different current seq means someone acted first. */
  expectedSeq?: number;
  at?: Date;
  requestId?: string;
};

export type ActionResult = { case: CaseRecord; event: WorkflowEvent; replayed: boolean };

type LockedRow = CaseRow & { definition: Parameters<typeof fromStored>[0] };

const lockCase = async (tx: DbClient, caseId: string) => {
  if (!isUuid(caseId)) throw caseNotFound();
  const { rows } = await tx.query<LockedRow>(
    `SELECT ${CASE_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}, d.definition
       FROM workflow_cases c
       JOIN workflow_definitions d ON d.key = c.definition_key AND d.version = c.definition_version
      WHERE c.id = $1
      FOR UPDATE OF c`,
    [caseId],
  );
  if (!rows[0]) throw caseNotFound();
  const { definition, ...row } = rows[0];
  return { record: caseFromRow(row), def: fromStored(definition) };
};

const replayOf = async (tx: DbClient, record: CaseRecord, o: PerformActionOptions): Promise<ActionResult | null> => {
  if (o.transactionId === undefined) return null;
  const { rows } = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM workflow_events WHERE case_id = $1 AND transaction_id = $2`, [
    record.id,
    o.transactionId,
  ]);
  if (!rows[0]) return null;
  if (rows[0].action !== o.action) {
    throw new WorkflowError('conflict', `Mã giao dịch đã được dùng cho thao tác "${rows[0].action}"`);
  }
  return { case: record, event: eventFromRow(rows[0]), replayed: true };
};

/** Every rule, in order: known action, fresh sequence, state, once, actor, required fields. */
const check = (def: WorkflowDefinition, record: CaseRecord, done: readonly { action: string }[], o: PerformActionOptions) => {
  const action = Object.hasOwn(def.actions, o.action) ? def.actions[o.action]! : undefined;
  const allowed = () => allowedActions(def, record.state, o.actor, done);
  if (!action) throw new WorkflowError('unknown-action', `Quy trình "${def.name}" không có thao tác "${o.action}"`, { allowedActions: allowed() });
  if (o.expectedSeq !== undefined && o.expectedSeq !== record.seq) {
    throw new WorkflowError('concurrent-change', 'Hồ sơ đã được cập nhật bởi người khác; vui lòng tải lại', {
      state: record.state,
      seq: record.seq,
      allowedActions: allowed(),
    });
  }
  const stateLabel = def.states[record.state]?.label ?? record.state;
  if (!action.from.includes(record.state)) {
    throw new WorkflowError('wrong-state', `Không thể "${action.label}" khi hồ sơ ở trạng thái "${stateLabel}"`, {
      state: record.state,
      allowedActions: allowed(),
    });
  }
  if (action.once && actionDone(done, o.action)) {
    throw new WorkflowError('wrong-state', `Thao tác "${action.label}" chỉ được thực hiện một lần`, { state: record.state, allowedActions: allowed() });
  }
  if (!actorMayPerform(action, o.actor)) throw new WorkflowError('forbidden', `Không có quyền "${action.label}"`);
  const errors = missingFields(action, o);
  if (errors.length) {
    throw new WorkflowError('missing-fields', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return action;
};

/**
 * Performs one action on a case, inside the caller's transaction (call it with the transaction's
 * client). The case row is locked first, so two people acting at once are served one after the
 * other and the second is judged against the state the first left. Appends the event
 * (seq + 1), moves the case, and records the audit entry `workflow.<action>` on the subject.
 * Throws WorkflowError (see errors.ts) and writes nothing when a rule refuses.
 */
export const performAction = async (tx: DbClient, o: PerformActionOptions): Promise<ActionResult> => {
  const { record, def } = await lockCase(tx, o.caseId);
  const replay = await replayOf(tx, record, o);
  if (replay) return replay;
  const done = (await tx.query<{ action: string }>('SELECT action FROM workflow_events WHERE case_id = $1', [record.id])).rows;
  const action = check(def, record, done, o);

  const at = o.at ?? new Date();
  const to = action.to ?? record.state;
  const seq = record.seq + 1;
  const comment = o.comment?.normalize('NFC').trim() || null;
  const inserted = await tx.query<EventRow>(
    `INSERT INTO workflow_events (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, comment, files, data, transaction_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${EVENT_COLUMNS}`,
    [record.id, seq, o.action, record.state, to, o.actor.id, o.actor.name, at, comment, JSON.stringify(o.files ?? []), JSON.stringify(o.data ?? {}), o.transactionId ?? null],
  );
  const updated = await tx.query<CaseRow>(
    `UPDATE workflow_cases
        SET state = $2, seq = $3, state_entered_at = CASE WHEN state = $2 THEN state_entered_at ELSE $4 END, updated_at = now()
      WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
    [record.id, to, seq, at],
  );
  const event = eventFromRow(inserted.rows[0]!);
  await recordAudit(tx, {
    actor: { id: o.actor.id, name: o.actor.name },
    action: `workflow.${o.action}`,
    target: { type: record.subjectType, id: record.subjectId },
    before: { state: record.state, seq: record.seq },
    after: { state: to, seq, eventId: event.id, caseId: record.id },
    requestId: o.requestId,
  });
  return { case: caseFromRow(updated.rows[0]!), event, replayed: false };
};
