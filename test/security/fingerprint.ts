import type { Db } from '../../src/platform/db/pool.ts';

/**
 * A cheap fingerprint of every table: its row count and the newest transaction id among its rows'
 * versions (`xmin`), in one query. A committed insert or update leaves a row version with a newer
 * transaction id, a delete lowers the count, and a rolled-back write leaves no visible version; so
 * equal fingerprints before and after a batch of refused requests mean that none of them wrote.
 *
 * Left out on purpose: `auth_attempts`, where a refused login or one-time code is *meant* to leave
 * a row (it is how the brute-force limit counts); and the operations centre's rollups (`ioc_*`),
 * derived from dossiers and reports by a timer that folds them every few seconds, so a write a
 * refused request made would show in the tables they derive from.
 */
export const isWatched = (table: string) => table !== 'auth_attempts' && !table.startsWith('ioc_');

const tablesOf = async (db: Db) => {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((r) => r.name).filter(isWatched);
};

export type Fingerprint = Record<string, string>;

export const fingerprintOf = async (db: Db): Promise<Fingerprint> => {
  const tables = await tablesOf(db);
  const sql = tables
    .map((t) => `SELECT '${t}' AS t, count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0) AS f FROM "${t}" x`)
    .join(' UNION ALL ');
  const { rows } = await db.query<{ t: string; f: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
};

/** The tables whose fingerprint differs. */
export const changedTables = (before: Fingerprint, after: Fingerprint) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
