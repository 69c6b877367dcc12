import type { ActorRelation, WorkflowDefinition } from './definition.ts';

/** Who acts: a signed-in user (scopes from their roles) or the platform itself (`system`). */
export type WorkflowActor = {
  id: string | null;
  name: string;
  scopes: ReadonlySet<string>;
  /** How the actor relates to this case (owner of the dossier, staff of a handling agency, the system). */
  relations: ReadonlySet<ActorRelation>;
};

/** The current row of a case: state and sequence are derived from its events and kept in step. */
export type CaseRecord = {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  subjectType: string;
  subjectId: string;
  state: string;
  /** Number of events so far; the next event gets seq + 1. */
  seq: number;
  stateEnteredAt: Date;
  createdAt: Date;
  updatedAt: Date;
};

/** One transition, append-only: who did what, when, from which state to which, with what. */
export type WorkflowEvent = {
  id: number;
  caseId: string;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  comment: string | null;
  files: string[];
  data: Record<string, unknown>;
  transactionId: string | null;
};

export type CaseWithHistory = CaseRecord & { events: WorkflowEvent[]; definition: WorkflowDefinition };
