import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../src/platform/db/pool.ts';
import { isWatched } from './fingerprint.ts';

/**
 * Did anything commit while one request ran? PostgreSQL hands out a transaction id only to a
 * transaction that writes, so the ids drawn between two instants, and which of them committed,
 * answer that in about a millisecond (a fingerprint of every table takes fifty). When one did
 * commit, the tables holding row versions it wrote name what changed; writes to tables that are
 * not watched (the login-attempt ledger, the operations centre's rollups) are expected.
 */
export type WriteMark = bigint;

export const markWrites = async (db: Db): Promise<WriteMark> =>
  BigInt((await db.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x')).rows[0]!.x);

const statusOf = async (db: Db, from: WriteMark, to: WriteMark) =>
  (await db.query<{ xid: string; status: string | null }>(
    'SELECT x::text AS xid, pg_xact_status(x::text::xid8) AS status FROM generate_series($1::bigint, $2::bigint - 1) x',
    [String(from), String(to)],
  )).rows;

/** Transactions that drew an id in [from, to) and committed (waiting a moment for ones still running). */
export const committedBetween = async (db: Db, from: WriteMark, to: WriteMark): Promise<string[]> => {
  if (to <= from) return [];
  let rows = await statusOf(db, from, to);
  for (let i = 0; i < 20 && rows.some((r) => r.status === 'in progress'); i += 1) {
    await sleep(25);
    rows = await statusOf(db, from, to);
  }
  return rows.filter((r) => r.status === 'committed').map((r) => r.xid);
};

let watched: string[] | undefined;

/** The watched tables holding a row version written by one of these (64-bit) transaction ids. */
export const tablesWrittenBy = async (db: Db, xids: readonly string[]): Promise<string[]> => {
  if (xids.length === 0) return [];
  watched ??= (
    await db.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`)
  ).rows.map((r) => r.name).filter(isWatched);
  // A row's xmin is the 32-bit part of the 64-bit transaction id.
  const short = xids.map((x) => String(BigInt(x) % 4_294_967_296n));
  const { rows } = await db.query<{ t: string }>(
    watched.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM "${t}" x WHERE x.xmin::text = ANY($1::text[]))`).join(' UNION ALL '),
    [short],
  );
  return rows.map((r) => r.t).sort();
};
