import { createHash, type Hash } from 'node:crypto';
import type { DbClient } from '../db/pool.ts';
import { ident, type TableInfo } from './schema-info.ts';

/**
 * A table's rows as PostgreSQL prints them (`row_to_json`, under the canonical output settings),
 * in the canonical order, read through a cursor in batches so that memory stays flat on a table of
 * any size. Must run inside a transaction (backup: a read-only snapshot).
 */
export const forEachRowBatch = async (client: DbClient, table: TableInfo, onBatch: (rows: string[]) => Promise<void>, batchSize = 1000) => {
  await client.query(`DECLARE tinhso_rows NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM ${ident(table.name)} x ORDER BY ${table.orderBy}`);
  try {
    for (;;) {
      const { rows } = await client.query<{ j: string }>(`FETCH ${batchSize} FROM tinhso_rows`);
      if (rows.length === 0) break;
      await onBatch(rows.map((r) => r.j));
    }
  } finally {
    await client.query('CLOSE tinhso_rows');
  }
};

/** SHA-256 over a table's rows, each followed by a newline, in the canonical order. */
export class TableDigest {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  add(rows: readonly string[]) {
    for (const row of rows) this.hash.update(`${row}\n`);
    this.rows += rows.length;
  }

  hex() {
    return this.hash.digest('hex');
  }
}

/** Row count and checksum of a table as it stands (in the caller's transaction). */
export const digestTable = async (client: DbClient, table: TableInfo) => {
  const digest = new TableDigest();
  await forEachRowBatch(client, table, async (rows) => digest.add(rows));
  return { rows: digest.rows, sha256: digest.hex() };
};
