import type { JobInsert, PgBoss } from 'pg-boss';
import { type Db, type DbClient, deferWrite, preparedStatement, withTransaction } from '../db/pool.ts';

type OutboxRow = { id: number; queue: string; payload: object; options: { startAfter?: string; priority?: number } };

/**
 * pg-boss's statements with parameters (job insert, completion, retries…) are a few texts that do
 * not change while it runs: they go out as named statements, so each connection parses and plans
 * one once instead of at every call (the insert alone took ~1 ms to parse and bind). Capped, so
 * that texts built with changing values could never fill every connection's cache.
 */
const MAX_NAMED_BOSS_STATEMENTS = 64;
const bossStatementNames = new Map<string, string>();

export const bossStatementName = (text: string): string | undefined => {
  let name = bossStatementNames.get(text);
  if (name === undefined && bossStatementNames.size < MAX_NAMED_BOSS_STATEMENTS) {
    name = `pgboss.${bossStatementNames.size + 1}`;
    bossStatementNames.set(text, name);
  }
  return name;
};

/** pg-boss's database interface over one of our clients, so its statements join our transaction. */
export const bossDbOf = (client: Pick<DbClient, 'query'>) => ({
  executeSql: async (text: string, values?: unknown[]) => {
    const name = values && values.length > 0 ? bossStatementName(text) : undefined;
    return client.query(name ? { name, text, values } : { text, values });
  },
});

const TAKE_OUTBOX = preparedStatement(
  'jobs.outbox-take',
  'SELECT id, queue, payload, options FROM job_outbox WHERE queue = ANY($1) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED',
);
const DELETE_OUTBOX = preparedStatement('jobs.outbox-delete', 'DELETE FROM job_outbox WHERE id = ANY($1)');

const toJob = (row: OutboxRow): JobInsert => ({
  data: row.payload,
  ...(row.options.startAfter ? { startAfter: row.options.startAfter } : {}),
  ...(row.options.priority !== undefined ? { priority: row.options.priority } : {}),
});

/**
 * Moves up to `batch` committed outbox rows of the given queues into pg-boss, oldest first. The
 * inserts into pg-boss and the deletion of the rows are one transaction: a crash in between leaves
 * the rows to be moved again, never half-moved. `SKIP LOCKED` lets several servers relay at once.
 * Rows of a queue no handler is registered for stay until one is. Returns how many were moved.
 */
export const relayOutbox = async (db: Db, boss: PgBoss, queues: readonly string[], batch = 200): Promise<number> => {
  if (queues.length === 0) return 0;
  return withTransaction(db, async (tx) => {
    const { rows } = await tx.query<OutboxRow>(TAKE_OUTBOX([queues, batch]));
    if (rows.length === 0) return 0;
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    const db = bossDbOf(tx);
    for (const [queue, group] of byQueue) await boss.insert(queue, group.map(toJob), { db });
    await deferWrite(tx, DELETE_OUTBOX([rows.map((r) => r.id)]));
    return rows.length;
  });
};

/** Outbox rows still waiting, per queue (operations: a growing count means no relay is running). */
export const outboxBacklog = async (db: Pick<Db, 'query'>): Promise<Record<string, number>> => {
  const { rows } = await db.query<{ queue: string; n: number }>('SELECT queue, count(*)::int AS n FROM job_outbox GROUP BY queue');
  return Object.fromEntries(rows.map((r) => [r.queue, r.n]));
};
