import { createHash } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import type { Db, DbClient } from '../db/pool.ts';
import type { FileStore } from '../files/store.ts';
import { DEAD_LETTER_QUEUE } from '../jobs/dead-letters.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, CHUNK_BYTES, type Header, type Manifest, openBackupWriter, rowsLine } from './format.ts';
import { CANONICAL_OUTPUT, readSequences, readTables } from './schema-info.ts';
import { forEachRowBatch, TableDigest } from './table-rows.ts';

/**
 * `tinhso backup FILE`: one consistent snapshot of every table of the app and every stored file
 * the `files` table points at, with a manifest of counts and SHA-256 checksums (format.ts). Reads
 * in one REPEATABLE READ, READ ONLY transaction, so it runs beside a serving app and sees one
 * instant; needs no pg_dump. Written to `FILE.partial-<pid>` and renamed when complete, so a
 * failed backup never leaves a file that looks whole.
 */
export type BackupSummary = { file: string; bytes: number; durationMs: number; manifest: Manifest };

const SKIPPED = new Set(['schema_migrations']);

const readMigrations = async (client: DbClient) =>
  (await client.query<{ name: string; checksum: string; appliedAt: string }>(
    // As text: a Date would drop the microseconds, and the restored table would differ.
    'SELECT name, checksum, applied_at::text AS "appliedAt" FROM schema_migrations ORDER BY name COLLATE "C"',
  )).rows;

/** Jobs pg-boss holds that have not run to the end (its schema exists once a server has started). */
const readPendingJobs = async (client: DbClient): Promise<Manifest['pendingJobs']> => {
  const { rows: exists } = await client.query<{ ok: boolean }>(`SELECT to_regclass('pgboss.job') IS NOT NULL AS ok`);
  if (!exists[0]?.ok) return [];
  const { rows } = await client.query<{ queue: string; payload: Record<string, unknown> | null }>(
    `SELECT name AS queue, data AS payload FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '\\_\\_%' AND name <> $1
      ORDER BY created_on, id`,
    [DEAD_LETTER_QUEUE],
  );
  return rows.map((r) => ({ queue: r.queue, payload: r.payload ?? {} }));
};

/** Streams one stored file into the backup in 1 MiB chunks, checking its bytes against its hash. */
const writeStoredFile = async (store: FileStore, sha256: string, size: number, write: (line: { raw: string }) => Promise<void>) => {
  await write({ raw: JSON.stringify({ kind: 'file', sha256, size }) });
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await write({ raw: JSON.stringify({ kind: 'chunk', sha256, data: Buffer.concat(pending).toString('base64') }) });
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of await store.get(sha256)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    total += bytes.length;
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  const actual = hash.digest('hex');
  if (actual !== sha256 || total !== size) throw new Error(`stored file ${sha256} is damaged in the file store (${total} bytes hashing to ${actual})`);
};

/** `key`: BACKUP_ENCRYPTION_KEY; the file is then encrypted (encryption.ts). */
export const writeBackup = async (db: Db, store: FileStore, file: string, key?: Buffer): Promise<BackupSummary> => {
  const started = Date.now();
  const partial = `${file}.partial-${process.pid}`;
  const writer = openBackupWriter(partial, key);
  const client = await db.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const setting of CANONICAL_OUTPUT) await client.query(setting);
    const tables = (await readTables(client)).filter((t) => !SKIPPED.has(t.name));
    const schemaMigrations = await readMigrations(client);
    const createdAt = new Date().toISOString();
    const header: Header = { kind: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, schemaMigrations, tables: tables.map((t) => t.name) };
    await writer.write(header);

    const tableSums: Manifest['tables'] = [];
    for (const table of tables) {
      await writer.write({ kind: 'table', name: table.name, columns: table.columns });
      const digest = new TableDigest();
      await forEachRowBatch(client, table, async (rows) => {
        digest.add(rows);
        await writer.write({ raw: rowsLine(table.name, rows) });
      });
      tableSums.push({ name: table.name, rows: digest.rows, sha256: digest.hex() });
    }
    const sequences = await readSequences(client);
    const pendingJobs = await readPendingJobs(client);
    const hasFiles = tables.some((t) => t.name === 'files');
    const files = hasFiles
      ? (await client.query<{ sha256: string; size: number }>('SELECT sha256, max(size) AS size FROM files GROUP BY sha256 ORDER BY sha256')).rows
      : [];
    for (const f of files) await writeStoredFile(store, f.sha256, f.size, writer.write);
    await client.query('COMMIT');

    const manifest: Manifest = { kind: 'manifest', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, schemaMigrations, tables: tableSums, sequences, files, pendingJobs };
    await writer.write(manifest);
    await writer.close();
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, durationMs: Date.now() - started, manifest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    writer.abort();
    await rm(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
};
