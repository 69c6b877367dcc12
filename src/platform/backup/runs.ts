import { recordAudit } from '../audit/record.ts';
import { uuidv7 } from '../db/ids.ts';
import { type Db, type Queryable, withTransaction } from '../db/pool.ts';
import type { BackupSummary } from './backup.ts';
import { encryptionKeyId } from './encryption.ts';

/**
 * Completed backups, in `backup_runs`: written by `tinhso backup` after the file is whole, with an
 * audit entry (`backup.create`), so the security-configuration page can report the last one's age.
 */
export type BackupRun = { id: string; file: string; finishedAt: Date; bytes: number; encrypted: boolean; keyId: string | null };

export const recordBackupRun = async (db: Db, summary: BackupSummary, key: Buffer | undefined, actorName = 'tinhso backup'): Promise<string> => {
  const id = uuidv7();
  const finishedAt = new Date();
  const startedAt = new Date(finishedAt.getTime() - summary.durationMs);
  const keyId = key ? encryptionKeyId(key) : null;
  const rows = summary.manifest.tables.reduce((n, t) => n + t.rows, 0);
  await withTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO backup_runs (id, file, started_at, finished_at, bytes, encrypted, key_id, table_count, row_count, file_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, summary.file, startedAt, finishedAt, summary.bytes, keyId !== null, keyId, summary.manifest.tables.length, rows, summary.manifest.files.length],
    );
    await recordAudit(tx, {
      actor: { id: null, name: actorName },
      action: 'backup.create',
      target: { type: 'backup', id },
      after: { file: summary.file, bytes: summary.bytes, encrypted: keyId !== null, keyId },
    });
  });
  return id;
};

export const lastBackupRun = async (db: Queryable): Promise<BackupRun | undefined> => {
  const { rows } = await db.query<{ id: string; file: string; finished_at: Date; bytes: number; encrypted: boolean; key_id: string | null }>(
    'SELECT id, file, finished_at, bytes, encrypted, key_id FROM backup_runs ORDER BY finished_at DESC LIMIT 1',
  );
  const r = rows[0];
  return r && { id: r.id, file: r.file, finishedAt: r.finished_at, bytes: r.bytes, encrypted: r.encrypted, keyId: r.key_id };
};
