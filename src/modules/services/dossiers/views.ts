import type { WorkingCalendar } from '../../../platform/calendar/index.ts';
import type { WorkflowDefinition, WorkflowEvent } from '../../../platform/workflow/index.ts';
import { nationalStatusOf } from '../dossier-workflow.ts';
import { dueStateOf, isOnTime, type DueState } from './deadlines.ts';
import { type DossierRow, iso } from './dossier-store.ts';
import type { HistoryEntry } from './schema.ts';

/** Shared pieces of the answers built from a dossier row. */

/** When the clock stopped for good: the result (9, 10), or the refusal, withdrawal or stop (3, 7, 8). */
export const finishedAtOf = (row: Pick<DossierRow, 'status' | 'done_at' | 'updated_at'>): Date | null => {
  if (row.status === 9 || row.status === 10) return row.done_at;
  if (row.status === 3 || row.status === 7 || row.status === 8) return row.updated_at;
  return null;
};

export const onTimeOf = (row: Pick<DossierRow, 'status' | 'done_at' | 'updated_at' | 'original_due_at' | 'due_at'>, now: Date): boolean =>
  isOnTime(row.original_due_at ?? row.due_at, finishedAtOf(row), now);

export const dueStateOfRow = (calendar: WorkingCalendar, row: Pick<DossierRow, 'status' | 'due_at'>, now: Date): DueState | null =>
  dueStateOf(calendar, row.status, row.due_at, now);

export const feeViewOf = (row: DossierRow) =>
  row.fee_amount === null
    ? null
    : { amount: row.fee_amount, vietqr: row.fee_qr, requestedAt: iso(row.fee_requested_at), paidAt: iso(row.paid_at), paidOnline: row.paid_online };

export const historyEntryOf = (def: WorkflowDefinition, e: WorkflowEvent): HistoryEntry => ({
  seq: e.seq,
  action: e.action,
  actionLabel: def.actions[e.action]?.label ?? e.action,
  fromStatus: e.fromState ? (nationalStatusOf(e.fromState) ?? null) : null,
  toStatus: nationalStatusOf(e.toState) ?? null,
  actorName: e.actorName,
  at: e.at.toISOString(),
  comment: e.comment,
  files: e.files,
  data: e.data,
});

/** The filing itself, shown first in the history (it starts the case; the engine records no event for it). */
export const filingEntryOf = (row: DossierRow, ownerName: string): HistoryEntry => ({
  seq: 0,
  action: 'submit',
  actionLabel: 'Nộp hồ sơ',
  fromStatus: null,
  toStatus: 1,
  actorName: ownerName,
  at: (row.submitted_at ?? row.created_at).toISOString(),
  comment: null,
  files: [],
  data: { channel: row.channel },
});
