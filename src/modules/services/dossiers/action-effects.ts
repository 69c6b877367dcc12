import type { WorkingCalendar } from '../../../platform/calendar/index.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { AppError, type FieldError } from '../../../platform/http/problems.ts';
import { deriveTimeline, type CaseWithHistory, type WorkflowActor, type WorkflowEvent } from '../../../platform/workflow/index.ts';
import { appointmentFrom, extendByWorkingTime, pausedWorkingMs } from './deadlines.ts';
import { checkDocuments, documentField, usableFileIds } from './documents.ts';
import { type FeeAccount, feePayloadFor } from './fee-payload.ts';
import type { DocumentRef, DossierRow } from './dossier-store.ts';
import type { NoticeKind } from './notices.ts';
import { loadProcedure } from './procedure-source.ts';

/**
 * What each workflow action does to the dossier row besides moving its state, computed inside the
 * action's transaction, after the engine has accepted the action (so a refusal here rolls the
 * event back too). Returns the columns to change and the notice owed to the citizen, if any.
 */
export type Changes = Partial<
  Pick<
    DossierRow,
    | 'received_at' | 'due_at' | 'original_due_at' | 'assignee_id' | 'supplement_request' | 'supplement_count' | 'documents' | 'fee_amount'
    | 'fee_qr' | 'fee_requested_at' | 'paid_at' | 'paid_online' | 'done_at' | 'returned_at' | 'result_files' | 'apology_count'
  >
>;

export type Effect = { changes: Changes; notice?: { kind: NoticeKind; reason?: string; items?: string[]; amount?: number } };

export type EffectInput = {
  db: Queryable;
  calendar: WorkingCalendar;
  row: DossierRow;
  flow: CaseWithHistory;
  event: WorkflowEvent;
  actor: WorkflowActor;
  at: Date;
  feeAccount?: FeeAccount;
};

const invalidData = (errors: FieldError[]) => new AppError('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');

const limitOf = (row: DossierRow) => ({ days: row.limit_days, hours: row.limit_hours });

/** Leaving a wait for the citizen: the appointment moves by the office time spent waiting. */
const resumeClock = (input: EffectInput): Changes => {
  const { calendar, row, flow, event } = input;
  const from = event.fromState ? flow.definition.states[event.fromState] : undefined;
  const to = flow.definition.states[event.toState];
  if (from?.clock !== 'paused' || to?.clock !== 'running' || !row.due_at) return {};
  const timeline = deriveTimeline(flow.definition, flow.events, flow.createdAt, event.at);
  const last = timeline.pausedSpans.at(-1);
  const waited = last ? pausedWorkingMs(calendar, [last]) : 0;
  return {
    due_at: extendByWorkingTime(calendar, row.due_at, waited),
    original_due_at: extendByWorkingTime(calendar, row.original_due_at ?? row.due_at, waited),
  };
};

const assign = async ({ db, row, event }: EffectInput): Promise<Effect> => {
  const assigneeId = text(event.data.assigneeId);
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE id::text = $1 AND agency_id = $2 AND disabled_at IS NULL AND roles && ARRAY['officer', 'agency_leader']`,
    [assigneeId, row.agency_id],
  );
  if (!rows[0]) throw invalidData([{ field: 'data.assigneeId', message: 'Người được giao phải là cán bộ của cơ quan giải quyết hồ sơ' }]);
  return { changes: { assignee_id: rows[0].id } };
};

const requestSupplement = async ({ db, row, event, at }: EffectInput): Promise<Effect> => {
  const procedure = await loadProcedure(db, row.procedure_code);
  const known = new Map((procedure?.documents ?? []).map((d) => [d.code, d.name]));
  const raw = event.data.checklist;
  const codes = Array.isArray(raw) ? raw.map((c) => (typeof c === 'object' && c !== null ? text((c as { code?: unknown }).code) : text(c))) : [];
  const errors: FieldError[] = [];
  if (codes.length === 0) errors.push({ field: 'data.checklist', message: 'Liệt kê đầy đủ các giấy tờ cần bổ sung (mã thành phần hồ sơ)' });
  codes.forEach((c, i) => {
    if (!known.has(c)) errors.push({ field: `data.checklist.${i}`, message: `"${c}" không phải thành phần hồ sơ của thủ tục` });
  });
  if (errors.length) throw invalidData(errors);
  const checklist = [...new Set(codes)].map((code) => ({ code, name: known.get(code)! }));
  const note = text(event.data.note) || null;
  const reason = text(event.data.reason);
  return {
    changes: { supplement_request: { reason, checklist, note, requestedAt: at.toISOString() }, supplement_count: row.supplement_count + 1 },
    notice: { kind: 'supplement', reason, items: [...checklist.map((c) => c.name), ...(note ? [note] : [])] },
  };
};

const supplement = async (input: EffectInput): Promise<Effect> => {
  const { db, row, event, calendar, at } = input;
  const procedure = await loadProcedure(db, row.procedure_code);
  const refs = (Array.isArray(event.data.documents) ? event.data.documents : []) as DocumentRef[];
  const shaped = refs.filter((r) => typeof r?.code === 'string' && typeof r?.fileId === 'string');
  const checked = await checkDocuments(db, row.owner_id, procedure?.documents ?? [], shaped, { complete: false });
  const errors = shaped.length === refs.length ? [...checked.errors] : [{ field: 'data.documents', message: 'Mỗi giấy tờ gồm code và fileId' }];
  for (const item of row.supplement_request?.checklist ?? []) {
    if (!checked.refs.some((r) => r.code === item.code)) errors.push({ field: documentField(item.code), message: `Chưa bổ sung: ${item.name}` });
  }
  if (errors.length) throw invalidData(errors);
  const replaced = new Set(checked.refs.map((r) => r.code));
  const documents = [...row.documents.filter((d) => !replaced.has(d.code)), ...checked.refs];
  const clock: Changes = row.restart_on_supplement
    ? (() => {
        const due = appointmentFrom(calendar, at, limitOf(row));
        return { due_at: due, original_due_at: due };
      })()
    : resumeClock(input);
  return { changes: { documents, ...clock } };
};

const requestFee = async ({ row, event, at, feeAccount }: EffectInput): Promise<Effect> => {
  const amount = event.data.amount;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || amount > 1_000_000_000_000) {
    throw invalidData([{ field: 'data.amount', message: 'Số tiền là số nguyên đồng, lớn hơn 0' }]);
  }
  return {
    changes: { fee_amount: amount, fee_qr: feePayloadFor(feeAccount, row.code, amount), fee_requested_at: at, paid_at: null, paid_online: null },
    notice: { kind: 'fee', amount },
  };
};

/**
 * Files attached to a step must be ones the actor may attach: the citizen's own uploads or
 * personal store; for staff, uploads of the handling agency's staff (the specialist drafts the
 * result, the leader signs it) or of the actor.
 */
export const checkStepFiles = async ({ db, row, actor }: EffectInput, ids: readonly string[], field = 'files'): Promise<string[]> => {
  const wanted = [...new Set(ids.map((f) => f.toLowerCase()))];
  if (wanted.length === 0) return [];
  const found = actor.relations.has('owner')
    ? await usableFileIds(db, row.owner_id, wanted)
    : new Set(
        (
          await db.query<{ id: string }>(
            `SELECT f.id FROM files f JOIN users u ON u.id = f.owner_user_id WHERE f.id::text = ANY($1) AND (u.agency_id = $2 OR u.id = $3)`,
            [wanted, row.agency_id, actor.id],
          )
        ).rows.map((r) => r.id),
      );
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw invalidData(missing.map((id) => ({ field, message: `Tệp ${id} không tồn tại hoặc không được phép đính kèm` })));
  return wanted;
};

const approve = async (input: EffectInput): Promise<Effect> => {
  const { event, at } = input;
  const extra = Array.isArray(event.data.resultFiles) ? event.data.resultFiles.map(text) : [];
  const resultFiles = await checkStepFiles(input, [...event.files, ...extra], 'data.resultFiles');
  return { changes: { done_at: at, result_files: resultFiles }, notice: { kind: 'result' } };
};

const apologise = async ({ row, event, at }: EffectInput): Promise<Effect> => {
  const raw = text(event.data.newDueAt);
  const newDueAt = new Date(raw);
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(newDueAt.getTime())) errors.push({ field: 'data.newDueAt', message: 'Ngày hẹn mới là thời điểm ISO 8601' });
  else if (newDueAt <= at) errors.push({ field: 'data.newDueAt', message: 'Ngày hẹn mới phải ở tương lai' });
  else if (row.due_at && newDueAt <= row.due_at) errors.push({ field: 'data.newDueAt', message: 'Ngày hẹn mới phải sau ngày hẹn hiện tại' });
  if (errors.length) throw invalidData(errors);
  return { changes: { due_at: newDueAt, apology_count: row.apology_count + 1 }, notice: { kind: 'apology', reason: text(event.data.reason) } };
};

type EffectOf = (input: EffectInput) => Effect | Promise<Effect>;

const EFFECTS: Record<string, EffectOf> = {
  receive: ({ calendar, row, at }) => {
    const due = appointmentFrom(calendar, at, limitOf(row));
    return { changes: { received_at: at, due_at: due, original_due_at: due }, notice: { kind: 'received' } };
  },
  refuse: ({ event }) => ({ changes: {}, notice: { kind: 'refused', reason: text(event.data.reason) } }),
  assign,
  request_supplement: requestSupplement,
  supplement,
  request_fee: requestFee,
  pay: (input) => ({ changes: { paid_at: input.at, paid_online: input.actor.relations.has('system'), ...resumeClock(input) } }),
  approve,
  return_result: ({ at }) => ({ changes: { returned_at: at } }),
  stop: ({ event }) => ({ changes: {}, notice: { kind: 'stopped', reason: text(event.data.reason) } }),
  apologise,
};

export const effectOf = async (action: string, input: EffectInput): Promise<Effect> => {
  const effect = EFFECTS[action];
  if (effect) return effect(input);
  return { changes: resumeClock(input) };
};
