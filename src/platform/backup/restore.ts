import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { listMigrations, migrate } from '../db/migrate.ts';
import type { Db, DbClient, Queryable } from '../db/pool.ts';
import type { FileStore } from '../files/store.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Header, Manifest } from './format.ts';
import { CANONICAL_OUTPUT, ident, readTables, readUserTriggers, type TableInfo } from './schema-info.ts';
import { digestTable } from './table-rows.ts';
import { isEncryptedFile, verifyEncryptedFile } from './encryption.ts';
import { walkBackup } from './walk.ts';

/**
 * `tinhso restore FILE` into an empty database: applies the migrations the backup was made on,
 * loads every table in one transaction (user triggers off, so that nothing derived is written
 * twice; foreign keys checked, self-references set in a second pass), puts the stored files back
 * (each checked against its SHA-256), restores sequences, and compares every table's count and
 * checksum in the database with the manifest before it commits. Then applies newer migrations.
 * A database that has been used (any account or audit entry) is refused; so is a backup from a
 * newer version of the code. After a failed restore the database is still empty: try again.
 */
export class RestoreRefusedError extends Error {}

export type RestoreSummary = { manifest: Manifest; migratedAfter: string[]; durationMs: number };

/**
 * Tables whose rows mean someone has used the database: every account, and every change (each one
 * is audited). Rows that migrations or reference imports wrote (administrative units, settings)
 * are not data anyone entered: restore replaces them with the backup's.
 */
const USE_MARKERS = ['users', 'audit_log'];

const refuseIfInUse = async (db: Queryable) => {
  for (const table of USE_MARKERS) {
    const { rows } = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`public.${table}`]);
    if (!rows[0]?.present) continue;
    const { rowCount } = await db.query(`SELECT 1 FROM ${ident(table)} LIMIT 1`);
    if (rowCount) throw new RestoreRefusedError(`Cơ sở dữ liệu không trống / the database is not empty (${table} has rows): restore only into an empty database`);
  }
};

/** Deletes the reference rows migrations wrote, children first (user triggers are off). */
const clearReferenceRows = async (client: DbClient, tables: readonly TableInfo[]) => {
  for (const t of [...tables].reverse()) {
    if (t.name === 'schema_migrations') continue;
    await client.query(`DELETE FROM ${ident(t.name)}`);
  }
};

/** The backup's schema, from this code's own migration files: refused when the code lacks one. */
const applyBackupSchema = async (db: Db, header: Header, log: (m: string) => void) => {
  const code = new Map((await listMigrations()).map((m) => [m.name, m.checksum]));
  for (const m of header.schemaMigrations) {
    if (!code.has(m.name)) throw new RestoreRefusedError(`the backup was made by a newer version (migration ${m.name} is unknown here): restore with that version`);
    if (code.get(m.name) !== m.checksum) throw new RestoreRefusedError(`migration ${m.name} differs from the one the backup was made on`);
  }
  await migrate(db, log, { only: new Set(header.schemaMigrations.map((m) => m.name)) });
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
  const extra = rows.map((r) => r.name).filter((n) => !header.schemaMigrations.some((m) => m.name === n));
  if (extra.length) throw new RestoreRefusedError(`the database already has migrations the backup lacks (${extra.slice(0, 3).join(', ')}): restore into a blank database`);
};

const insertSql = (t: TableInfo) => {
  const columns = t.insertable.map(ident).join(', ');
  const values = t.insertable.map((c) => (t.selfRefs.includes(c) ? `NULL AS ${ident(c)}` : `v.${ident(c)}`)).join(', ');
  return `INSERT INTO ${ident(t.name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_populate_recordset(NULL::${ident(t.name)}, $1::json) v`;
};

const selfRefSql = (t: TableInfo) => {
  const set = t.selfRefs.map((c) => `${ident(c)} = v.${ident(c)}`).join(', ');
  const match = t.primaryKey.map((c) => `t.${ident(c)} = v.${ident(c)}`).join(' AND ');
  return `UPDATE ${ident(t.name)} t SET ${set} FROM json_populate_recordset(NULL::${ident(t.name)}, $1::json) v WHERE ${match}`;
};

/** Loads the walked content into the transaction's tables and the file store. */
const databaseSink = (client: DbClient, tables: Map<string, TableInfo>, store: FileStore) => {
  let deferred: string[] = [];
  let temp: { path: string; out: WriteStream } | undefined;
  const tableOf = (name: string) => {
    const table = tables.get(name);
    if (!table) throw new RestoreRefusedError(`table ${name} of the backup does not exist here`);
    return table;
  };
  return {
    tableStart: async (name: string, columns: string[]) => {
      const t = tableOf(name);
      if (columns.join(',') !== t.columns.join(',')) throw new RestoreRefusedError(`table ${name} has other columns here than in the backup`);
      if (t.selfRefs.length && !t.primaryKey.length) throw new RestoreRefusedError(`table ${name} refers to itself without a primary key`);
      deferred = [];
    },
    rows: async (name: string, rows: string[]) => {
      const t = tableOf(name);
      await client.query(insertSql(t), [`[${rows.join(',')}]`]);
      if (t.selfRefs.length) deferred.push(...rows.filter((r) => t.selfRefs.some((c) => (JSON.parse(r) as Record<string, unknown>)[c] != null)));
    },
    tableEnd: async (name: string) => {
      const t = tableOf(name);
      for (let i = 0; i < deferred.length; i += 1000) await client.query(selfRefSql(t), [`[${deferred.slice(i, i + 1000).join(',')}]`]);
      deferred = [];
    },
    fileStart: async () => {
      const path = await store.tempPath();
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true });
      // A write error (disk full) surfaces in fileEnd through `finished`; never as an unhandled event.
      out.on('error', () => undefined);
      temp = { path, out };
    },
    chunk: async (bytes: Buffer) => {
      if (!temp!.out.write(bytes)) await once(temp!.out, 'drain');
    },
    fileEnd: async (sha256: string) => {
      const { path, out } = temp!;
      temp = undefined;
      out.end();
      await finished(out);
      await store.put(sha256, path);
    },
    cleanUp: async () => {
      if (temp) {
        temp.out.destroy();
        await rm(temp.path, { force: true });
      }
    },
  };
};

/** `key`: BACKUP_ENCRYPTION_KEY, for an encrypted file. */
export const restoreBackup = async (db: Db, store: FileStore, file: string, log: (m: string) => void = () => undefined, key?: Buffer): Promise<RestoreSummary> => {
  const started = Date.now();
  // An encrypted file is read once whole first: a wrong key or a tampered or cut file is refused
  // before anything touches the database (the tags prove the bytes; the checksums follow below).
  if (await isEncryptedFile(file)) await verifyEncryptedFile(file, key);
  // Cheap refusal first, before anything is written.
  await refuseIfInUse(db);
  const client = await db.connect();
  let sink: ReturnType<typeof databaseSink> | undefined;
  let disabled: { table: string; name: string }[] = [];
  try {
    const result = await walkBackup(file, {
      header: async (header) => {
        await applyBackupSchema(db, header, log);
        await client.query('BEGIN');
        for (const setting of CANONICAL_OUTPUT) await client.query(setting);
        const tables = await readTables(client);
        // No other session writes while the rows go in; and the check holds until commit.
        await client.query(`LOCK TABLE ${tables.map((t) => ident(t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
        await refuseIfInUse(client);
        disabled = await readUserTriggers(client);
        for (const t of disabled) await client.query(`ALTER TABLE ${ident(t.table)} DISABLE TRIGGER ${ident(t.name)}`);
        await clearReferenceRows(client, tables);
        sink = databaseSink(client, new Map(tables.map((t) => [t.name, t])), store);
      },
      tableStart: (...a) => sink!.tableStart(...a),
      rows: (...a) => sink!.rows(...a),
      tableEnd: (...a) => sink!.tableEnd(...a),
      fileStart: () => sink!.fileStart(),
      chunk: (...a) => sink!.chunk(...a),
      fileEnd: (...a) => sink!.fileEnd(...a),
    }, key);
    const { header, manifest } = result;
    const tables = new Map((await readTables(client)).map((t) => [t.name, t]));
    for (const s of manifest.sequences) {
      if (s.lastValue !== null) await client.query('SELECT setval($1::regclass, $2, true)', [`public.${ident(s.name)}`, s.lastValue]);
    }
    for (const expected of manifest.tables) {
      const actual = await digestTable(client, tables.get(expected.name)!);
      if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
        throw new Error(`table ${expected.name} does not match the backup after loading (${actual.rows} rows, ${actual.sha256}; expected ${expected.rows}, ${expected.sha256})`);
      }
    }
    for (const m of header.schemaMigrations) await client.query('UPDATE schema_migrations SET applied_at = $2::timestamptz WHERE name = $1', [m.name, m.appliedAt]);
    // Jobs pg-boss had not finished go back through the outbox; their handlers are idempotent.
    for (const job of manifest.pendingJobs) await enqueue(client, job.queue, job.payload);
    for (const t of disabled) await client.query(`ALTER TABLE ${ident(t.table)} ENABLE TRIGGER ${ident(t.name)}`);
    await client.query('COMMIT');
    const migratedAfter = await migrate(db, log);
    return { manifest, migratedAfter, durationMs: Date.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await sink?.cleanUp();
    throw error;
  } finally {
    client.release();
  }
};
