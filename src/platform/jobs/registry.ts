import type { Config } from '../config/index.ts';
import type { Db } from '../db/pool.ts';

/** The part of a pino/fastify logger the job runner writes to. */
export type JobLog = {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
};

/** What a handler gets besides its payload. */
export type JobContext = {
  db: Db;
  config: Config;
  log: JobLog;
  queue: string;
  jobId: string;
  /** 1 on the first try, retryLimit + 1 on the last. */
  attempt: number;
  /** True when a failure now sends the job to the dead letters instead of retrying it. */
  isLastAttempt: boolean;
  /** Aborted when the job's time is up (expireInSeconds) or the runner stops: pass it to fetch(). */
  signal: AbortSignal;
};

export type JobHandler<P = unknown> = (payload: P, context: JobContext) => Promise<void>;

/** Retry and run settings of one queue. Delays are in seconds (pg-boss keeps whole seconds). */
export type JobHandlerOptions = {
  /** Retries after the first try. Default 3. */
  retryLimit?: number;
  /** Seconds before a retry (the first one, with backoff). Default 30. */
  retryDelay?: number;
  /** Double the delay at each retry, with jitter. Default true. */
  retryBackoff?: boolean;
  /** Ceiling of a backed-off delay, seconds. Default 3600. */
  retryDelayMax?: number;
  /** How long one try may run before it counts as failed. Default 300. */
  expireInSeconds?: number;
  /** After the last retry, keep the job in `job_dead_letters` (view, retry). Default true. */
  deadLetter?: boolean;
  /** Jobs of this queue run at once in one process. Default 2. */
  concurrency?: number;
  /** Also run this queue on a schedule (cron, Asia/Ho_Chi_Minh), with an empty payload. */
  cron?: string;
};

export type ResolvedJobOptions = Required<Omit<JobHandlerOptions, 'cron'>> & { cron?: string };

export type RegisteredJob = { queue: string; handler: JobHandler; options: ResolvedJobOptions };

/**
 * A failure that retrying cannot fix (a payload the handler refuses, a 4xx from an outside
 * service that will answer the same again): the job goes straight to the dead letters.
 */
export class PermanentJobError extends Error {}

export const DEFAULT_JOB_OPTIONS: ResolvedJobOptions = {
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 300,
  deadLetter: true,
  concurrency: 2,
};

/** Queue names: lower-case words joined by dots or hyphens, `<area>.<what>` (`portal.sync-dossier`). */
export const QUEUE_NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

export const assertQueueName = (queue: string) => {
  if (!QUEUE_NAME.test(queue)) throw new Error(`Invalid job queue name "${queue}" (expected <area>.<what>, e.g. portal.sync-dossier)`);
};

const registry = new Map<string, RegisteredJob>();

/**
 * Declares the handler of a queue. Modules call it once, at import time, beside the use case
 * that enqueues the job; `startJobs` then creates the queue and runs its workers. A second
 * registration of the same queue is a programming error.
 */
export const registerJobHandler = <P>(queue: string, handler: JobHandler<P>, options: JobHandlerOptions = {}): void => {
  assertQueueName(queue);
  if (registry.has(queue)) throw new Error(`Job queue ${queue} already has a handler`);
  registry.set(queue, { queue, handler: handler as JobHandler, options: { ...DEFAULT_JOB_OPTIONS, ...options } });
};

export const registeredJobs = (): RegisteredJob[] => [...registry.values()];

export const registeredJob = (queue: string): RegisteredJob | undefined => registry.get(queue);
