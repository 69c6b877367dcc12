import { describe, expect, it } from 'vitest';
import { parseDefinition, validateDefinition, type WorkflowDefinition, WorkflowDefinitionError } from './definition.ts';
import { TOY_WORKFLOW } from './testing.ts';

const variant = (change: (d: WorkflowDefinition) => void): WorkflowDefinition => {
  const copy = structuredClone(TOY_WORKFLOW);
  change(copy);
  return copy;
};

describe('workflow definitions', () => {
  it('accepts a sound definition and keeps its order', () => {
    expect(validateDefinition(TOY_WORKFLOW)).toEqual([]);
    const parsed = parseDefinition(TOY_WORKFLOW);
    expect(Object.keys(parsed.actions)).toEqual(Object.keys(TOY_WORKFLOW.actions));
    expect(Object.keys(parsed.states)).toEqual(Object.keys(TOY_WORKFLOW.states));
  });

  it.each([
    ['an unknown initial state', (d: WorkflowDefinition) => (d.initial = 'nowhere'), 'initial state "nowhere" is not a state'],
    ['an action from an unknown state', (d: WorkflowDefinition) => d.actions.close!.from.push('ghost'), 'action "close" starts from unknown state "ghost"'],
    ['an action to an unknown state', (d: WorkflowDefinition) => (d.actions.close!.to = 'ghost'), 'action "close" leads to unknown state "ghost"'],
    ['an action leaving a terminal state', (d: WorkflowDefinition) => d.actions.cancel!.from.push('closed'), 'terminal state "closed" has outgoing action "cancel"'],
    [
      'a stay action on a terminal state',
      (d: WorkflowDefinition) => (d.actions.reopen = { label: 'x', from: ['closed'], actor: 'any' }),
      'terminal state "closed" has outgoing action "reopen"',
    ],
    [
      'an action open to nobody in particular',
      (d: WorkflowDefinition) => (d.actions.cancel = { label: 'Huỷ', from: ['open'], to: 'cancelled' }),
      'action "cancel" names neither scopes nor actor',
    ],
    ['an unreachable state', (d: WorkflowDefinition) => (d.states.limbo = { label: 'x', clock: 'running', terminal: true }), 'state "limbo" cannot be reached from "open"'],
    [
      'a non-terminal dead end',
      (d: WorkflowDefinition) => (d.states.closed = { label: 'x', clock: 'stopped' }),
      'state "closed" is not terminal but no action leaves it',
    ],
    [
      'a limit in both days and hours',
      (d: WorkflowDefinition) => (d.states.review!.limit = { workingDays: 1, workingHours: 4 }),
      'state "review" must limit either workingDays or workingHours',
    ],
    ['a from state listed twice', (d: WorkflowDefinition) => d.actions.close!.from.push('review'), 'action "close" lists a from state twice'],
  ])('refuses %s', (_what, change, problem) => {
    const problems = validateDefinition(variant(change));
    expect(problems.some((p) => p.startsWith(problem)), problems.join('\n')).toBe(true);
    expect(() => parseDefinition(variant(change))).toThrow(WorkflowDefinitionError);
  });

  it('refuses a malformed definition with the path of each problem', () => {
    const problems = validateDefinition({ ...TOY_WORKFLOW, version: 0, actions: { ...TOY_WORKFLOW.actions, close: { label: 'x', from: [], scopes: ['no.such.scope'] } } });
    expect(problems.some((p) => p.startsWith('version:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('actions.close.from:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('actions.close.scopes.0:'))).toBe(true);
    expect(validateDefinition({ ...TOY_WORKFLOW, states: { ...TOY_WORKFLOW.states, 'Bad Name': { label: 'x', clock: 'running' } } }).length).toBeGreaterThan(0);
    expect(validateDefinition({ ...TOY_WORKFLOW, extra: true }).length).toBeGreaterThan(0);
  });
});
