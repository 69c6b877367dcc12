import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_SCOPES } from '../../platform/auth/scopes.ts';
import { allowedActions, deriveTimeline, missingFields, parseDefinition, systemActor, type WorkflowDefinition } from '../../platform/workflow/index.ts';
import { testActor } from '../../platform/workflow/testing.ts';
import { DOSSIER_WORKFLOW, NATIONAL_STATUS_NAMES, nationalStatusOf } from './dossier-workflow.ts';

const citizen = testActor('congdan', [...ROLE_SCOPES.citizen], ['owner']);
const officer = testActor('chuyenvien', [...ROLE_SCOPES.officer], ['agency']);
const leader = testActor('lanhdao', [...ROLE_SCOPES.agency_leader], ['agency']);
const otherAgencyLeader = testActor('lanhdao-khac', [...ROLE_SCOPES.agency_leader], []);
const provinceLeader = testActor('lanhdaotinh', [...ROLE_SCOPES.province_leader], []);
const admin = testActor('admin', [...ROLE_SCOPES.admin], ['agency']);
const system = systemActor('payment-gateway');

describe('the one-stop dossier workflow', () => {
  it('is a valid definition with the national status, clock and end of each state', () => {
    expect(parseDefinition(DOSSIER_WORKFLOW)).toEqual(DOSSIER_WORKFLOW);
    expect(DOSSIER_WORKFLOW).toMatchObject({ key: 'dossier.one-stop', version: 1, initial: 'submitted' });
    const states = Object.fromEntries(Object.entries(DOSSIER_WORKFLOW.states).map(([k, s]) => [k, [s.nationalStatus, s.clock, s.terminal ?? false]]));
    expect(states).toEqual({
      submitted: [1, 'running', false],
      refused: [3, 'stopped', true],
      received: [2, 'running', false],
      processing: [4, 'running', false],
      awaiting_supplement: [5, 'paused', false],
      awaiting_fee: [6, 'paused', false],
      awaiting_approval: [4, 'running', false],
      done: [9, 'stopped', false],
      returned: [10, 'stopped', true],
      withdrawn: [7, 'stopped', true],
      stopped: [8, 'stopped', true],
    });
    expect(nationalStatusOf('awaiting_fee')).toBe(6);
    expect(nationalStatusOf('draft')).toBeUndefined();
    expect(nationalStatusOf('constructor')).toBeUndefined();
    for (const state of Object.values(DOSSIER_WORKFLOW.states)) expect(NATIONAL_STATUS_NAMES[state.nationalStatus!]).toBeTruthy();
  });

  it('has the actions of the design: from, to, required fields, once', () => {
    const actions = Object.fromEntries(
      Object.entries(DOSSIER_WORKFLOW.actions).map(([k, a]) => [k, [a.from.join('|'), a.to ?? '(stay)', (a.requires ?? []).join('+'), a.once ?? false]]),
    );
    expect(actions).toEqual({
      receive: ['submitted', 'received', '', false],
      refuse: ['submitted', 'refused', 'reason', false],
      assign: ['received', 'processing', 'assigneeId', false],
      request_supplement: ['received|processing', 'awaiting_supplement', 'reason+checklist', false],
      supplement: ['awaiting_supplement', 'processing', 'documents', false],
      request_fee: ['received|processing', 'awaiting_fee', 'amount', false],
      pay: ['awaiting_fee', 'processing', '', false],
      submit_for_approval: ['processing', 'awaiting_approval', '', false],
      approve: ['awaiting_approval', 'done', '', false],
      send_back: ['awaiting_approval', 'processing', 'reason', false],
      return_result: ['done', 'returned', '', false],
      withdraw: ['submitted|received|processing|awaiting_supplement|awaiting_fee', 'withdrawn', 'reason', false],
      stop: ['received|processing|awaiting_supplement|awaiting_fee|awaiting_approval', 'stopped', 'reason', false],
      apologise: ['received|processing|awaiting_supplement|awaiting_approval', '(stay)', 'reason+newDueAt', true],
    });
  });

  it('offers each role the actions its job allows, and nothing to staff of other agencies', () => {
    const offered = (state: string, actor = officer) => allowedActions(DOSSIER_WORKFLOW, state, actor);
    expect(offered('submitted')).toEqual(['receive', 'refuse']);
    expect(offered('submitted', citizen)).toEqual(['withdraw']);
    expect(offered('received')).toEqual(['assign', 'request_supplement', 'request_fee', 'stop', 'apologise']);
    expect(offered('awaiting_supplement', citizen)).toEqual(['supplement', 'withdraw']);
    expect(offered('awaiting_fee', system)).toEqual(['pay']);
    expect(offered('awaiting_fee')).toEqual(['pay', 'stop']);
    expect(offered('awaiting_approval')).toEqual(['stop', 'apologise']);
    expect(offered('awaiting_approval', leader)).toEqual(['approve', 'send_back', 'stop', 'apologise']);
    expect(offered('awaiting_approval', citizen)).toEqual([]);
    expect(offered('done')).toEqual(['return_result']);
    for (const state of Object.keys(DOSSIER_WORKFLOW.states)) {
      expect(offered(state, otherAgencyLeader)).toEqual([]);
      expect(offered(state, provinceLeader)).toEqual([]);
      expect(offered(state, admin)).toEqual([]); // separation of duties: the administrator never handles dossiers
      expect(offered(state, system).filter((a) => a !== 'pay')).toEqual([]);
    }
  });

  it('walks the demo story: receive, supplement, process, apologise once, approve, return', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 2, 2, 1) + h * 3_600_000);
    const story: [string, typeof officer, Record<string, unknown>][] = [
      ['receive', officer, {}],
      ['request_supplement', officer, { reason: 'Thiếu bản sao', checklist: ['cccd'] }],
      ['supplement', citizen, { documents: [{ code: 'cccd', fileId: 'f' }] }],
      ['apologise', officer, { reason: 'Cần xác minh', newDueAt: '2026-03-10' }],
      ['submit_for_approval', officer, {}],
      ['approve', leader, {}],
      ['return_result', officer, {}],
    ];
    let state = DOSSIER_WORKFLOW.initial;
    const events: { seq: number; action: string; toState: string; at: Date }[] = [];
    for (const [action, actor, data] of story) {
      expect(allowedActions(DOSSIER_WORKFLOW, state, actor, events), `${action} in ${state}`).toContain(action);
      expect(missingFields(DOSSIER_WORKFLOW.actions[action]!, { data })).toEqual([]);
      state = DOSSIER_WORKFLOW.actions[action]!.to ?? state;
      events.push({ seq: events.length + 1, action, toState: state, at: at(events.length + 1) });
      if (action === 'apologise') expect(allowedActions(DOSSIER_WORKFLOW, state, officer, events)).not.toContain('apologise');
    }
    const timeline = deriveTimeline(DOSSIER_WORKFLOW, events, at(0), at(20));
    expect(timeline).toMatchObject({ state: 'returned', stoppedAt: at(6) }); // the clock stopped at `done`
    expect(timeline.pausedSpans).toEqual([{ start: at(2), end: at(3) }]);
    expect(nationalStatusOf(timeline.state)).toBe(10);
  });

  it('reaches done (9) only through receive and approve', () => {
    const reachable = (def: WorkflowDefinition, target: string) => {
      const seen = new Set([def.initial]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const a of Object.values(def.actions)) {
          if (a.to && !seen.has(a.to) && a.from.some((f) => seen.has(f))) grew = seen.add(a.to).size > 0;
        }
      }
      return seen.has(target);
    };
    const without = (name: string) => ({ ...DOSSIER_WORKFLOW, actions: Object.fromEntries(Object.entries(DOSSIER_WORKFLOW.actions).filter(([k]) => k !== name)) });
    expect(reachable(DOSSIER_WORKFLOW, 'done')).toBe(true);
    expect(reachable(without('receive'), 'done')).toBe(false);
    expect(reachable(without('approve'), 'done')).toBe(false);

    const anyone = testActor('all', ['dossier.process', 'dossier.approve'], ['owner', 'agency', 'system']);
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 30 }), (picks) => {
        let state = DOSSIER_WORKFLOW.initial;
        const done: { action: string }[] = [];
        for (const pick of picks) {
          const options = allowedActions(DOSSIER_WORKFLOW, state, anyone, done);
          if (!options.length) break;
          const action = options[pick % options.length]!;
          done.push({ action });
          state = DOSSIER_WORKFLOW.actions[action]!.to ?? state;
          if (state === 'done' || state === 'returned') {
            expect(done.map((d) => d.action)).toEqual(expect.arrayContaining(['receive', 'approve']));
          }
        }
        expect(done.filter((d) => d.action === 'apologise').length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is drawn exactly in its README: every transition an arrow, every state in the table', () => {
    const readme = readFileSync(new URL('./dossier-workflow.README.md', import.meta.url), 'utf8');
    const arrows = [...readme.matchAll(/^\s+(\w+) --> (\w+) : (\w+)$/gm)].map((m) => `${m[1]} -> ${m[2]} : ${m[3]}`).sort();
    const transitions = Object.entries(DOSSIER_WORKFLOW.actions)
      .flatMap(([name, a]) => (a.to ? a.from.map((f) => `${f} -> ${a.to} : ${name}`) : []))
      .sort();
    expect(arrows).toEqual(transitions);
    for (const [name, s] of Object.entries(DOSSIER_WORKFLOW.states)) {
      expect(readme).toContain(`| \`${name}\` | ${s.nationalStatus} ${NATIONAL_STATUS_NAMES[s.nationalStatus!]} | ${s.clock} |`);
    }
  });
});
