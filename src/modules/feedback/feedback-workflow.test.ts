import { describe, expect, it } from 'vitest';
import { scopesOf, type Role } from '../../platform/auth/scopes.ts';
import { allowedActions, type ActorRelation, parseDefinition, systemActor, type WorkflowActor } from '../../platform/workflow/index.ts';
import { FEEDBACK_WORKFLOW, isOpenState, OPEN_STATES, stateLabel } from './feedback-workflow.ts';

const actor = (roles: Role[], relations: ActorRelation[] = []): WorkflowActor => ({ id: 'u', name: 'u', scopes: scopesOf(roles), relations: new Set(relations) });
const moderator = actor(['feedback_moderator']);
const agencyOfficer = actor(['officer'], ['agency']);
const otherOfficer = actor(['officer']);
const reporter = actor(['citizen'], ['owner']);
const otherCitizen = actor(['citizen']);
const leader = actor(['province_leader']);

describe('the feedback workflow (feedback.report v1)', () => {
  it('is a valid definition with the contract’s state names', () => {
    expect(() => parseDefinition(FEEDBACK_WORKFLOW)).not.toThrow();
    expect(Object.keys(FEEDBACK_WORKFLOW.states)).toEqual(['submitted', 'moderated', 'assigned', 'in_progress', 'answered', 'closed', 'rejected', 'merged', 'transferred']);
    expect(FEEDBACK_WORKFLOW.key).toBe('feedback.report');
    expect(OPEN_STATES).toEqual(['submitted', 'moderated', 'assigned', 'in_progress']);
    expect(isOpenState('answered')).toBe(false);
    expect(stateLabel('submitted')).toBe('Chờ kiểm duyệt');
  });

  it('lets moderators moderate, refuse, merge and transfer a new report; nobody else', () => {
    expect(allowedActions(FEEDBACK_WORKFLOW, 'submitted', moderator)).toEqual(['moderate', 'reject', 'merge', 'transfer_inspection']);
    for (const who of [agencyOfficer, reporter, otherCitizen, leader]) expect(allowedActions(FEEDBACK_WORKFLOW, 'submitted', who)).toEqual([]);
  });

  it('lets only the assigned agency start, answer and return a report', () => {
    expect(allowedActions(FEEDBACK_WORKFLOW, 'assigned', agencyOfficer)).toEqual(['return_wrong_agency', 'start']);
    expect(allowedActions(FEEDBACK_WORKFLOW, 'in_progress', agencyOfficer)).toEqual(['return_wrong_agency', 'answer']);
    expect(allowedActions(FEEDBACK_WORKFLOW, 'assigned', otherOfficer)).toEqual([]);
    expect(allowedActions(FEEDBACK_WORKFLOW, 'assigned', moderator)).toEqual(['reassign']);
  });

  it('lets the reporter rate or reopen an answered report, and the moderator close it', () => {
    expect(allowedActions(FEEDBACK_WORKFLOW, 'answered', reporter)).toEqual(['rate', 'reopen']);
    expect(allowedActions(FEEDBACK_WORKFLOW, 'answered', otherCitizen)).toEqual([]);
    expect(allowedActions(FEEDBACK_WORKFLOW, 'answered', moderator)).toEqual(['close']);
    expect(FEEDBACK_WORKFLOW.actions.reopen!.to).toBe('in_progress');
  });

  it('escalates only as the system', () => {
    expect(allowedActions(FEEDBACK_WORKFLOW, 'in_progress', systemActor())).toContain('escalate');
    for (const who of [moderator, agencyOfficer, leader]) expect(allowedActions(FEEDBACK_WORKFLOW, 'in_progress', who)).not.toContain('escalate');
  });

  it('ends in closed, rejected, merged or transferred', () => {
    for (const state of ['closed', 'rejected', 'merged', 'transferred']) {
      expect(FEEDBACK_WORKFLOW.states[state]!.terminal).toBe(true);
      expect(allowedActions(FEEDBACK_WORKFLOW, state, moderator)).toEqual([]);
    }
  });
});
