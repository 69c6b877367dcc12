import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { uuidv7 } from '../db/ids.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import {
  allowedActions,
  deriveTimeline,
  getCase,
  performAction,
  type PerformActionOptions,
  startCase,
  systemActor,
  type WorkflowActor,
  WorkflowError,
} from './index.ts';
import { registerDefinition } from './definitions-store.ts';
import { LEADER, OFFICER, OWNER, STRANGER, TOY_WORKFLOW } from './testing.ts';

let db: Db;
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

const newCase = async (at?: Date) => {
  const subject = { type: 'test_request', id: uuidv7() };
  const record = await withTransaction(db, (tx) => startCase(tx, { definitionKey: TOY_WORKFLOW.key, subject, actor: OWNER, at }));
  return { record, subject };
};

const act = (caseId: string, action: string, actor: WorkflowActor, more: Partial<PerformActionOptions> = {}) =>
  withTransaction(db, (tx) => performAction(tx, { caseId, action, actor, ...more }));

/** Runs `work`, expects a WorkflowError with this code, and checks that nothing was written. */
const refused = async (caseId: string, subjectId: string, code: string, work: () => Promise<unknown>) => {
  const before = [await count('SELECT count(*)::int AS n FROM workflow_events WHERE case_id = $1', [caseId]),
    await count('SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1', [subjectId]),
    (await db.query('SELECT state, seq FROM workflow_cases WHERE id = $1', [caseId])).rows[0]];
  const error = await work().then(
    () => {
      throw new Error(`expected ${code}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowError);
  expect((error as WorkflowError).code).toBe(code);
  const after = [await count('SELECT count(*)::int AS n FROM workflow_events WHERE case_id = $1', [caseId]),
    await count('SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1', [subjectId]),
    (await db.query('SELECT state, seq FROM workflow_cases WHERE id = $1', [caseId])).rows[0]];
  expect(after).toEqual(before);
  return error as WorkflowError;
};

beforeAll(async () => {
  ({ db } = await createTestDb('base'));
  await registerDefinition(db, TOY_WORKFLOW);
});

describe('workflow engine on PostgreSQL', () => {
  it('starts a case in the initial state and moves it with each action, event by event, audited', async () => {
    const { record, subject } = await newCase();
    expect(record).toMatchObject({ state: 'open', seq: 0, definitionKey: 'test.request', definitionVersion: 1, subjectId: subject.id });
    expect(await count('SELECT count(*)::int AS n FROM workflow_events WHERE case_id = $1', [record.id])).toBe(0);

    const first = await act(record.id, 'start_review', OFFICER, { comment: '  Bắt đầu  ' });
    expect(first.replayed).toBe(false);
    expect(first.case).toMatchObject({ state: 'review', seq: 1 });
    expect(first.event).toMatchObject({ seq: 1, action: 'start_review', fromState: 'open', toState: 'review', actorId: OFFICER.id, comment: 'Bắt đầu' });
    const asked = await act(record.id, 'ask', OFFICER, { comment: 'Cần thêm', data: { question: 'Bản sao?' }, files: ['f-1'] });
    expect(asked.event).toMatchObject({ seq: 2, toState: 'waiting', data: { question: 'Bản sao?' }, files: ['f-1'] });
    expect(asked.case.stateEnteredAt).toEqual(asked.event.at);

    const full = await getCase(db, record.id);
    expect(full).toMatchObject({ state: 'waiting', seq: 2 });
    expect(full.events.map((e) => e.action)).toEqual(['start_review', 'ask']);
    expect(Object.keys(full.definition.actions)).toEqual(Object.keys(TOY_WORKFLOW.actions)); // order survives jsonb
    expect(deriveTimeline(full.definition, full.events, full.createdAt).state).toBe(full.state);
    expect(allowedActions(full.definition, full.state, OWNER, full.events)).toEqual(['answer', 'cancel']);

    const audit = await db.query<{ action: string; actor_id: string | null; target_type: string }>(
      'SELECT action, actor_id, target_type FROM audit_log WHERE target_id = $1 ORDER BY seq',
      [subject.id],
    );
    expect(audit.rows).toEqual([
      { action: 'workflow.start', actor_id: OWNER.id, target_type: 'test_request' },
      { action: 'workflow.start_review', actor_id: OFFICER.id, target_type: 'test_request' },
      { action: 'workflow.ask', actor_id: OFFICER.id, target_type: 'test_request' },
    ]);
  });

  it('refuses a second case for the same subject and an unregistered definition', async () => {
    const { subject } = await newCase();
    await expect(withTransaction(db, (tx) => startCase(tx, { definitionKey: TOY_WORKFLOW.key, subject, actor: OWNER }))).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      withTransaction(db, (tx) => startCase(tx, { definitionKey: 'no.such', subject: { type: 't', id: uuidv7() }, actor: OWNER })),
    ).rejects.toMatchObject({ code: 'not-found', status: 404 });
    await expect(getCase(db, uuidv7())).rejects.toMatchObject({ code: 'not-found' });
    await expect(getCase(db, 'not-a-uuid')).rejects.toMatchObject({ code: 'not-found' });
    await expect(act('not-a-uuid', 'close', LEADER)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses, writing nothing: unknown action 400, wrong state 409 with allowed actions, wrong actor 403, missing fields 422', async () => {
    const { record, subject } = await newCase();
    const unknown = await refused(record.id, subject.id, 'unknown-action', () => act(record.id, 'teleport', LEADER));
    expect(unknown.status).toBe(400);

    const wrong = await refused(record.id, subject.id, 'wrong-state', () => act(record.id, 'close', LEADER));
    expect(wrong.status).toBe(409);
    expect(wrong.extra).toMatchObject({ state: 'open', allowedActions: ['start_review'] });
    expect((await refused(record.id, subject.id, 'wrong-state', () => act(record.id, 'close', OWNER))).allowedActions).toEqual(['cancel']);

    expect((await refused(record.id, subject.id, 'forbidden', () => act(record.id, 'start_review', OWNER))).status).toBe(403);
    await refused(record.id, subject.id, 'forbidden', () => act(record.id, 'start_review', STRANGER));
    await refused(record.id, subject.id, 'forbidden', () => act(record.id, 'start_review', systemActor()));

    await act(record.id, 'start_review', OFFICER);
    const missing = await refused(record.id, subject.id, 'missing-fields', () => act(record.id, 'ask', OFFICER, { comment: ' ', data: { question: '' } }));
    expect(missing.status).toBe(422);
    expect(missing.extra.errors?.map((e) => e.field)).toEqual(['data.question', 'comment']);
    await refused(record.id, subject.id, 'forbidden', () => act(record.id, 'close', OFFICER)); // an officer may not close, the leader may
    expect((await act(record.id, 'close', LEADER)).case.state).toBe('closed');
    expect((await refused(record.id, subject.id, 'wrong-state', () => act(record.id, 'cancel', OWNER))).allowedActions).toEqual([]);
  });

  it('lets a `once` action happen once, and the system settle a waiting case', async () => {
    const { record, subject } = await newCase();
    await act(record.id, 'start_review', OFFICER);
    const noted = await act(record.id, 'note', OFFICER, { data: { reason: 'Quá tải' } });
    expect(noted.case).toMatchObject({ state: 'review', seq: 2 });
    expect(noted.case.stateEnteredAt).toEqual((await getCase(db, record.id)).events[0]!.at); // staying keeps the entry time
    const again = await refused(record.id, subject.id, 'wrong-state', () => act(record.id, 'note', LEADER, { data: { reason: 'Lần nữa' } }));
    expect(again.allowedActions).toEqual(['ask', 'close']);
    await act(record.id, 'ask', OFFICER, { comment: 'Hỏi', data: { question: '?' } });
    const settled = await act(record.id, 'settle', systemActor('payment-gateway'));
    expect(settled.event).toMatchObject({ actorId: null, actorName: 'payment-gateway', toState: 'review' });
  });

  it('replays a repeated transaction id instead of acting twice', async () => {
    const { record, subject } = await newCase();
    const first = await act(record.id, 'start_review', OFFICER, { transactionId: 'click-1' });
    const second = await act(record.id, 'start_review', OFFICER, { transactionId: 'click-1' });
    expect(second.replayed).toBe(true);
    expect(second.event).toEqual(first.event);
    expect(second.case).toMatchObject({ state: 'review', seq: 1 });
    expect(await count('SELECT count(*)::int AS n FROM workflow_events WHERE case_id = $1', [record.id])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'workflow.start_review'", [subject.id])).toBe(1);
    await refused(record.id, subject.id, 'conflict', () => act(record.id, 'close', LEADER, { transactionId: 'click-1' }));
    // The same id on another case is another transaction.
    const other = await newCase();
    expect((await act(other.record.id, 'start_review', OFFICER, { transactionId: 'click-1' })).replayed).toBe(false);
  });

  it('refuses an action based on a stale sequence number', async () => {
    const { record, subject } = await newCase();
    await act(record.id, 'start_review', OFFICER, { expectedSeq: 0 });
    const stale = await refused(record.id, subject.id, 'concurrent-change', () => act(record.id, 'close', LEADER, { expectedSeq: 0 }));
    expect(stale.status).toBe(409);
    expect(stale.extra).toMatchObject({ seq: 1, state: 'review' });
    expect((await act(record.id, 'close', LEADER, { expectedSeq: 1 })).case.seq).toBe(2);
  });

  it('keeps events append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const { record } = await newCase();
    await act(record.id, 'start_review', OFFICER);
    await expect(db.query("UPDATE workflow_events SET comment = 'sửa' WHERE case_id = $1", [record.id])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM workflow_events WHERE case_id = $1', [record.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE workflow_events CASCADE')).rejects.toThrow(/append-only/);
    expect(await count('SELECT count(*)::int AS n FROM workflow_events WHERE case_id = $1', [record.id])).toBe(1);
  });

  it('derives paused spans from the time spent in paused states', async () => {
    const t = (h: number) => new Date(Date.UTC(2026, 2, 2, 1) + h * 3_600_000);
    const { record } = await newCase(t(0));
    await act(record.id, 'start_review', OFFICER, { at: t(1) });
    await act(record.id, 'ask', OFFICER, { at: t(2), comment: 'c', data: { question: 'q' } });
    await act(record.id, 'answer', OWNER, { at: t(26), files: ['f'] });
    await act(record.id, 'ask', OFFICER, { at: t(27), comment: 'c', data: { question: 'q2' } });
    const full = await getCase(db, record.id);
    expect(full.createdAt).toEqual(t(0));
    const timeline = deriveTimeline(full.definition, full.events, full.createdAt, t(30));
    expect(timeline.pausedSpans).toEqual([
      { start: t(2), end: t(26) },
      { start: t(27), end: t(30) },
    ]);
    expect(timeline).toMatchObject({ state: 'waiting', clock: 'paused', enteredAt: t(27) });
  });
});
