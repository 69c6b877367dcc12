import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { uuidv7 } from '../db/ids.ts';
import { withTransaction } from '../db/pool.ts';
import { WorkflowDefinitionError, type WorkflowDefinition } from './definition.ts';
import { definitionChecksum, loadDefinition, registerDefinition } from './definitions-store.ts';
import { getCase, performAction, startCase } from './index.ts';
import { LEADER, OFFICER, OWNER, TOY_WORKFLOW } from './testing.ts';

const registrations = async (db: Awaited<ReturnType<typeof createTestDb>>['db'], key: string) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'workflow.definition.register' AND target_id LIKE $1", [`${key}@%`]))
    .rows[0]!.n;

describe('registering workflow definitions', () => {
  it('is idempotent by key and version, audited once, and refuses changed content under the same version', async () => {
    const { db } = await createTestDb('base');
    expect(await registerDefinition(db, TOY_WORKFLOW)).toEqual({ created: true });
    // Same content, keys in another order: the same definition.
    const reordered = { ...TOY_WORKFLOW, actions: Object.fromEntries(Object.entries(TOY_WORKFLOW.actions).reverse()) };
    expect(await registerDefinition(db, reordered)).toEqual({ created: false });
    expect(await registerDefinition(db, TOY_WORKFLOW)).toEqual({ created: false });
    expect(await registrations(db, TOY_WORKFLOW.key)).toBe(1);

    const changed = structuredClone(TOY_WORKFLOW);
    changed.actions.close!.scopes = ['dossier.process'];
    await expect(registerDefinition(db, changed)).rejects.toThrow(WorkflowDefinitionError);
    const stored = await db.query<{ checksum: string }>('SELECT checksum FROM workflow_definitions WHERE key = $1', [TOY_WORKFLOW.key]);
    expect(stored.rows).toEqual([{ checksum: definitionChecksum(TOY_WORKFLOW) }]);
    expect((await loadDefinition(db, TOY_WORKFLOW.key)).actions.close!.scopes).toEqual(['dossier.approve']);
  });

  it('refuses an invalid definition before writing anything, and registers inside a given transaction', async () => {
    const { db } = await createTestDb('base');
    const broken = { ...TOY_WORKFLOW, initial: 'nowhere' };
    await expect(registerDefinition(db, broken)).rejects.toThrow(/initial state "nowhere"/);
    expect((await db.query('SELECT 1 FROM workflow_definitions WHERE key = $1', [TOY_WORKFLOW.key])).rowCount).toBe(0);
    await expect(
      withTransaction(db, async (tx) => {
        await registerDefinition(tx, TOY_WORKFLOW);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.query('SELECT 1 FROM workflow_definitions WHERE key = $1', [TOY_WORKFLOW.key])).rowCount).toBe(0);
    expect(await registrations(db, TOY_WORKFLOW.key)).toBe(0);
  });

  it('two instances registering at once store one row', async () => {
    const { db } = await createTestDb('base');
    const results = await Promise.all([registerDefinition(db, TOY_WORKFLOW), registerDefinition(db, TOY_WORKFLOW), registerDefinition(db, TOY_WORKFLOW)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await db.query('SELECT 1 FROM workflow_definitions WHERE key = $1', [TOY_WORKFLOW.key])).rowCount).toBe(1);
  });

  it('runs a case on the version it started with after a new version is registered', async () => {
    const { db } = await createTestDb('base');
    await registerDefinition(db, TOY_WORKFLOW);
    const start = () =>
      withTransaction(db, (tx) => startCase(tx, { definitionKey: TOY_WORKFLOW.key, subject: { type: 'test_request', id: uuidv7() }, actor: OWNER }));
    const old = await start();

    // Version 2 drops `close` for `approve_and_close`, open to officers.
    const v2: WorkflowDefinition = structuredClone({ ...TOY_WORKFLOW, version: 2 });
    delete v2.actions.close;
    v2.actions.approve_and_close = { label: 'Duyệt và kết thúc', from: ['review'], to: 'closed', actor: 'agency', scopes: ['dossier.process'] };
    await registerDefinition(db, v2);
    const fresh = await start();
    expect(old.definitionVersion).toBe(1);
    expect(fresh.definitionVersion).toBe(2);

    const act = (caseId: string, action: string, actor = OFFICER) => withTransaction(db, (tx) => performAction(tx, { caseId, action, actor }));
    await act(old.id, 'start_review');
    await act(fresh.id, 'start_review');
    await expect(act(old.id, 'approve_and_close')).rejects.toMatchObject({ code: 'unknown-action' });
    await expect(act(fresh.id, 'close', LEADER)).rejects.toMatchObject({ code: 'unknown-action' });
    expect((await act(old.id, 'close', LEADER)).case.state).toBe('closed');
    expect((await act(fresh.id, 'approve_and_close')).case.state).toBe('closed');
    expect((await getCase(db, old.id)).definition.version).toBe(1);
    expect((await loadDefinition(db, TOY_WORKFLOW.key)).version).toBe(2);
  });
});
