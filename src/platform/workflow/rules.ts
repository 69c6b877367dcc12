import type { FieldError } from '../http/problems.ts';
import { type ActionDef, relationsOf, type WorkflowDefinition } from './definition.ts';
import type { WorkflowActor } from './types.ts';

/**
 * The pure rules of the engine: who may perform an action, which actions are open in a state,
 * which required fields are missing. `performAction` applies them under the case's row lock.
 */

/**
 * An actor may perform an action when it stands in one of the action's relations (if any are
 * named) AND holds one of its scopes (if any are named). A `system` actor (platform code such
 * as a verified payment callback) is trusted: it needs no scopes, only an admitted relation.
 */
export const actorMayPerform = (action: ActionDef, actor: WorkflowActor): boolean => {
  const relations = relationsOf(action);
  if (relations && !relations.some((r) => actor.relations.has(r))) return false;
  const isSystem = actor.relations.has('system') && (relations === undefined || relations.includes('system'));
  if (action.scopes && !isSystem && !action.scopes.some((s) => actor.scopes.has(s))) return false;
  return true;
};

export const actionDone = (events: readonly { action: string }[], action: string) => events.some((e) => e.action === action);

/** The actions this actor may perform in this state (definition order); `once` actions already in `events` are left out. */
export const allowedActions = (
  def: WorkflowDefinition,
  state: string,
  actor: WorkflowActor,
  events: readonly { action: string }[] = [],
): string[] =>
  Object.entries(def.actions)
    .filter(([name, a]) => a.from.includes(state) && actorMayPerform(a, actor) && !(a.once && actionDone(events, name)))
    .map(([name]) => name);

const isEmpty = (value: unknown): boolean => {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  if (typeof value === 'number') return Number.isNaN(value);
  return false;
};

export type ActionInput = { comment?: string | null; files?: readonly string[] | null; data?: Record<string, unknown> | null };

/**
 * The required fields absent or empty in the input. `comment` and `files` name the action's own
 * fields; any other key is looked up in `data` and reported as `data.<key>`.
 */
export const missingFields = (action: ActionDef, input: ActionInput): FieldError[] =>
  (action.requires ?? []).flatMap((key) => {
    const [field, value] =
      key === 'comment' ? ['comment', input.comment] : key === 'files' ? ['files', input.files] : [`data.${key}`, input.data && Object.hasOwn(input.data, key) ? input.data[key] : undefined];
    return isEmpty(value) ? [{ field, message: 'Không được để trống' }] : [];
  });
