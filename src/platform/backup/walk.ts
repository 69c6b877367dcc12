import { createHash, type Hash } from 'node:crypto';
import { BackupFormatError, type Header, type Manifest, readBackup } from './format.ts';
import { TableDigest } from './table-rows.ts';

/**
 * Reads a backup file once, from header to manifest, checking as it goes: every table's rows
 * against the manifest's count and SHA-256, every stored file's bytes against its SHA-256 and size,
 * and that the manifest lists exactly what the file holds. A sink receives the content (restore
 * writes it to the database and the file store; `tinhso restore --check` passes none).
 */
export type BackupSink = {
  header?: (header: Header) => Promise<void>;
  tableStart?: (name: string, columns: string[]) => Promise<void>;
  rows?: (table: string, rows: string[]) => Promise<void>;
  tableEnd?: (name: string) => Promise<void>;
  fileStart?: (sha256: string, size: number) => Promise<void>;
  chunk?: (bytes: Buffer) => Promise<void>;
  fileEnd?: (sha256: string) => Promise<void>;
};

export type WalkResult = { header: Header; manifest: Manifest };

type OpenFile = { sha256: string; size: number; hash: Hash; received: number };

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `encryptionKey`: BACKUP_ENCRYPTION_KEY, for an encrypted file. */
export const walkBackup = async (file: string, sink: BackupSink = {}, encryptionKey?: Buffer): Promise<WalkResult> => {
  let header: Header | undefined;
  let manifest: Manifest | undefined;
  const digests = new Map<string, TableDigest>();
  let table: string | undefined;
  let open: OpenFile | undefined;
  const files: { sha256: string; size: number }[] = [];

  const endTable = async () => {
    if (table !== undefined) await sink.tableEnd?.(table);
    table = undefined;
  };
  const endFile = async () => {
    if (!open) return;
    const actual = open.hash.digest('hex');
    if (actual !== open.sha256 || open.received !== open.size) {
      throw new BackupFormatError(`stored file ${open.sha256} is damaged in the backup (got ${open.received} bytes hashing to ${actual})`);
    }
    files.push({ sha256: open.sha256, size: open.size });
    await sink.fileEnd?.(open.sha256);
    open = undefined;
  };

  for await (const record of readBackup(file, encryptionKey)) {
    if (manifest) throw new BackupFormatError('records after the manifest');
    switch (record.kind) {
      case 'header':
        if (header) throw new BackupFormatError('a second header');
        header = record;
        await sink.header?.(record);
        break;
      case 'table':
        await endTable();
        if (digests.has(record.name)) throw new BackupFormatError(`table ${record.name} appears twice`);
        table = record.name;
        digests.set(record.name, new TableDigest());
        await sink.tableStart?.(record.name, record.columns);
        break;
      case 'rows':
        if (record.table !== table) throw new BackupFormatError(`rows of ${record.table} outside its table section`);
        digests.get(record.table)!.add(record.rows);
        await sink.rows?.(record.table, record.rows);
        break;
      case 'file':
        await endTable();
        await endFile();
        open = { sha256: record.sha256, size: record.size, hash: createHash('sha256'), received: 0 };
        await sink.fileStart?.(record.sha256, record.size);
        break;
      case 'chunk': {
        if (!open || record.sha256 !== open.sha256) throw new BackupFormatError(`bytes of ${record.sha256} outside its file section`);
        const bytes = Buffer.from(record.data, 'base64');
        open.hash.update(bytes);
        open.received += bytes.length;
        await sink.chunk?.(bytes);
        break;
      }
      case 'manifest':
        await endTable();
        await endFile();
        manifest = record;
        break;
    }
  }
  if (!header) throw new BackupFormatError('the file is empty');
  if (!manifest) throw new BackupFormatError('the file ends before its manifest: the backup was cut short');

  const listed = manifest.tables.map((t) => t.name);
  if (!sameList(listed, header.tables) || !sameList(listed, [...digests.keys()])) throw new BackupFormatError('the manifest and the file list different tables');
  for (const t of manifest.tables) {
    const d = digests.get(t.name)!;
    const sha256 = d.hex();
    if (d.rows !== t.rows || sha256 !== t.sha256) throw new BackupFormatError(`table ${t.name}: ${d.rows} rows with checksum ${sha256}, the manifest says ${t.rows} rows, ${t.sha256}`);
  }
  const key = (f: { sha256: string; size: number }) => `${f.sha256}:${f.size}`;
  if (!sameList(files.map(key), manifest.files.map(key))) throw new BackupFormatError('the manifest and the file hold different stored files');
  return { header, manifest };
};
