import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import { createDecryptStream, createEncryptStream, isEncryptedFile } from './encryption.ts';

/**
 * The backup file: one gzip stream of JSON lines, read and written in a single pass.
 *
 *   {"kind":"header", format, version, createdAt, schemaMigrations, tables}
 *   {"kind":"table", name, columns}                 then its rows, 1,000 to a line:
 *   {"kind":"rows", table, rows: ["<row as PostgreSQL's row_to_json text>", …]}
 *   {"kind":"file", sha256, size}                   then its bytes, 1 MiB to a line:
 *   {"kind":"chunk", sha256, data: "<base64>"}
 *   {"kind":"manifest", …}                          last line: counts and checksums of everything
 *
 * Rows are kept as the exact text PostgreSQL printed (a JSON string holding JSON), so no value is
 * re-encoded on the way (no big number or float is rounded by JavaScript). `zcat FILE | tail -1`
 * shows the manifest. With a key (BACKUP_ENCRYPTION_KEY) the gzip stream is encrypted in
 * authenticated chunks (encryption.ts); the reader recognises such a file by its first bytes.
 */
export const BACKUP_FORMAT = 'tinhso-backup';
export const BACKUP_VERSION = 1;
export const CHUNK_BYTES = 1024 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Migration = z.object({ name: z.string(), checksum: z.string(), appliedAt: z.string() });

export const Header = z.object({
  kind: z.literal('header'),
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  schemaMigrations: z.array(Migration),
  tables: z.array(z.string()),
});
export type Header = z.infer<typeof Header>;

export const Manifest = z.object({
  kind: z.literal('manifest'),
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  schemaMigrations: z.array(Migration),
  /** In load order; `sha256` over each row's text and a newline, in primary-key order. */
  tables: z.array(z.object({ name: z.string(), rows: z.number().int(), sha256: Sha256 })),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.number().int().nullable() })),
  files: z.array(z.object({ sha256: Sha256, size: z.number().int() })),
  /** Jobs pg-boss held but had not finished; restore puts them back in the outbox. */
  pendingJobs: z.array(z.object({ queue: z.string(), payload: z.record(z.string(), z.unknown()) })),
});
export type Manifest = z.infer<typeof Manifest>;

const TableStart = z.object({ kind: z.literal('table'), name: z.string(), columns: z.array(z.string()) });
const Rows = z.object({ kind: z.literal('rows'), table: z.string(), rows: z.array(z.string()) });
const FileStart = z.object({ kind: z.literal('file'), sha256: Sha256, size: z.number().int().min(0) });
const Chunk = z.object({ kind: z.literal('chunk'), sha256: Sha256, data: z.string() });

export const BackupRecord = z.discriminatedUnion('kind', [Header, TableStart, Rows, FileStart, Chunk, Manifest]);
export type BackupRecord = z.infer<typeof BackupRecord>;

/** Writes records to a gzip file (encrypted with `key` when given), waiting when the stream asks to (flat memory). */
export const openBackupWriter = (file: string, key?: Buffer) => {
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const gzip = createGzip({ level: 6 });
  const encrypt = key ? createEncryptStream(key) : undefined;
  if (encrypt) gzip.pipe(encrypt).pipe(out);
  else gzip.pipe(out);
  const finished = once(out, 'close');
  return {
    /** `raw`: an already serialised line (rows records are built as text). */
    write: async (record: BackupRecord | { raw: string }) => {
      const line = 'raw' in record ? record.raw : JSON.stringify(record);
      if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
    },
    close: async () => {
      gzip.end();
      await finished;
    },
    abort: () => {
      gzip.destroy();
      encrypt?.destroy();
      out.destroy();
    },
  };
};

/** A rows record built from row texts, without parsing them. */
export const rowsLine = (table: string, rows: readonly string[]) => JSON.stringify({ kind: 'rows', table, rows });

export class BackupFormatError extends Error {}

/**
 * The records of a backup file, in order, each checked against its schema. An encrypted file is
 * decrypted with `key` (a wrong or missing key, a tampered or cut file: an error from encryption.ts).
 */
export async function* readBackup(file: string, key?: Buffer): AsyncGenerator<BackupRecord> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  if (await isEncryptedFile(file)) {
    const decrypt = createDecryptStream(key);
    // Errors of the first stages reach the reader through the last one.
    source.on('error', (e) => gunzip.destroy(e));
    decrypt.on('error', (e) => gunzip.destroy(e));
    source.pipe(decrypt).pipe(gunzip);
  } else {
    source.on('error', (e) => gunzip.destroy(e));
    source.pipe(gunzip);
  }
  const lines = createInterface({ input: gunzip, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BackupFormatError(`line ${number} is not JSON: the file is damaged or not a Tỉnh số backup`);
    }
    const record = BackupRecord.safeParse(parsed);
    if (!record.success) throw new BackupFormatError(`line ${number}: ${record.error.issues[0]?.message ?? 'unexpected record'}`);
    if (number === 1 && record.data.kind !== 'header') throw new BackupFormatError('the file does not start with a Tỉnh số backup header');
    yield record.data;
  }
}
