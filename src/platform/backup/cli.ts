import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../../cli/main.ts';
import { openSharedDatabase } from '../../server.ts';
import { type Config, loadConfig } from '../config/index.ts';
import { LocalFileStore } from '../files/store.ts';
import { writeBackup } from './backup.ts';
import type { Manifest } from './format.ts';
import { restoreBackup } from './restore.ts';
import { recordAudit } from '../audit/record.ts';
import { withTransaction } from '../db/pool.ts';
import { recordBackupRun } from './runs.ts';
import { walkBackup } from './walk.ts';

const quiet = (m: string) => (m.startsWith('[postgres]') ? undefined : console.error(m));

const describe = (m: Manifest) => {
  const rows = m.tables.reduce((n, t) => n + t.rows, 0);
  const bytes = m.files.reduce((n, f) => n + f.size, 0);
  return `${m.tables.length} tables, ${rows.toLocaleString('en')} rows, ${m.files.length} stored files (${(bytes / 1024 / 1024).toFixed(1)} MB), ${m.schemaMigrations.length} migrations, ${m.pendingJobs.length} pending jobs`;
};

/** The configured database and its file store (`<TINHSO_DATA_DIR>/files`), for one command. */
const withDataStore = async <T>(work: (db: Parameters<typeof writeBackup>[0], store: LocalFileStore, config: Config) => Promise<T>): Promise<T> => {
  const config = loadConfig();
  const database = await openSharedDatabase(config, quiet);
  try {
    return await work(database.db, new LocalFileStore(path.join(config.dataDir, 'files')), config);
  } finally {
    await database.close();
  }
};

const backupCommand: Command = {
  name: 'backup',
  summary: 'Sao lưu CSDL và tệp vào một tệp / back up the database and stored files',
  usage: [
    'tinhso backup FILE [--json] [--unencrypted]',
    '',
    'Writes one consistent snapshot of every table and every stored file to FILE (gzip JSON lines',
    'with a manifest of row counts and SHA-256 checksums). Runs beside a serving instance; needs no',
    'pg_dump. Refuses to overwrite FILE. Restore with `tinhso restore FILE` into an empty database.',
    'With BACKUP_ENCRYPTION_KEY set the file is encrypted (AES-256-GCM in authenticated chunks);',
    'NODE_ENV=production refuses to write an unencrypted backup unless --unencrypted is given.',
    '  --json         print the manifest',
    '  --unencrypted  write a plain file even when a key is set (or in production without one)',
  ].join('\n'),
  run: async (args) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, unencrypted: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new Error('usage: tinhso backup FILE [--unencrypted]');
    if (existsSync(file)) throw new Error(`${file} exists already; choose a new file name`);
    const summary = await withDataStore(async (db, store, config) => {
      const key = values.unencrypted ? undefined : config.backupEncryptionKey;
      if (!key && config.isProduction && !values.unencrypted) {
        throw new Error(
          'Không ghi bản sao lưu không mã hóa khi NODE_ENV=production: đặt BACKUP_ENCRYPTION_KEY (32 byte, `openssl rand -base64 32`) hoặc thêm --unencrypted / ' +
            'refusing to write an unencrypted backup in production: set BACKUP_ENCRYPTION_KEY or pass --unencrypted',
        );
      }
      const written = await writeBackup(db, store, path.resolve(file), key);
      await recordBackupRun(db, written, key);
      return { ...written, encrypted: Boolean(key) };
    });
    if (values.json) console.log(JSON.stringify(summary.manifest, null, 2));
    else console.log(`backed up ${describe(summary.manifest)} to ${file} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB, ${summary.encrypted ? 'encrypted' : 'NOT encrypted'}) in ${(summary.durationMs / 1000).toFixed(1)} s`);
    return 0;
  },
};

const restoreCommand: Command = {
  name: 'restore',
  summary: 'Khôi phục từ tệp sao lưu vào CSDL trống / restore a backup into an empty database',
  usage: [
    'tinhso restore FILE [--check]',
    '',
    'Restores a `tinhso backup` file into the configured database, which must be empty (a new',
    'TINHSO_DATA_DIR, or a blank database at DATABASE_URL), and its stored files into the data dir.',
    'Every table and file is checked against the manifest before the restore commits; afterwards',
    'the migrations newer than the backup are applied. Keep AUDIT_SIGNING_KEY (or SESSION_SECRET)',
    'as it was, or `tinhso audit verify` reports the checkpoints as signed with another key.',
    'An encrypted file needs the BACKUP_ENCRYPTION_KEY it was written with; a wrong key or a',
    'tampered or cut file is refused before the database is touched.',
    '  --check  only read FILE and check every checksum; touches no database',
  ].join('\n'),
  run: async (args) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new Error('usage: tinhso restore FILE [--check]');
    if (!existsSync(file)) throw new Error(`${file} does not exist`);
    if (values.check) {
      const { manifest } = await walkBackup(file, {}, loadConfig().backupEncryptionKey);
      console.log(`${file} is intact: ${describe(manifest)}, made ${manifest.createdAt}`);
      return 0;
    }
    const summary = await withDataStore(async (db, store, config) => {
      const restored = await restoreBackup(db, store, file, quiet, config.backupEncryptionKey);
      // The restore itself goes into the restored log (after the backup's own entries).
      await withTransaction(db, (tx) =>
        recordAudit(tx, { actor: { id: null, name: 'tinhso restore' }, action: 'backup.restore', target: { type: 'backup', id: restored.manifest.createdAt }, after: { file: path.basename(file), createdAt: restored.manifest.createdAt } }),
      );
      return restored;
    });
    console.log(`restored ${describe(summary.manifest)} in ${(summary.durationMs / 1000).toFixed(1)} s; every checksum matches`);
    if (summary.migratedAfter.length) console.log(`then applied ${summary.migratedAfter.length} newer migration(s)`);
    return 0;
  },
};

export const backupCommands: Command[] = [backupCommand, restoreCommand];
