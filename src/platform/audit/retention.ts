import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { openBackupWriter } from '../backup/format.ts';
import { encryptionKeyId } from '../backup/encryption.ts';
import type { Config } from '../config/index.ts';
import type { Db, DbClient } from '../db/pool.ts';
import { auditRowsInOrder, jsonLine } from './export.ts';
import { recordAudit, SYSTEM_ACTOR } from './record.ts';

/**
 * Audit-log retention: entries older than AUDIT_RETENTION_MONTHS (the law's floor is 12) are
 * exported to a file under `<data dir>/audit-archives/` (gzip JSON lines as `GET /api/audit/export`
 * writes them, encrypted when BACKUP_ENCRYPTION_KEY is set), recorded in `audit_archives` (file,
 * id range, count, last hash, SHA-256 of the file) with each stream's last archived entry in
 * `audit_archived_heads`, then deleted from `audit_log` — all in one transaction.
 *
 * Only whole sealed checkpoints are archived: the archive ends at a checkpoint's last entry, so
 * every checkpoint left covers entries still in the table, and the archived checkpoints (never
 * deleted) still prove the archive file. An entry older than the cutoff may therefore stay until
 * the checkpoint it belongs to is wholly older than the cutoff (one sealing interval later).
 */
export type AuditArchive = {
  id: number;
  fromEntryId: number;
  uptoEntryId: number;
  uptoCheckpointId: number;
  entryCount: number;
  lastHash: string;
  file: string;
  fileSha256: string;
  encrypted: boolean;
  cutoff: string;
};

type RetentionConfig = Pick<Config, 'dataDir' | 'auditRetentionMonths' | 'backupEncryptionKey'>;

const RETENTION_LOCK = 727_003;

/** `now` minus the retention period in calendar months. */
export const retentionCutoff = (now: Date, months: number) => {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
};

/** The last checkpoint after `afterEntry` whose entries are all older than the cutoff. */
const lastArchivableCheckpoint = async (client: DbClient, afterEntry: number, cutoff: Date) => {
  const { rows } = await client.query<{ id: number; upto_entry_id: number }>(
    'SELECT id, upto_entry_id FROM audit_checkpoints WHERE upto_entry_id > $1 AND created_at < $2 ORDER BY id DESC LIMIT 50',
    [afterEntry, cutoff],
  );
  for (const c of rows) {
    const { rows: newest } = await client.query<{ at: Date | null }>('SELECT max(at) AS at FROM audit_log WHERE id > $1 AND id <= $2', [afterEntry, c.upto_entry_id]);
    if (newest[0]?.at && newest[0].at < cutoff) return c;
  }
  return undefined;
};

const sha256OfFile = async (file: string) => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

const writeArchiveFile = async (client: DbClient, file: string, fromId: number, uptoId: number, key: Buffer | undefined) => {
  const partial = `${file}.partial-${process.pid}`;
  const writer = openBackupWriter(partial, key);
  try {
    for await (const row of auditRowsInOrder(client, { afterId: fromId, uptoId })) await writer.write({ raw: jsonLine(row) });
    await writer.close();
    await rename(partial, file);
  } catch (error) {
    writer.abort();
    await rm(partial, { force: true });
    throw error;
  }
};

/** Archives and deletes the entries past retention; null when there is nothing to archive yet. */
export const archiveOldAuditEntries = async (db: Db, config: RetentionConfig, opts: { now?: Date } = {}): Promise<AuditArchive | null> => {
  const cutoff = retentionCutoff(opts.now ?? new Date(), config.auditRetentionMonths);
  const client = await db.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK]);
    try {
      const { rows: prev } = await client.query<{ id: number; upto: number }>(
        'SELECT coalesce(max(id), 0)::int AS id, coalesce(max(upto_entry_id), 0)::bigint AS upto FROM audit_archives',
      );
      const from = prev[0]!.upto;
      const target = await lastArchivableCheckpoint(client, from, cutoff);
      if (!target) return null;
      const id = prev[0]!.id + 1;
      const upto = target.upto_entry_id;
      const { rows: stats } = await client.query<{ n: number; oldest: Date; newest: Date; last_hash: string | null }>(
        `SELECT count(*)::int AS n, min(at) AS oldest, max(at) AS newest, (SELECT hash FROM audit_log WHERE id = $2) AS last_hash
           FROM audit_log WHERE id > $1 AND id <= $2`,
        [from, upto],
      );
      const s = stats[0]!;
      if (!s.last_hash) throw new Error(`audit entry ${upto} (the end of checkpoint #${target.id}) is missing: run tinhso audit verify`);

      const key = config.backupEncryptionKey;
      const dir = path.join(config.dataDir, 'audit-archives');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `audit-archive-${String(id).padStart(6, '0')}-${from + 1}-${upto}.jsonl.gz${key ? '.enc' : ''}`);
      await writeArchiveFile(client, file, from, upto, key);
      const archive: AuditArchive = {
        id, fromEntryId: from, uptoEntryId: upto, uptoCheckpointId: target.id, entryCount: s.n, lastHash: s.last_hash,
        file, fileSha256: await sha256OfFile(file), encrypted: Boolean(key), cutoff: cutoff.toISOString(),
      };

      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO audit_archives (id, from_entry_id, upto_entry_id, upto_checkpoint_id, entry_count, oldest_at, newest_at, cutoff,
             last_hash, file, file_sha256, encrypted, key_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`,
          [id, from, upto, target.id, s.n, s.oldest, s.newest, cutoff, s.last_hash, file, archive.fileSha256, archive.encrypted, key ? encryptionKeyId(key) : null],
        );
        await client.query(
          `INSERT INTO audit_archived_heads (stream, seq, entry_id, hash, archive_id)
           SELECT DISTINCT ON (stream) stream, seq, id, hash, $3::int FROM audit_log
            WHERE id > $1 AND id <= $2 ORDER BY stream, seq DESC
           ON CONFLICT (stream) DO UPDATE
             SET seq = excluded.seq, entry_id = excluded.entry_id, hash = excluded.hash, archive_id = excluded.archive_id
           WHERE audit_archived_heads.seq < excluded.seq`,
          [from, upto, id],
        );
        const deleted = await client.query('DELETE FROM audit_log WHERE id > $1 AND id <= $2', [from, upto]);
        if (deleted.rowCount !== s.n) throw new Error(`audit retention: ${deleted.rowCount} entries deleted, ${s.n} archived`);
        await recordAudit(client, {
          actor: SYSTEM_ACTOR,
          action: 'audit.archive',
          target: { type: 'audit-archive', id: String(id) },
          after: { fromEntryId: from, uptoEntryId: upto, entryCount: s.n, lastHash: s.last_hash, fileSha256: archive.fileSha256, cutoff: archive.cutoff },
        });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        await rm(file, { force: true });
        throw error;
      }
      return archive;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK]).catch(() => (broken = true));
    }
  } finally {
    client.release(broken);
  }
};
