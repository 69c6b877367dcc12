import { z } from 'zod';
import { SCOPES } from '../auth/scopes.ts';

/**
 * A workflow is data: its states (with the national status each shows, how the deadline clock
 * behaves in it and an optional time limit) and its actions (from which states, to which state,
 * who may act, which fields are required). One engine runs dossiers, reports and documents.
 * The schemas check the shape; `validateDefinition` checks that the graph makes sense.
 */

/** How the person or system acting relates to the case; the caller works it out per case. */
export const ActorRelation = z.enum(['owner', 'agency', 'system']);
export type ActorRelation = z.infer<typeof ActorRelation>;

export const StateDef = z.strictObject({
  label: z.string().min(1),
  /** The public status code this state shows (e.g. the national portal's 1–10 for dossiers). */
  nationalStatus: z.number().int().optional(),
  /** `running`: deadline time counts; `paused`: waiting for the citizen, not counted; `stopped`: the clock has ended. */
  clock: z.enum(['running', 'paused', 'stopped']),
  /** No action leaves a terminal state. */
  terminal: z.boolean().optional(),
  /** Time allowed in this state (one of the two), counted on the working calendar by the caller. */
  limit: z.strictObject({ workingDays: z.number().int().positive().optional(), workingHours: z.number().int().positive().optional() }).optional(),
});
export type StateDef = z.infer<typeof StateDef>;

export const ActionDef = z.strictObject({
  label: z.string().min(1),
  from: z.array(z.string().min(1)).min(1),
  /** The next state; absent = the case stays where it is (e.g. an apology with a new date). */
  to: z.string().min(1).optional(),
  /** The caller must hold one of these scopes (a `system` actor is trusted and needs none). */
  scopes: z.array(z.enum(SCOPES)).min(1).optional(),
  /** The caller must stand in (one of) these relations to the case; `any` = no relation needed. */
  actor: z.union([z.literal('any'), ActorRelation, z.array(ActorRelation).min(1)]).optional(),
  /** Keys that must be present and non-empty in the action's `data`, or `comment` / `files`. */
  requires: z.array(z.string().min(1)).optional(),
  /** At most once per case (e.g. the one apology with a new appointment date). */
  once: z.boolean().optional(),
});
export type ActionDef = z.infer<typeof ActionDef>;

const NAME = /^[a-z][a-z0-9_]*$/;

export const WorkflowDefinition = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_.-]*$/),
  version: z.number().int().positive(),
  name: z.string().min(1),
  initial: z.string().min(1),
  states: z.record(z.string().regex(NAME), StateDef),
  actions: z.record(z.string().regex(NAME), ActionDef),
});
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;

/** A definition that cannot run: a programming or configuration error, reported at registration. */
export class WorkflowDefinitionError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'WorkflowDefinitionError';
  }
}

/** Relations an action admits; `undefined` means any caller (subject to its scopes). */
export const relationsOf = (action: ActionDef): readonly ActorRelation[] | undefined => {
  if (action.actor === undefined || action.actor === 'any') return undefined;
  return typeof action.actor === 'string' ? [action.actor] : action.actor;
};

const reachableFrom = (def: WorkflowDefinition): Set<string> => {
  const seen = new Set([def.initial]);
  const queue = [def.initial];
  while (queue.length) {
    const state = queue.shift()!;
    for (const action of Object.values(def.actions)) {
      if (action.to && action.from.includes(state) && !seen.has(action.to)) {
        seen.add(action.to);
        queue.push(action.to);
      }
    }
  }
  return seen;
};

/** Everything wrong with a well-shaped definition's graph; empty when it can run. */
export const graphProblems = (def: WorkflowDefinition): string[] => {
  const problems: string[] = [];
  const states = new Set(Object.keys(def.states));
  if (!states.has(def.initial)) problems.push(`initial state "${def.initial}" is not a state`);
  const leaving = new Set<string>();
  for (const [name, action] of Object.entries(def.actions)) {
    for (const from of action.from) {
      if (!states.has(from)) problems.push(`action "${name}" starts from unknown state "${from}"`);
      else if (def.states[from]!.terminal) problems.push(`terminal state "${from}" has outgoing action "${name}"`);
      if (action.to !== undefined && action.to !== from) leaving.add(from);
    }
    if (action.to !== undefined && !states.has(action.to)) problems.push(`action "${name}" leads to unknown state "${action.to}"`);
    if (action.scopes === undefined && action.actor === undefined) {
      problems.push(`action "${name}" names neither scopes nor actor (write actor: 'any' for an open action)`);
    }
    if (new Set(action.from).size !== action.from.length) problems.push(`action "${name}" lists a from state twice`);
  }
  for (const [name, state] of Object.entries(def.states)) {
    if (state.limit && (state.limit.workingDays === undefined) === (state.limit.workingHours === undefined)) {
      problems.push(`state "${name}" must limit either workingDays or workingHours`);
    }
    if (!state.terminal && !leaving.has(name)) problems.push(`state "${name}" is not terminal but no action leaves it`);
  }
  if (states.has(def.initial)) {
    const reachable = reachableFrom(def);
    for (const name of states) if (!reachable.has(name)) problems.push(`state "${name}" cannot be reached from "${def.initial}"`);
  }
  return problems;
};

/** Parses and checks a definition (from code or from stored JSON); throws WorkflowDefinitionError. */
export const parseDefinition = (input: unknown): WorkflowDefinition => {
  const parsed = WorkflowDefinition.safeParse(input);
  if (!parsed.success) {
    throw new WorkflowDefinitionError(
      'Invalid workflow definition',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const problems = graphProblems(parsed.data);
  if (problems.length) throw new WorkflowDefinitionError(`Workflow "${parsed.data.key}" v${parsed.data.version} cannot run`, problems);
  return parsed.data;
};

/** The list of problems, or [] when the definition is valid (shape and graph). */
export const validateDefinition = (input: unknown): string[] => {
  try {
    parseDefinition(input);
    return [];
  } catch (error) {
    if (error instanceof WorkflowDefinitionError) return error.problems.length ? error.problems : [error.message];
    throw error;
  }
};
