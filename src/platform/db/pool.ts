import pg from 'pg';
import { runTransaction } from './transaction.ts';

export { deferWrite, forgetTransactionMemo, transactionMemo } from './transaction.ts';

export type Db = pg.Pool;
export type DbClient = pg.PoolClient;
/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

// Keep bigint columns (counts, sums) as JS numbers where they fit; dates stay Date objects.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// `date` columns are calendar days, not instants: keep them as 'YYYY-MM-DD' strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** How long the server's pool keeps an idle connection (server.ts); pg's own default is 10 s. */
export const SERVER_IDLE_MS = 300_000;

export type PoolOptions = {
  /** Close a connection idle this long (pg's default 10 s). */
  idleTimeoutMillis?: number;
};

/**
 * A pool on `connectionString` of at most `max` connections. The server keeps its connections
 * through a lull of up to five minutes (`idleTimeoutMillis: SERVER_IDLE_MS`, server.ts): with pg's
 * 10 s, the next requests after each quiet spell paid for new server processes, their catalog
 * caches and every prepared statement again (public tracking after 10 s idle ran at about half its
 * speed for a second). Short-lived pools (commands, tests, the many databases of a test run) keep
 * pg's 10 s, so that a forgotten pool never holds the server's connection slots for minutes.
 * Idle connections never hold a process open (`allowExitOnIdle`).
 */
export const createPool = (connectionString: string, max = 10, onError: (e: Error) => void = () => undefined, options: PoolOptions = {}): Db => {
  // Pipeline mode: statements given to a client without waiting for the one before go out at
  // once (a transaction's deferred writes: transaction.ts); awaited one by one, nothing changes.
  const pool = new pg.Pool({ connectionString, max, application_name: 'tinhso', pipeline: true, allowExitOnIdle: true, ...options });
  // An idle connection dropped by the server (restart, shutdown) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', onError);
  return pool;
};

/**
 * Which database a pool or client talks to (`host:port/name`), for process-wide caches of data
 * that never changes once written (tests run many databases in one process).
 */
export const databaseKeyOf = (q: Queryable): string => {
  const client = q as { connectionParameters?: { host?: string; port?: number; database?: string } };
  if (client.connectionParameters) {
    const c = client.connectionParameters;
    return `${c.host}:${c.port}/${c.database}`;
  }
  const pool = q as { options?: { connectionString?: string; host?: string; port?: number; database?: string } };
  const o = pool.options ?? {};
  if (o.connectionString) {
    const u = new URL(o.connectionString);
    return `${decodeURIComponent(u.hostname)}:${u.port || 5432}/${decodeURIComponent(u.pathname.slice(1))}`;
  }
  return `${o.host}:${o.port}/${o.database}`;
};

/**
 * A fixed statement that each connection prepares once (PostgreSQL parses and plans it once, then
 * only binds values): for the small statements every request runs. A third to a quarter of the
 * server's and the database's CPU per statement, measured on the scale-1 data. Only for statements
 * whose plan does not depend on the values (lookups by key); names are unique in the app.
 */
export const preparedStatement =
  (name: string, text: string) =>
  (values: unknown[]): pg.QueryConfig => ({ name, text, values });

/** Runs `work` in one transaction; rolls back on any error and rethrows it (transaction.ts). */
export const withTransaction = <T>(db: Db, work: (client: DbClient) => Promise<T>): Promise<T> => runTransaction(db, work);
