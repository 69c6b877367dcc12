import type { Principal } from '../auth/sessions.ts';
import type { ActorRelation } from './definition.ts';
import type { WorkflowActor } from './types.ts';

/**
 * Building actors. The engine does not know what a dossier's owner or handling agency is: the
 * module that owns the subject works out the caller's relations to it and passes them in.
 */
export const workflowActorOf = (principal: Principal, relations: Iterable<ActorRelation> = []): WorkflowActor => ({
  id: principal.userId,
  name: principal.fullName || principal.username,
  scopes: principal.scopes,
  relations: new Set(relations),
});

/** The platform acting on its own (a verified payment callback, a deadline sweep). */
export const systemActor = (name = 'system'): WorkflowActor => ({ id: null, name, scopes: new Set(), relations: new Set(['system']) });
