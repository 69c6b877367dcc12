import type pg from 'pg';
import type { Db } from '../platform/db/pool.ts';

/**
 * Bulk loading on PostgreSQL, the way its documentation advises ("Populating a Database"):
 * generate rows inside the server, with foreign-key and other triggers off while loading (the
 * generated rows are consistent by construction; the smoke test checks it), secondary indexes
 * dropped and built once at the end, and statistics gathered before anyone queries.
 */
export type Loader = {
  /** Runs each list of statements on its own connection, the lists side by side. */
  parallel: (lists: readonly (readonly string[])[]) => Promise<void>;
  run: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;
  triggersOff: boolean;
  /** Rows inserted so far, by table (from the INSERT statements' answers). */
  inserted: Map<string, number>;
  release: () => Promise<void>;
};

const SESSION = [
  // Losing the last commits in a crash is harmless for a load that is redone from scratch.
  "SET synchronous_commit = 'off'",
  "SET work_mem = '256MB'",
  "SET maintenance_work_mem = '512MB'",
  'SET max_parallel_maintenance_workers = 1',
  // The generating statements chain many LATERAL stages; memoizing them makes planning explode
  // (the planner inspects each stage's expressions through every later one) and gains nothing.
  'SET enable_memoize = off',
];

/** `session_replication_role = replica` skips triggers, foreign-key checks included; superusers only. */
const tryTriggersOff = async (client: pg.PoolClient): Promise<boolean> => {
  try {
    await client.query("SET session_replication_role = 'replica'");
    return true;
  } catch {
    return false;
  }
};

/** `trace`: told how long each statement took (TINHSO_GENERATE_TRACE=1 prints them). */
export const openLoader = async (db: Db, connections: number, trace?: (sql: string, ms: number) => void): Promise<Loader> => {
  const clients: pg.PoolClient[] = [];
  let triggersOff = true;
  try {
    for (let i = 0; i < Math.max(1, connections); i += 1) {
      const client = await db.connect();
      clients.push(client);
      for (const sql of SESSION) await client.query(sql);
      triggersOff = (await tryTriggersOff(client)) && triggersOff;
    }
  } catch (error) {
    for (const c of clients) c.release();
    throw error;
  }
  const first = clients[0]!;
  const inserted = new Map<string, number>();
  const count = (sql: string, result: pg.QueryResult | pg.QueryResult[]) => {
    const table = /^\s*INSERT INTO (\w+)/.exec(sql)?.[1];
    const last = Array.isArray(result) ? result.at(-1) : result;
    if (table && last?.rowCount) inserted.set(table, (inserted.get(table) ?? 0) + last.rowCount);
    return result as pg.QueryResult;
  };
  return {
    triggersOff,
    inserted,
    run: async (sql, params) => count(sql, await first.query(sql, params)),
    parallel: async (lists) => {
      let next = 0;
      const queue = [...lists];
      await Promise.all(
        clients.map(async (client) => {
          for (let list = queue[next++]; list; list = queue[next++]) {
            for (const sql of list) {
              const started = performance.now();
              count(sql, await client.query(sql));
              trace?.(sql, performance.now() - started);
            }
          }
        }),
      );
    },
    release: async () => {
      for (const c of clients) {
        await c.query('RESET ALL').catch(() => undefined);
        c.release();
      }
    },
  };
};

/** An index or unique constraint dropped for the load, and how to build it again. */
export type Dropped = { table: string; name: string; build: string; gin: boolean };

/**
 * Drops, on `tables`, what the load would otherwise keep up to date row by row: indexes that back
 * no constraint, and UNIQUE constraints no foreign key relies on (primary keys stay: other tables
 * point at them, and appending to them is cheap). Building each once from sorted data afterwards
 * is several times cheaper; a duplicate the generator made by mistake fails the rebuild loudly.
 */
export const dropForLoad = async (loader: Loader, tables: readonly string[]): Promise<Dropped[]> => {
  const { rows } = await loader.run(
    `SELECT t.relname AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS build,
            am.amname = 'gin' AS gin, NULL AS constraint_def
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
      WHERE n.nspname = current_schema() AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     UNION ALL
     SELECT t.relname, c.conname, pg_get_constraintdef(c.oid), false, 'constraint'
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND c.contype = 'u'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
      ORDER BY 1, 2`,
    [tables],
  );
  const dropped: Dropped[] = [];
  for (const r of rows as (Dropped & { constraint_def: string | null })[]) {
    if (r.constraint_def) {
      await loader.run(`ALTER TABLE ${r.table} DROP CONSTRAINT ${r.name}`);
      dropped.push({ table: r.table, name: r.name, build: `ALTER TABLE ${r.table} ADD CONSTRAINT ${r.name} ${r.build}`, gin: false });
    } else {
      await loader.run(`DROP INDEX ${r.name}`);
      dropped.push({ table: r.table, name: r.name, build: r.build, gin: r.gin });
    }
  }
  return dropped;
};

/**
 * Builds again what `dropForLoad` dropped, the costliest first (by the table's size; trigram GIN
 * indexes count several times), each connection taking the next when it is free.
 */
export const rebuildDropped = async (loader: Loader, dropped: readonly Dropped[]): Promise<void> => {
  const { rows } = await loader.run('SELECT relname, pg_relation_size(oid)::float8 AS bytes FROM pg_class WHERE relname = ANY($1)', [dropped.map((d) => d.table)]);
  const size = new Map((rows as { relname: string; bytes: number }[]).map((r) => [r.relname, r.bytes]));
  const cost = (d: Dropped) => (size.get(d.table) ?? 0) * (d.gin ? 8 : 1);
  await loader.parallel([...dropped].sort((a, b) => cost(b) - cost(a)).map((d) => [d.build]));
};

/**
 * Planner statistics for every loaded table; for the tables read by many queries also the
 * visibility map and hint bits (VACUUM), so that the first queries scan as in a settled database
 * rather than paying for the load. `analyseOnly`: tables too large to be worth a pass now.
 */
export const settleTables = async (loader: Loader, tables: readonly string[], analyseOnly: readonly string[], connections: number): Promise<void> => {
  const lists: string[][] = Array.from({ length: Math.max(1, connections) }, () => []);
  [...tables.map((t) => `VACUUM (ANALYZE) ${t}`), ...analyseOnly.map((t) => `ANALYZE ${t}`)].forEach((sql, i) => lists[i % lists.length]!.push(sql));
  await loader.parallel(lists);
};
