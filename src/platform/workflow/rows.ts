import type { CaseRecord, WorkflowEvent } from './types.ts';

/** Row shapes of workflow_cases and workflow_events and their mapping to the engine's types. */
export type CaseRow = {
  id: string;
  definition_key: string;
  definition_version: number;
  subject_type: string;
  subject_id: string;
  state: string;
  seq: number;
  state_entered_at: Date;
  created_at: Date;
  updated_at: Date;
};

export type EventRow = {
  id: number;
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  at: Date;
  comment: string | null;
  files: string[];
  data: Record<string, unknown>;
  transaction_id: string | null;
};

export const CASE_COLUMNS = 'id, definition_key, definition_version, subject_type, subject_id, state, seq, state_entered_at, created_at, updated_at';
export const EVENT_COLUMNS = 'id, case_id, seq, action, from_state, to_state, actor_id, actor_name, at, comment, files, data, transaction_id';

export const caseFromRow = (r: CaseRow): CaseRecord => ({
  id: r.id,
  definitionKey: r.definition_key,
  definitionVersion: r.definition_version,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  state: r.state,
  seq: r.seq,
  stateEnteredAt: r.state_entered_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const eventFromRow = (r: EventRow): WorkflowEvent => ({
  id: r.id,
  caseId: r.case_id,
  seq: r.seq,
  action: r.action,
  fromState: r.from_state,
  toState: r.to_state,
  actorId: r.actor_id,
  actorName: r.actor_name,
  at: r.at,
  comment: r.comment,
  files: r.files,
  data: r.data,
  transactionId: r.transaction_id,
});
