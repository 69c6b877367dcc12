import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { memoryLog } from '../jobs/testing.ts';
import { registeredJob } from '../jobs/registry.ts';
import { main } from '../../cli/main.ts';
import { createDecryptStream, MAGIC } from '../backup/encryption.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { entryHash, recordAudit } from './record.ts';
import { checkArchiveFile } from './check-archive.ts';
import { AUDIT_RETENTION_QUEUE } from './retention-job.ts';
import { archiveOldAuditEntries } from './retention.ts';
import { lastVerification } from './verifications.ts';
import { sealAuditLog } from './seal.ts';
import { deriveAuditSigningKey } from './signing.ts';
import { asDba, writeEntries } from './testing.ts';
import { verifyAuditLog } from './verify.ts';

/**
 * Retention: entries past the period are archived to a file, recorded and deleted; newer ones stay;
 * `verify` passes afterwards (chains continue from the archived heads, archived checkpoints keep
 * their signatures), new entries continue archived streams, and tampering still shows.
 */
const SIGNING = 'retention-test-signing-key-0123456789abcdef';
const key = deriveAuditSigningKey(SIGNING);
const dir = mkdtempSync(path.join(tmpdir(), 'tinhso-retention-'));
chmodSync(dir, 0o755);
let db: Db;
let url: string;
let mid: Date;
let oldIds: number[];
let newIds: number[];
const encryptionKey = randomBytes(32);

const config = (over: { months?: number; key?: Buffer } = {}) => ({ dataDir: dir, auditRetentionMonths: over.months ?? 12, backupEncryptionKey: over.key });
/** `now` such that the cutoff (now − months) falls at `at`. */
const nowFor = (at: Date, months = 12) => {
  const now = new Date(at);
  now.setUTCMonth(now.getUTCMonth() + months);
  return now;
};

type Line = { id: number; stream: string; seq: number; at: string; actor: { id: string | null; name: string }; action: string; target: { type: string; id: string }; beforeDigest: string | null; afterDigest: string | null; requestId: string | null; prevHash: string; hash: string };
const parseLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Line);
const recomputed = (e: Line) =>
  entryHash({ stream: e.stream, seq: e.seq, at: e.at, actorId: e.actor.id, actorName: e.actor.name, action: e.action, targetType: e.target.type, targetId: e.target.id, beforeDigest: e.beforeDigest, afterDigest: e.afterDigest, requestId: e.requestId, prevHash: e.prevHash });

beforeAll(async () => {
  ({ db, url } = await createTestDb('base'));
  oldIds = [...(await writeEntries(db, 'old-a', 3)), ...(await writeEntries(db, 'old-b', 2))];
  expect((await sealAuditLog(db, key)).length).toBe(1);
  await sleep(30);
  mid = new Date();
  await sleep(30);
  newIds = [...(await writeEntries(db, 'old-a', 2)), ...(await writeEntries(db, 'new-c', 2))];
  await sealAuditLog(db, key);
  await writeEntries(db, 'unsealed', 1);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit retention', () => {
  it('keeps everything while no sealed checkpoint is wholly past the period', async () => {
    expect(await archiveOldAuditEntries(db, config(), { now: new Date() })).toBeNull();
    // 24 months configured: entries a year old are not past it.
    expect(await archiveOldAuditEntries(db, config({ months: 24 }), { now: nowFor(mid) })).toBeNull();
    expect((await db.query('SELECT 1 FROM audit_log WHERE id = ANY($1)', [oldIds])).rowCount).toBe(oldIds.length);
  });

  it('archives and deletes only the entries past the period, then verify still passes', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE id <= $1', [Math.max(...oldIds)]);
    const archive = await archiveOldAuditEntries(db, config(), { now: nowFor(mid) });
    expect(archive).not.toBeNull();
    expect(archive!.entryCount).toBe(before.rows[0]!.n);
    expect(archive!.uptoEntryId).toBe(Math.max(...oldIds));
    expect(archive!.encrypted).toBe(false);
    expect((await db.query('SELECT 1 FROM audit_log WHERE id = ANY($1)', [oldIds])).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM audit_log WHERE id = ANY($1)', [newIds])).rowCount).toBe(newIds.length);

    // The file holds exactly the archived entries, each with a hash an auditor can recompute.
    expect(existsSync(archive!.file)).toBe(true);
    expect(archive!.file.startsWith(path.join(dir, 'audit-archives'))).toBe(true);
    const lines = parseLines(gunzipSync(readFileSync(archive!.file)).toString('utf8'));
    expect(lines.length).toBe(archive!.entryCount);
    expect(lines.map((l) => l.id)).toEqual(expect.arrayContaining(oldIds));
    for (const l of lines) expect(recomputed(l)).toBe(l.hash);
    expect(lines.at(-1)!.hash).toBe(archive!.lastHash);
    const row = await db.query('SELECT entry_count, last_hash, file, file_sha256, upto_checkpoint_id FROM audit_archives WHERE id = $1', [archive!.id]);
    expect(row.rows[0]).toMatchObject({ entry_count: archive!.entryCount, last_hash: archive!.lastHash, file: archive!.file, upto_checkpoint_id: 1 });
    expect((await db.query(`SELECT 1 FROM audit_log WHERE action = 'audit.archive'`)).rowCount).toBe(1);

    const report = await verifyAuditLog(db, key, { batchSize: 3 });
    expect(report.breaks).toEqual([]);
    expect(report.intact).toBe(true);
    expect(report.archivedEntries).toBe(archive!.entryCount);
    expect(report.archives).toBe(1);
    // Nothing new past the period: a second run archives nothing.
    expect(await archiveOldAuditEntries(db, config(), { now: nowFor(mid) })).toBeNull();
  });

  it('continues a stream whose entries were all archived from its archived head', async () => {
    const { rows: head } = await db.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM audit_archived_heads WHERE stream = 'test:old-b'`);
    expect(head[0]?.seq).toBe(2);
    const entry = await withTransaction(db, (tx) => recordAudit(tx, { actor: { id: null, name: 'tester' }, action: 'test.after-archive', target: { type: 'test', id: 'old-b' } }));
    const { rows } = await db.query<{ seq: number; prev_hash: string }>('SELECT seq, prev_hash FROM audit_log WHERE hash = $1', [entry.hash]);
    expect(rows[0]).toEqual({ seq: 3, prev_hash: head[0]!.hash });
    await sealAuditLog(db, key);
    expect((await verifyAuditLog(db, key)).intact).toBe(true);
  });

  it('archives the next period encrypted with the backup key, and verify passes again', async () => {
    const archive = await archiveOldAuditEntries(db, config({ key: encryptionKey }), { now: nowFor(new Date(Date.now() + 1000)) });
    expect(archive?.id).toBe(2);
    expect(archive!.encrypted).toBe(true);
    const bytes = readFileSync(archive!.file);
    expect(bytes.subarray(0, MAGIC.length)).toEqual(MAGIC);
    expect(bytes.includes(Buffer.from('old-a'))).toBe(false);
    const plain: Buffer[] = [];
    await pipeline(Readable.from([bytes]), createDecryptStream(encryptionKey), new Writable({ write: (c: Buffer, _e, done) => (plain.push(c), done()) }));
    const lines = parseLines(gunzipSync(Buffer.concat(plain)).toString('utf8'));
    expect(lines.map((l) => l.id)).toEqual(expect.arrayContaining(newIds));
    expect(lines[0]!.id).toBeGreaterThan(Math.max(...oldIds));
    expect((await db.query('SELECT 1 FROM audit_log WHERE id = ANY($1)', [newIds])).rowCount).toBe(0);
    const report = await verifyAuditLog(db, key);
    expect(report.breaks).toEqual([]);
    expect(report.archives).toBe(2);
  });

  it('proves each archive file offline: hashes, count, last hash and the archived checkpoints\' Merkle roots', async () => {
    expect(await checkArchiveFile(db, 1, undefined)).toMatchObject({ archiveId: 1, problems: [] });
    expect(await checkArchiveFile(db, 2, encryptionKey)).toMatchObject({ archiveId: 2, problems: [] });
    expect((await checkArchiveFile(db, 2, randomBytes(32))).problems.join()).toMatch(/wrong key/);

    // An archive file edited afterwards (one entry's action changed, hash recomputed) is caught.
    const { rows } = await db.query<{ file: string }>('SELECT file FROM audit_archives WHERE id = 1');
    const file = rows[0]!.file;
    copyFileSync(file, `${file}.orig`);
    const lines = parseLines(gunzipSync(readFileSync(file)).toString('utf8'));
    const forged = { ...lines[0]!, action: 'test.forged' };
    forged.hash = recomputed(forged);
    writeFileSync(file, gzipSync([forged, ...lines.slice(1)].map((l) => JSON.stringify(l)).join('\n')));
    const problems = (await checkArchiveFile(db, 1, undefined)).problems.join('\n');
    expect(problems).toMatch(/SHA-256 differs/);
    expect(problems).toMatch(/do not fold into its Merkle root/);
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { DATABASE_URL: url, TINHSO_DATA_DIR: dir, NODE_ENV: 'test', AUDIT_SIGNING_KEY: SIGNING, BACKUP_ENCRYPTION_KEY: encryptionKey.toString('hex') });
      expect(await main(['audit', 'verify', '--archives'])).toBe(1);
      copyFileSync(`${file}.orig`, file);
      expect((await checkArchiveFile(db, 1, undefined)).problems).toEqual([]);
      expect(await main(['audit', 'verify', '--archives'])).toBe(0);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('still catches a tampered remaining entry, an entry slipped into the archived range, and refuses deleting unarchived entries', async () => {
    const [fresh] = await writeEntries(db, 'old-a', 2);
    await sealAuditLog(db, key);
    expect((await verifyAuditLog(db, key)).intact).toBe(true);
    await expect(withTransaction(db, (tx) => tx.query('DELETE FROM audit_log WHERE id = $1', [fresh]))).rejects.toThrow(/append-only/);

    await asDba(db, `UPDATE audit_log SET action = 'test.forged' WHERE id = $1`, [fresh]);
    const tampered = await verifyAuditLog(db, key);
    expect(tampered.intact).toBe(false);
    expect(tampered.breaks.find((b) => b.entryId === fresh)?.reason).toBe('hash-mismatch');
    await asDba(db, `UPDATE audit_log SET action = 'test.write' WHERE id = $1`, [fresh]);
    expect((await verifyAuditLog(db, key)).intact).toBe(true);

    await asDba(
      db,
      `INSERT INTO audit_log (id, stream, seq, at, actor_name, action, target_type, target_id, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1, 'test:intruder', 1, now(), 'dba', 'test.intrude', 'test', 'intruder', $2, $2)`,
      [oldIds[0], '0'.repeat(64)],
    );
    const intruded = await verifyAuditLog(db, key);
    expect(intruded.intact).toBe(false);
    expect(intruded.breaks.map((b) => b.reason)).toContain('in-archived-range');
  });

  it('runs daily as a pg-boss job that archives, verifies and records the verification', async () => {
    const job = registeredJob(AUDIT_RETENTION_QUEUE);
    expect(job?.options.cron).toBe('15 3 * * *');
    const before = await lastVerification(db);
    const log = memoryLog();
    const config = testConfig({ TINHSO_DATA_DIR: dir });
    await job!.handler({}, { db, config, log, queue: AUDIT_RETENTION_QUEUE, jobId: 'j1', attempt: 1, isLastAttempt: false, signal: new AbortController().signal });
    const after = await lastVerification(db);
    expect(after?.via).toBe('job');
    expect(after!.checkedAt.getTime()).toBeGreaterThan(before?.checkedAt.getTime() ?? 0);
    // The intruder of the previous test is still there (and the test config signs with another key):
    // the job records the broken log and reports it as an error.
    expect(after!.intact).toBe(false);
    expect(log.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['audit log verification found breaks']);
  });
});

