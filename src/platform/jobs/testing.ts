import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/pool.ts';
import { type JobLog, registeredJob } from './registry.ts';

/** A logger that keeps what it is told, for assertions. */
export const memoryLog = (): JobLog & { lines: { level: string; msg: string; obj: object }[] } => {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
};

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export const waitFor = async <T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** Fast settings for tests: immediate retries, quick polling. */
export const FAST_JOBS = { pollingIntervalSeconds: 0.5, relayIntervalMs: 100 } as const;
export const FAST_RETRIES = { retryDelay: 0, retryBackoff: false } as const;

const SILENT: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs the handler of `queue` on its waiting outbox rows whose payload's `field` is `value`, oldest
 * first, as a worker would (first attempt); answers how many ran. For tests of one module's jobs
 * without a running pg-boss.
 */
export const runOutboxJobs = async (db: Db, config: Config, queue: string, field: string, value: string): Promise<number> => {
  const job = registeredJob(queue);
  if (!job) throw new Error(`no handler registered for ${queue}`);
  const { rows } = await db.query<{ id: string; payload: unknown }>(`SELECT id, payload FROM job_outbox WHERE queue = $1 AND payload->>$2 = $3 ORDER BY id`, [queue, field, value]);
  for (const row of rows) {
    await job.handler(row.payload, { db, config, log: SILENT, queue, jobId: String(row.id), attempt: 1, isLastAttempt: false, signal: new AbortController().signal });
  }
  return rows.length;
};
