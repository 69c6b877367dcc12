import { AppError, type FieldError } from '../http/problems.ts';

/**
 * Why the engine refused an action. Each code is also a problem type of the API
 * (`/problems/<code>`), so a route can simply let a WorkflowError propagate: the error handler
 * answers problem+json with its status and, where given, `allowedActions` and `errors`.
 *
 * | code | status | when |
 * |---|---|---|
 * | `unknown-action` | 400 | the workflow has no action of that name |
 * | `wrong-state` | 409 | not allowed in the current state, or a `once` action already done; body lists `allowedActions` |
 * | `forbidden` | 403 | the actor holds neither a required scope nor a required relation |
 * | `missing-fields` | 422 | a required field is absent or empty; `errors` names each |
 * | `concurrent-change` | 409 | `expectedSeq` is not the case's current sequence (someone acted first) |
 * | `conflict` | 409 | a transaction id was already used for another action, or the subject already has a case |
 * | `not-found` | 404 | no such case, or no registered definition of that key |
 */
export type WorkflowErrorCode = 'unknown-action' | 'wrong-state' | 'forbidden' | 'missing-fields' | 'concurrent-change' | 'conflict' | 'not-found';

export type WorkflowErrorExtra = { allowedActions?: string[]; errors?: FieldError[]; state?: string; seq?: number };

export class WorkflowError extends AppError {
  declare readonly code: WorkflowErrorCode;
  constructor(code: WorkflowErrorCode, detail: string, extra: WorkflowErrorExtra = {}) {
    super(code, detail, extra);
    this.name = 'WorkflowError';
  }

  get allowedActions(): string[] | undefined {
    return this.extra.allowedActions as string[] | undefined;
  }
}
