/**
 * The workflow engine (README.md): definitions as data, cases that follow one definition version,
 * append-only events, atomic and idempotent actions, time spans for deadline clocks.
 */
export {
  ActionDef,
  ActorRelation,
  StateDef,
  WorkflowDefinition,
  WorkflowDefinitionError,
  graphProblems,
  parseDefinition,
  relationsOf,
  validateDefinition,
} from './definition.ts';
export { WorkflowError, type WorkflowErrorCode, type WorkflowErrorExtra } from './errors.ts';
export type { CaseRecord, CaseWithHistory, WorkflowActor, WorkflowEvent } from './types.ts';
export { actorMayPerform, allowedActions, missingFields, type ActionInput } from './rules.ts';
export { deriveTimeline, type Clock, type Span, type StateSpan, type Timeline } from './timeline.ts';
export { definitionChecksum, loadDefinition, registerDefinition } from './definitions-store.ts';
export { findCaseBySubject, getCase, startCase, type StartCaseOptions, type Subject } from './cases.ts';
export { performAction, type ActionResult, type PerformActionOptions } from './perform-action.ts';
export { systemActor, workflowActorOf } from './actors.ts';
