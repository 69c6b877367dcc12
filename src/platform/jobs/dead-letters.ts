import type { JobWithMetadata } from 'pg-boss';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { uuidv7 } from '../db/ids.ts';
import type { Queryable } from '../db/pool.ts';
import { conflict, notFound } from '../http/problems.ts';
import { enqueue } from './enqueue.ts';

/** The pg-boss queue every registered queue sends its failed-for-good jobs to. */
export const DEAD_LETTER_QUEUE = 'jobs.dead-letter';

export type DeadLetter = {
  id: string;
  queue: string;
  payload: unknown;
  error: string | null;
  attempts: number;
  sourceJobId: string;
  firstQueuedAt: Date | null;
  failedAt: Date;
  retriedAt: Date | null;
  retriedBy: { id: string | null; name: string } | null;
};

type Row = {
  id: string; queue: string; payload: unknown; error: string | null; attempts: number; source_job_id: string;
  first_queued_at: Date | null; failed_at: Date; retried_at: Date | null; retried_by: string | null; retried_by_name: string | null;
};

const toDeadLetter = (r: Row): DeadLetter => ({
  id: r.id,
  queue: r.queue,
  payload: r.payload,
  error: r.error,
  attempts: r.attempts,
  sourceJobId: r.source_job_id,
  firstQueuedAt: r.first_queued_at,
  failedAt: r.failed_at,
  retriedAt: r.retried_at,
  retriedBy: r.retried_at ? { id: r.retried_by, name: r.retried_by_name ?? '' } : null,
});

const errorText = (output: unknown): string | null => {
  if (output === null || output === undefined) return null;
  if (typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message.slice(0, 2000);
  return JSON.stringify(output).slice(0, 2000);
};

/**
 * Keeps jobs pg-boss moved to the dead-letter queue in `job_dead_letters`, where the views read
 * them. Idempotent by the failed job's id, so a capture that runs twice stores one row.
 */
export const captureDeadLetters = async (db: Queryable, jobs: JobWithMetadata<unknown>[]): Promise<DeadLetter[]> => {
  const stored: DeadLetter[] = [];
  for (const job of jobs) {
    const { rows } = await db.query<Row>(
      `INSERT INTO job_dead_letters (id, queue, payload, error, attempts, source_job_id, first_queued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source_job_id) DO NOTHING RETURNING *`,
      [uuidv7(), job.sourceName ?? 'unknown', JSON.stringify(job.data ?? {}), errorText(job.sourceOutput),
        (job.sourceRetryCount ?? 0) + 1, job.sourceId ?? job.id, job.sourceCreatedOn ?? null],
    );
    if (rows[0]) stored.push(toDeadLetter(rows[0]));
  }
  return stored;
};

export type DeadLetterQuery = { queue: string; state?: 'open' | 'retried' | 'all'; limit?: number; before?: Date };

/** Dead letters of one queue, newest first; `open` ones have not been retried yet. */
export const listDeadLetters = async (db: Queryable, q: DeadLetterQuery): Promise<DeadLetter[]> => {
  const state = q.state ?? 'open';
  const { rows } = await db.query<Row>(
    `SELECT * FROM job_dead_letters
      WHERE queue = $1
        AND ($2 = 'all' OR ($2 = 'open') = (retried_at IS NULL))
        AND ($3::timestamptz IS NULL OR failed_at < $3)
      ORDER BY failed_at DESC, id DESC LIMIT $4`,
    [q.queue, state, q.before ?? null, q.limit ?? 50],
  );
  return rows.map(toDeadLetter);
};

export const findDeadLetter = async (db: Queryable, id: string, queue: string): Promise<DeadLetter | undefined> => {
  const { rows } = await db.query<Row>('SELECT * FROM job_dead_letters WHERE id = $1 AND queue = $2', [id, queue]);
  return rows[0] ? toDeadLetter(rows[0]) : undefined;
};

/**
 * Sends a dead letter's job again, with a fresh set of retries, and marks it retried; audited.
 * Call it in a transaction. A dead letter of another queue answers not-found; one already retried
 * answers conflict (its retry is a job of its own, which may itself end here again).
 */
export const retryDeadLetter = async (
  tx: Queryable,
  o: { id: string; queue: string; actor: AuditActor; requestId?: string },
): Promise<DeadLetter> => {
  const { rows } = await tx.query<Row>(
    `UPDATE job_dead_letters SET retried_at = now(), retried_by = $3, retried_by_name = $4
      WHERE id = $1 AND queue = $2 AND retried_at IS NULL RETURNING *`,
    [o.id, o.queue, o.actor.id, o.actor.name],
  );
  const row = rows[0];
  if (!row) {
    const existing = await findDeadLetter(tx, o.id, o.queue);
    if (!existing) throw notFound('Không có thư lỗi (dead letter) này');
    throw conflict('Thư lỗi này đã được gửi lại', { retriedAt: existing.retriedAt?.toISOString() });
  }
  await enqueue(tx, row.queue, row.payload as object);
  await recordAudit(tx, {
    actor: o.actor,
    action: 'job.dead-letter.retry',
    target: { type: 'job_dead_letter', id: row.id },
    after: { queue: row.queue, sourceJobId: row.source_job_id },
    requestId: o.requestId,
  });
  return toDeadLetter(row);
};
