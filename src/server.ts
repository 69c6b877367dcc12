import { setPriority } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config/index.ts';
import { DataDirLockedError, type DataDirLock, lockDataDir } from './platform/db/data-dir-lock.ts';
import { type EmbeddedDb, runningEmbeddedUrl, startEmbedded } from './platform/db/embedded.ts';
import { migrate } from './platform/db/migrate.ts';
import { createPool, type Db, type PoolOptions, SERVER_IDLE_MS } from './platform/db/pool.ts';
import { buildApp } from './http/app.ts';
import { buildWorkerApp } from './http/worker-app.ts';
import { auditSigningKeyOf, startAuditSealer } from './platform/audit/index.ts';
import { startJobs } from './platform/jobs/index.ts';
import { prepareData } from './seed/prepare.ts';

export class StartupRefusedError extends Error {}

/** The database the app runs on: `DATABASE_URL`, or the embedded server under the data dir. */
export type Database = { db: Db; url: string; embedded?: EmbeddedDb; lock?: DataDirLock; close: () => Promise<void> };

const poolFor = (url: string, log: (m: string) => void, options: PoolOptions = {}) =>
  createPool(url, 10, (e) => log(`database connection error: ${e.message}`), options);

/**
 * For CLI commands that may run beside a serving instance: with DATABASE_URL they just connect;
 * on the embedded server they use the one the running instance holds, or start it themselves.
 */
export const openSharedDatabase = async (config: Config, log: (m: string) => void): Promise<Database> => {
  if (config.databaseUrl) {
    const db = poolFor(config.databaseUrl, log);
    return { db, url: config.databaseUrl, close: () => db.end() };
  }
  try {
    return await openDatabase(config, log);
  } catch (error) {
    const url = error instanceof DataDirLockedError ? runningEmbeddedUrl(config.dataDir) : undefined;
    if (!url) throw error;
    const db = poolFor(url, log);
    return { db, url, close: () => db.end() };
  }
};

/** The app's own database, holding the data dir's exclusive lock (`tinhso serve`); `pool` as createPool takes it. */
export const openDatabase = async (config: Config, log: (m: string) => void, pool: PoolOptions = {}): Promise<Database> => {
  const lock = lockDataDir(config.dataDir);
  if (lock.staleTakenOver) log(`took over a stale lock on ${config.dataDir} (the previous run ended without stopping)`);
  let embedded: EmbeddedDb | undefined;
  try {
    if (!config.databaseUrl) {
      embedded = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, log: (m) => log(`[postgres] ${m}`) });
    }
    const url = config.databaseUrl ?? embedded!.url;
    const db = poolFor(url, log, pool);
    const close = async () => {
      await db.end().catch(() => undefined);
      await embedded?.stop();
      lock.release();
    };
    return { db, url, embedded, lock, close };
  } catch (error) {
    await embedded?.stop();
    lock.release();
    throw error;
  }
};

const AUDIT_SEAL_INTERVAL_MS = 5 * 60_000;

export type RunningServer = { app: FastifyInstance; database: Database; address: string; stop: () => Promise<void> };

type Log = FastifyInstance['log'];

/**
 * The background work of an instance: the job workers and the outbox relay (the modules
 * registered their handlers when they were imported: app.ts imports them all), and the audit
 * sealer, which folds new audit entries into a signed Merkle checkpoint every few minutes
 * (audit/README.md). Returns what stops it all.
 */
const startBackground = async (db: Db, config: Config, log: Log): Promise<() => Promise<void>> => {
  const jobs = await startJobs(db, config, log);
  const stopSealer = startAuditSealer(db, auditSigningKeyOf(config), AUDIT_SEAL_INTERVAL_MS, {
    onError: (error) => log.warn({ err: error }, 'audit seal deferred'),
  });
  return async () => {
    await jobs.stop();
    await stopSealer();
  };
};

/** Listens, or stops the background work already started and rethrows. */
const listenOr = async (app: FastifyInstance, config: Config, stopBackground?: () => Promise<void>): Promise<string> => {
  try {
    return await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stopBackground?.();
    throw error;
  }
};

const stopOnce = (steps: (() => Promise<unknown>)[]) => {
  let stopping: Promise<void> | undefined;
  return () =>
    (stopping ??= (async () => {
      for (const step of steps) await step();
    })());
};

/**
 * A worker process (`TINHSO_WORKER_MODE=worker`): the background work only, at a lower CPU
 * priority, beside API processes started with `server`. It uses DATABASE_URL, or the embedded
 * server that the API process on the same data dir holds. It applies pending migrations as every
 * instance does (under their lock) but leaves the demo data to the API process.
 */
const startWorker = async (config: Config): Promise<RunningServer> => {
  const database = await openSharedDatabase(config, (m) => console.error(m));
  try {
    await migrate(database.db, (m) => console.error(m));
    const app = await buildWorkerApp({ config, db: database.db });
    try {
      setPriority(config.workerNice);
    } catch (error) {
      app.log.warn({ err: error }, `could not lower this worker's CPU priority to nice ${config.workerNice}`);
    }
    const stopBackground = await startBackground(database.db, config, app.log);
    const address = await listenOr(app, config, stopBackground);
    return { app, database, address, stop: stopOnce([() => app.close(), stopBackground, () => database.close()]) };
  } catch (error) {
    await database.close();
    throw error;
  }
};

/**
 * Starts an instance as `config.workerMode` says: the API with its background work (`shared`,
 * the default and `npm start`), the API alone (`server`), or the background work alone (`worker`).
 */
export const startServer = async (config: Config): Promise<RunningServer> => {
  if (config.workerMode === 'worker') return startWorker(config);
  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
  // The serving pool keeps its connections through a lull (pool.ts).
  const database = await openDatabase(config, (m) => (verbose || !m.startsWith('[postgres]') ? console.error(m) : undefined), { idleTimeoutMillis: SERVER_IDLE_MS });
  try {
    await migrate(database.db, (m) => console.error(m));
    const refusal = await prepareData(database.db, config);
    if (refusal) throw new StartupRefusedError(refusal);
    const app = await buildApp({ config, db: database.db });
    const stopBackground = config.workerMode === 'shared' ? await startBackground(database.db, config, app.log) : undefined;
    const address = await listenOr(app, config, stopBackground);
    const stop = stopOnce([() => app.close(), async () => stopBackground?.(), () => database.close()]);
    return { app, database, address, stop };
  } catch (error) {
    await database.close();
    throw error;
  }
};
