import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { type Db, withTransaction } from '../db/pool.ts';
import { listDeadLetters, retryDeadLetter } from './dead-letters.ts';
import { enqueue } from './enqueue.ts';
import { PermanentJobError, registerJobHandler } from './registry.ts';
import { type JobsRuntime, startJobs } from './start-jobs.ts';
import { FAST_JOBS, FAST_RETRIES, memoryLog, waitFor } from './testing.ts';

type Call = { queue: string; payload: { n: number }; attempt: number; isLastAttempt: boolean };
const calls: Call[] = [];
const record = (queue: string) => async (payload: { n: number }, ctx: { attempt: number; isLastAttempt: boolean }) =>
  void calls.push({ queue, payload, attempt: ctx.attempt, isLastAttempt: ctx.isLastAttempt });
const callsOf = (queue: string, n: number) => calls.filter((c) => c.queue === queue && c.payload.n === n);

let brokenUntilFixed = true;
registerJobHandler<{ n: number }>('test.echo', record('test.echo'));
registerJobHandler<{ n: number }>('test.flaky', async (payload, ctx) => {
  await record('test.flaky')(payload, ctx);
  if (ctx.attempt < 3) throw new Error(`flaky try ${ctx.attempt}`);
}, { retryLimit: 4 });
registerJobHandler<{ n: number }>('test.broken', async (payload, ctx) => {
  await record('test.broken')(payload, ctx);
  if (brokenUntilFixed) throw new Error('outside service down');
}, { retryLimit: 2 });
registerJobHandler<{ n: number }>('test.refused', async (payload, ctx) => {
  await record('test.refused')(payload, ctx);
  throw new PermanentJobError('payload refused');
}, { retryLimit: 5 });

// Each job of this queue takes 1.2 s, more than half its 2 s time limit: one batch runs one job.
registerJobHandler<{ n: number }>('test.slow', async (payload, ctx) => {
  await record('test.slow')(payload, ctx);
  await new Promise((r) => setTimeout(r, 1200));
});

const fast = { 'test.flaky': FAST_RETRIES, 'test.broken': FAST_RETRIES, 'test.refused': FAST_RETRIES, 'test.slow': { ...FAST_RETRIES, expireInSeconds: 2, concurrency: 1 } };
const admin = { id: null, name: 'admin-test' };

describe('platform/jobs: outbox, relay, workers, retries, dead letters', () => {
  let db: Db;
  let jobs: JobsRuntime;
  const log = memoryLog();
  const outboxCount = async (queue: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM job_outbox WHERE queue = $1', [queue])).rows[0]!.n;

  beforeAll(async () => {
    ({ db } = await createTestDb('base'));
    jobs = await startJobs(db, testConfig(), log, { ...FAST_JOBS, overrides: fast });
  });
  afterAll(async () => jobs?.stop());

  it('refuses queue names that are not <area>.<what>', async () => {
    await expect(enqueue(db, 'NoDots', {})).rejects.toThrow(/queue name/);
    await expect(enqueue(db, 'Bad Name.x', {})).rejects.toThrow(/queue name/);
    expect(() => registerJobHandler('test.echo', async () => undefined)).toThrow(/already has a handler/);
  });

  it('creates each queue with the registered settings, dead letters on, overrides applied', async () => {
    const { rows } = await db.query(
      `SELECT name, retry_limit, retry_delay, retry_backoff, retry_delay_max, dead_letter FROM pgboss.queue WHERE name IN ('test.echo', 'test.broken') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'test.broken', retry_limit: 2, retry_delay: 0, retry_backoff: false, retry_delay_max: null, dead_letter: 'jobs.dead-letter' },
      { name: 'test.echo', retry_limit: 3, retry_delay: 30, retry_backoff: true, retry_delay_max: 3600, dead_letter: 'jobs.dead-letter' },
    ]);
  });

  it('enqueues with the transaction: a rollback leaves no job, a commit runs the job once', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await enqueue(tx, 'test.echo', { n: 1 });
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    expect(await outboxCount('test.echo')).toBe(0);

    await withTransaction(db, (tx) => enqueue(tx, 'test.echo', { n: 2 }));
    await waitFor(async () => callsOf('test.echo', 2).length > 0, 15_000, 'the echo job');
    expect(callsOf('test.echo', 2)).toEqual([{ queue: 'test.echo', payload: { n: 2 }, attempt: 1, isLastAttempt: false }]);
    expect(await outboxCount('test.echo')).toBe(0);
    await jobs.relayNow();
    expect(callsOf('test.echo', 1)).toEqual([]);
    expect(callsOf('test.echo', 2)).toHaveLength(1);
  });

  it('works through a backlog without waiting a polling interval between jobs', async () => {
    // Polling alone (one job per worker each 0.5 s here, two workers) would take 10 s for these 40.
    await withTransaction(db, async (tx) => {
      for (let n = 100; n < 140; n += 1) await enqueue(tx, 'test.echo', { n });
    });
    const started = performance.now();
    await jobs.relayNow();
    await waitFor(async () => calls.filter((c) => c.queue === 'test.echo' && c.payload.n >= 100).length === 40, 15_000, 'the backlog');
    expect(performance.now() - started).toBeLessThan(5_000);
    for (let n = 100; n < 140; n += 1) expect(callsOf('test.echo', n)).toHaveLength(1);
  });

  it('hands back the rest of a batch once half the time limit has passed, and runs each job once later', async () => {
    await withTransaction(db, async (tx) => {
      for (let n = 200; n < 203; n += 1) await enqueue(tx, 'test.slow', { n });
    });
    await jobs.relayNow();
    const settled = await waitFor(async () => {
      const { rows } = await db.query<{ retry_count: number; state: string }>(`SELECT retry_count, state FROM pgboss.job WHERE name = 'test.slow'`);
      return rows.length === 3 && rows.every((r) => r.state === 'completed') ? rows : undefined;
    }, 20_000, 'the slow jobs');
    const attempts = [200, 201, 202].map((n) => callsOf('test.slow', n).map((c) => c.attempt));
    // Fetched together: the first ran; the others were handed back untried and ran on a later try.
    expect(attempts.filter((a) => a[0] === 1)).toHaveLength(1);
    for (const a of attempts) expect(a).toHaveLength(1);
    expect(settled.filter((r) => r.retry_count > 0).length).toBeGreaterThan(0);
    expect(log.lines.some((l) => l.msg.startsWith('jobs handed back untried') && (l.obj as { queue?: string }).queue === 'test.slow')).toBe(true);
  });

  it('retries a failing job until it succeeds, counting attempts', async () => {
    await enqueue(db, 'test.flaky', { n: 3 });
    await waitFor(async () => callsOf('test.flaky', 3).length >= 3, 15_000, 'three tries');
    await new Promise((r) => setTimeout(r, 1500));
    expect(callsOf('test.flaky', 3).map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(await listDeadLetters(db, { queue: 'test.flaky', state: 'all' })).toEqual([]);
  });

  it('dead-letters a job that fails every try; a retry sends it again once, audited', async () => {
    await enqueue(db, 'test.broken', { n: 4 });
    const [dead] = await waitFor(async () => {
      const open = await listDeadLetters(db, { queue: 'test.broken' });
      return open.length > 0 ? open : undefined;
    }, 20_000, 'the dead letter');
    expect(callsOf('test.broken', 4).map((c) => [c.attempt, c.isLastAttempt])).toEqual([[1, false], [2, false], [3, true]]);
    expect(dead).toMatchObject({ queue: 'test.broken', payload: { n: 4 }, attempts: 3, error: 'outside service down', retriedAt: null });
    expect(log.lines.some((l) => l.msg === 'job dead-lettered')).toBe(true);

    brokenUntilFixed = false;
    await withTransaction(db, (tx) => retryDeadLetter(tx, { id: dead!.id, queue: 'test.broken', actor: admin }));
    await waitFor(async () => callsOf('test.broken', 4).length === 4, 15_000, 'the retried job');
    expect(callsOf('test.broken', 4)[3]).toMatchObject({ attempt: 1 });
    expect(await listDeadLetters(db, { queue: 'test.broken' })).toEqual([]);
    const [retried] = await listDeadLetters(db, { queue: 'test.broken', state: 'retried' });
    expect(retried).toMatchObject({ id: dead!.id, retriedBy: { id: null, name: 'admin-test' } });
    const audit = await db.query('SELECT actor_name FROM audit_log WHERE action = $1 AND target_id = $2', ['job.dead-letter.retry', dead!.id]);
    expect(audit.rows).toEqual([{ actor_name: 'admin-test' }]);

    const again = withTransaction(db, (tx) => retryDeadLetter(tx, { id: dead!.id, queue: 'test.broken', actor: admin }));
    await expect(again).rejects.toMatchObject({ code: 'conflict' });
    const otherQueue = withTransaction(db, (tx) => retryDeadLetter(tx, { id: dead!.id, queue: 'test.echo', actor: admin }));
    await expect(otherQueue).rejects.toMatchObject({ code: 'not-found' });
    expect(await outboxCount('test.broken')).toBe(0);
  });

  it('sends a job its handler refuses for good straight to the dead letters', async () => {
    await enqueue(db, 'test.refused', { n: 5 });
    const [dead] = await waitFor(async () => {
      const open = await listDeadLetters(db, { queue: 'test.refused' });
      return open.length > 0 ? open : undefined;
    }, 15_000, 'the refused job');
    expect(callsOf('test.refused', 5)).toHaveLength(1);
    expect(dead).toMatchObject({ attempts: 1, error: 'payload refused' });
  });

  it('passes startAfter and priority through to pg-boss', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await enqueue(db, 'test.echo', { n: 7 }, { startAfter: later, priority: 5 });
    await jobs.relayNow();
    expect(await outboxCount('test.echo')).toBe(0);
    const { rows } = await db.query(`SELECT state, priority, start_after FROM pgboss.job WHERE name = 'test.echo' AND data->>'n' = '7'`);
    expect(rows).toEqual([{ state: 'created', priority: 5, start_after: later }]);
    expect(callsOf('test.echo', 7)).toEqual([]);
  });

  it('keeps rows of a queue nobody handles in the outbox', async () => {
    await enqueue(db, 'test.nobody', { n: 6 });
    await jobs.relayNow();
    expect(await outboxCount('test.nobody')).toBe(1);
  });
});
