import pg from 'pg';

export type Db = pg.Pool;
export type DbClient = pg.PoolClient;
/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

// Keep bigint columns (counts, sums) as JS numbers where they fit; dates stay Date objects.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// `date` columns are calendar days, not instants: keep them as 'YYYY-MM-DD' strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export const createPool = (connectionString: string, max = 10, onError: (e: Error) => void = () => undefined): Db => {
  const pool = new pg.Pool({ connectionString, max, application_name: 'tinhso' });
  // An idle connection dropped by the server (restart, shutdown) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', onError);
  return pool;
};

/**
 * What a transaction opened by `withTransaction` remembers until it ends (the audit chain heads it
 * wrote: record.ts). Keyed by the client, set after BEGIN and dropped before the client goes back
 * to the pool; a client in a transaction opened any other way has none.
 */
const memos = new WeakMap<object, Map<string, unknown>>();

/** The memo of the caller's `withTransaction` transaction, or undefined outside one. */
export const transactionMemo = (q: Queryable): Map<string, unknown> | undefined => memos.get(q);

/** Forget what the transaction remembered: call it after ROLLBACK TO SAVEPOINT, which may undo remembered writes. */
export const forgetTransactionMemo = (q: Queryable) => memos.get(q)?.clear();

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
    return `${u.hostname}:${u.port || 5432}/${decodeURIComponent(u.pathname.slice(1))}`;
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

/** Runs `work` in one transaction; rolls back on any error and rethrows it. */
export const withTransaction = async <T>(db: Db, work: (client: DbClient) => Promise<T>): Promise<T> => {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    memos.set(client, new Map());
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    memos.delete(client);
    client.release();
  }
};
