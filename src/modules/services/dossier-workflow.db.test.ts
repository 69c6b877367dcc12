import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { ROLE_SCOPES } from '../../platform/auth/scopes.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { deriveTimeline, getCase, loadDefinition, performAction, registerDefinition, startCase, type WorkflowActor } from '../../platform/workflow/index.ts';
import { testActor } from '../../platform/workflow/testing.ts';
import { DOSSIER_WORKFLOW, nationalStatusOf } from './dossier-workflow.ts';

describe('the dossier workflow on the engine', () => {
  it('registers as stored data and runs the demo story to status 10, with the apology refused a second time', async () => {
    const { db } = await createTestDb('base');
    // Every database gets the definition with its reference data (seed/prepare.ts); registering
    // the same version again is a no-op.
    expect(await registerDefinition(db, DOSSIER_WORKFLOW)).toEqual({ created: false });
    expect(await loadDefinition(db, DOSSIER_WORKFLOW.key)).toEqual(DOSSIER_WORKFLOW);

    const citizen = testActor('Nguyễn Văn An', [...ROLE_SCOPES.citizen], ['owner'], uuidv7());
    const officer = testActor('Trần Thị Bình', [...ROLE_SCOPES.officer], ['agency'], uuidv7());
    const leader = testActor('Lê Văn Cường', [...ROLE_SCOPES.agency_leader], ['agency'], uuidv7());
    const t = (h: number) => new Date(Date.UTC(2026, 2, 2, 1) + h * 3_600_000);
    const flow = await withTransaction(db, (tx) =>
      startCase(tx, { definitionKey: 'dossier.one-stop', subject: { type: 'dossier', id: uuidv7() }, actor: citizen, at: t(0) }),
    );
    const act = (action: string, actor: WorkflowActor, h: number, data: Record<string, unknown> = {}) =>
      withTransaction(db, (tx) => performAction(tx, { caseId: flow.id, action, actor, data, at: t(h), transactionId: `${action}-${h}` }));

    const statuses = [nationalStatusOf(flow.state)];
    for (const [action, actor, h, data] of [
      ['receive', officer, 1, {}],
      ['request_supplement', officer, 2, { reason: 'Thiếu giấy tờ', checklist: ['cccd'] }],
      ['supplement', citizen, 26, { documents: [{ code: 'cccd', fileId: uuidv7() }] }],
      ['apologise', officer, 27, { reason: 'Cần xác minh', newDueAt: '2026-03-12' }],
      ['submit_for_approval', officer, 28, {}],
      ['approve', leader, 29, {}],
      ['return_result', officer, 30, {}],
    ] as const) {
      const { case: moved } = await act(action, actor, h, data);
      statuses.push(nationalStatusOf(moved.state));
      if (action === 'apologise') {
        await expect(act('apologise', officer, 27.5, { reason: 'Lần hai', newDueAt: '2026-03-20' })).rejects.toMatchObject({ code: 'wrong-state', status: 409 });
      }
    }
    expect(statuses).toEqual([1, 2, 5, 4, 4, 4, 9, 10]);
    const full = await getCase(db, flow.id);
    expect(full.events.map((e) => e.action)).toEqual(['receive', 'request_supplement', 'supplement', 'apologise', 'submit_for_approval', 'approve', 'return_result']);
    const timeline = deriveTimeline(full.definition, full.events, full.createdAt, t(40));
    expect(timeline).toMatchObject({ state: 'returned', stoppedAt: t(29), pausedSpans: [{ start: t(2), end: t(26) }] });
  });
});
