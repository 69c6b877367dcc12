import { deferWrite, preparedStatement, type Queryable } from '../db/pool.ts';
import { assertQueueName } from './registry.ts';

export type EnqueueOptions = {
  /** Do not run before this time. */
  startAfter?: Date;
  /** Higher runs first. */
  priority?: number;
};

const INSERT_OUTBOX = preparedStatement('jobs.outbox-insert', 'INSERT INTO job_outbox (queue, payload, options) VALUES ($1, $2, $3)');

/**
 * Enqueues a job. Call it with the transaction's client, in the same transaction as the change
 * that calls for the job: the job exists exactly when the change commits (a rollback leaves no
 * job, a commit never loses it). The row waits in `job_outbox` until the relay of a running
 * server hands it to pg-boss, so this works anywhere (CLI, tests) whether or not jobs are running.
 * The payload must be JSON (dates become ISO strings). In a `withTransaction` transaction the row
 * goes out with the transaction's next statement or its COMMIT (`deferWrite`).
 */
export const enqueue = async (tx: Queryable, queue: string, payload: object, options: EnqueueOptions = {}): Promise<void> => {
  assertQueueName(queue);
  const stored = {
    ...(options.startAfter ? { startAfter: options.startAfter.toISOString() } : {}),
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
  };
  await deferWrite(tx, INSERT_OUTBOX([queue, JSON.stringify(payload), JSON.stringify(stored)]));
};
