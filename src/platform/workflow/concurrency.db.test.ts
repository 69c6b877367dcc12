import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { uuidv7 } from '../db/ids.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { registerDefinition } from './definitions-store.ts';
import { performAction, startCase, type WorkflowActor, WorkflowError } from './index.ts';
import { LEADER, OFFICER, OWNER, testActor, TOY_WORKFLOW } from './testing.ts';

const openCase = async (db: Db) =>
  withTransaction(db, (tx) => startCase(tx, { definitionKey: TOY_WORKFLOW.key, subject: { type: 'test_request', id: uuidv7() }, actor: OWNER }));

const eventsOf = async (db: Db, caseId: string) =>
  (await db.query<{ seq: number; action: string; actor_name: string }>('SELECT seq, action, actor_name FROM workflow_events WHERE case_id = $1 ORDER BY seq', [caseId])).rows;

/** Whether some backend of this database is waiting on a lock right now. */
const someoneWaitsOnLock = async (db: Db) =>
  (await db.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rowCount! > 0;

describe('two officers acting on the same case at once', () => {
  it('serves them one after the other: the first wins, the second gets 409 on the state it left', async () => {
    const { db } = await createTestDb('base');
    await registerDefinition(db, TOY_WORKFLOW);
    const record = await openCase(db);
    const second = testActor('officer 2', ['dossier.process'], ['agency'], uuidv7());

    const a = await db.connect();
    try {
      await a.query('BEGIN');
      await performAction(a, { caseId: record.id, action: 'start_review', actor: OFFICER });
      // B starts while A's transaction is still open: it must wait on the case row.
      const b = withTransaction(db, (tx) => performAction(tx, { caseId: record.id, action: 'start_review', actor: second }));
      const bOutcome = b.then(
        () => 'won',
        (e: unknown) => e,
      );
      let waited = false;
      for (let i = 0; i < 50 && !waited; i += 1) {
        await sleep(20);
        waited = await someoneWaitsOnLock(db);
      }
      expect(waited).toBe(true);
      await a.query('COMMIT');
      const error = await bOutcome;
      expect(error).toBeInstanceOf(WorkflowError);
      expect(error).toMatchObject({ code: 'wrong-state', status: 409, extra: { state: 'review', allowedActions: ['ask', 'note'] } });
    } finally {
      a.release();
    }
    expect(await eventsOf(db, record.id)).toEqual([{ seq: 1, action: 'start_review', actor_name: 'officer' }]);
  });

  it('lets exactly one of many simultaneous attempts win, whatever the action', async () => {
    const { db } = await createTestDb('base');
    await registerDefinition(db, TOY_WORKFLOW);
    for (let round = 0; round < 5; round += 1) {
      const record = await openCase(db);
      await withTransaction(db, (tx) => performAction(tx, { caseId: record.id, action: 'start_review', actor: OFFICER }));
      // Different actions, all allowed in `review`; `close` relies on the state, the others on expectedSeq.
      const attempts: [string, WorkflowActor, object][] = [
        ['close', LEADER, {}],
        ['cancel', OWNER, { expectedSeq: 1 }],
        ['ask', OFFICER, { expectedSeq: 1, comment: 'c', data: { question: 'q' } }],
        ['close', LEADER, {}],
      ];
      const results = await Promise.allSettled(
        attempts.map(([action, actor, more]) => withTransaction(db, (tx) => performAction(tx, { caseId: record.id, action, actor, ...more }))),
      );
      const winners = results.filter((r) => r.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect((r.reason as WorkflowError).status).toBe(409);
      }
      const events = await eventsOf(db, record.id);
      expect(events.map((e) => e.seq)).toEqual([1, 2]);
    }
  });
});
