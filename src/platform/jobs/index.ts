export { enqueue, type EnqueueOptions } from './enqueue.ts';
export {
  registerJobHandler,
  PermanentJobError,
  type JobContext,
  type JobHandler,
  type JobHandlerOptions,
  type JobLog,
} from './registry.ts';
export { startJobs, type JobsRuntime, type StartJobsOptions } from './start-jobs.ts';
export {
  DEAD_LETTER_QUEUE,
  findDeadLetter,
  listDeadLetters,
  retryDeadLetter,
  type DeadLetter,
  type DeadLetterQuery,
} from './dead-letters.ts';
export { outboxBacklog } from './relay.ts';
