import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorRelation } from './definition.ts';
import { actorMayPerform, allowedActions, missingFields } from './rules.ts';
import { LEADER, OFFICER, OWNER, STRANGER, testActor, TOY_WORKFLOW } from './testing.ts';
import { systemActor } from './actors.ts';

const SCOPE_POOL = ['dossier.process', 'dossier.approve', 'dossier.file', 'org.write'];
const RELATION_POOL: ActorRelation[] = ['owner', 'agency', 'system'];
const arbActor = fc
  .record({ scopes: fc.subarray(SCOPE_POOL), relations: fc.subarray(RELATION_POOL) })
  .map(({ scopes, relations }) => testActor('a', scopes, relations));
const arbState = fc.constantFrom(...Object.keys(TOY_WORKFLOW.states));

describe('who may act', () => {
  it('lists the actions of a state open to each actor, in definition order', () => {
    expect(allowedActions(TOY_WORKFLOW, 'review', OFFICER)).toEqual(['ask', 'note']);
    expect(allowedActions(TOY_WORKFLOW, 'review', LEADER)).toEqual(['ask', 'note', 'close']);
    expect(allowedActions(TOY_WORKFLOW, 'review', OWNER)).toEqual(['cancel']);
    expect(allowedActions(TOY_WORKFLOW, 'review', STRANGER)).toEqual([]);
    expect(allowedActions(TOY_WORKFLOW, 'waiting', OFFICER)).toEqual(['settle']);
    expect(allowedActions(TOY_WORKFLOW, 'review', LEADER, [{ action: 'note' }])).toEqual(['ask', 'close']);
  });

  it('trusts the system actor where an action admits it, without scopes', () => {
    const system = systemActor('payment-gateway');
    expect(allowedActions(TOY_WORKFLOW, 'waiting', system)).toEqual(['settle']);
    expect(allowedActions(TOY_WORKFLOW, 'review', system)).toEqual([]);
    // Claiming a relation an action does not admit gives nothing, whatever the scopes.
    expect(actorMayPerform(TOY_WORKFLOW.actions.settle!, testActor('x', ['dossier.process'], ['owner']))).toBe(false);
    expect(actorMayPerform(TOY_WORKFLOW.actions.settle!, testActor('x', [], ['agency']))).toBe(false);
  });

  it('needs both the relation and the scope for staff actions', () => {
    expect(actorMayPerform(TOY_WORKFLOW.actions.close!, testActor('x', ['dossier.approve'], []))).toBe(false);
    expect(actorMayPerform(TOY_WORKFLOW.actions.close!, testActor('x', ['dossier.process'], ['agency']))).toBe(false);
    expect(actorMayPerform(TOY_WORKFLOW.actions.close!, testActor('x', ['dossier.approve'], ['agency']))).toBe(true);
    expect(actorMayPerform({ label: 'x', from: ['open'], actor: 'any' }, testActor('x', [], []))).toBe(true);
  });

  it('property: more scopes or relations never take an action away', () => {
    fc.assert(
      fc.property(arbActor, arbActor, arbState, (a, b, state) => {
        const union = testActor('u', [...a.scopes, ...b.scopes], [...a.relations, ...b.relations]);
        const granted = new Set(allowedActions(TOY_WORKFLOW, state, union));
        for (const action of allowedActions(TOY_WORKFLOW, state, a)) expect(granted.has(action)).toBe(true);
      }),
    );
  });

  it('property: allowed actions start from the state, and terminal states allow nothing', () => {
    fc.assert(
      fc.property(arbActor, arbState, fc.subarray(Object.keys(TOY_WORKFLOW.actions)), (actor, state, done) => {
        const allowed = allowedActions(TOY_WORKFLOW, state, actor, done.map((action) => ({ action })));
        for (const name of allowed) {
          const action = TOY_WORKFLOW.actions[name]!;
          expect(action.from).toContain(state);
          expect(action.once && done.includes(name)).toBeFalsy();
        }
        if (TOY_WORKFLOW.states[state]!.terminal) expect(allowed).toEqual([]);
      }),
    );
  });
});

describe('required fields', () => {
  const ask = TOY_WORKFLOW.actions.ask!;

  it('names each missing or empty field', () => {
    expect(missingFields(ask, {})).toEqual([
      { field: 'data.question', message: expect.any(String) },
      { field: 'comment', message: expect.any(String) },
    ]);
    expect(missingFields(ask, { comment: '   ', data: { question: [] } }).map((e) => e.field)).toEqual(['data.question', 'comment']);
    expect(missingFields(ask, { comment: 'ok', data: { question: {} } }).map((e) => e.field)).toEqual(['data.question']);
    expect(missingFields(ask, { comment: 'ok', data: { question: 'Vì sao?' } })).toEqual([]);
    expect(missingFields(TOY_WORKFLOW.actions.answer!, { files: [] }).map((e) => e.field)).toEqual(['files']);
    expect(missingFields(TOY_WORKFLOW.actions.answer!, { files: ['f1'] })).toEqual([]);
  });

  it('counts zero and false as given, but not inherited keys', () => {
    const needs = (key: string) => ({ label: 'x', from: ['open'], actor: 'any' as const, requires: [key] });
    expect(missingFields(needs('amount'), { data: { amount: 0 } })).toEqual([]);
    expect(missingFields(needs('agreed'), { data: { agreed: false } })).toEqual([]);
    expect(missingFields(needs('constructor'), { data: {} }).map((e) => e.field)).toEqual(['data.constructor']);
  });
});
