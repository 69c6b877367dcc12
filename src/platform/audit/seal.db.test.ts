import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { entryLeaf, MerkleBuilder } from './merkle.ts';
import { GENESIS_HASH, recordAudit } from './record.ts';
import { SealDeferredError, sealAuditLog, startAuditSealer } from './seal.ts';
import { checkpointHash, deriveAuditSigningKey, signCheckpoint } from './signing.ts';
import { asDba, rewriteStream, writeEntries } from './testing.ts';
import { verifyAuditLog } from './verify.ts';

const key = deriveAuditSigningKey('seal-test-signing-key-0123456789abcdef');

const count = async (db: Db, sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

const asDbaOnCheckpoints = (db: Db, sql: string, params: unknown[] = []) =>
  withTransaction(db, async (tx) => {
    await tx.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_update');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_update');
  });

describe('audit sealing: signed Merkle checkpoints', () => {
  it('folds every entry into checkpoints chained to each other, and seals nothing twice', async () => {
    const { db } = await createTestDb('base');
    await writeEntries(db, 'a', 5);
    await writeEntries(db, 'b', 4);
    const total = await count(db, 'SELECT count(*)::int AS n FROM audit_log');
    const first = await sealAuditLog(db, key, { maxEntries: 4, batchSize: 3 });
    expect(first.length).toBe(Math.ceil(total / 4));
    expect(first.reduce((n, c) => n + c.entryCount, 0)).toBe(total);
    expect(first[0]).toMatchObject({ id: 1, fromEntryId: 0, prevCheckpointHash: GENESIS_HASH, keyId: key.id });
    for (let i = 1; i < first.length; i += 1) {
      expect(first[i]!.fromEntryId).toBe(first[i - 1]!.uptoEntryId);
      expect(first[i]!.prevCheckpointHash).toBe(first[i - 1]!.hash);
    }
    // The root is the RFC 6962 root over (id, hash) of exactly the covered entries.
    const { rows } = await db.query<{ id: number; hash: string }>('SELECT id, hash FROM audit_log WHERE id > $1 AND id <= $2 ORDER BY id', [
      first[0]!.fromEntryId,
      first[0]!.uptoEntryId,
    ]);
    const tree = new MerkleBuilder();
    for (const r of rows) tree.add(entryLeaf(r.id, r.hash));
    expect(first[0]!.merkleRoot).toBe(tree.root());
    expect(first[0]!.signature).toBe(signCheckpoint(key, checkpointHash(first[0]!)));

    expect(await sealAuditLog(db, key)).toEqual([]);
    await writeEntries(db, 'a', 2);
    const next = await sealAuditLog(db, key);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ id: first.length + 1, entryCount: 2, fromEntryId: first.at(-1)!.uptoEntryId, prevCheckpointHash: first.at(-1)!.hash });

    const report = await verifyAuditLog(db, key, { batchSize: 2 });
    expect(report.breaks).toEqual([]);
    expect(report).toMatchObject({ intact: true, checkpoints: first.length + 1, sealedEntries: total + 2, unsealedEntries: 0 });
  });

  it('catches a stream whose tail was deleted after sealing and names the first missing entry', async () => {
    const { db } = await createTestDb('base');
    const ids = await writeEntries(db, 'tail', 5);
    await writeEntries(db, 'other', 2);
    const [checkpoint] = await sealAuditLog(db, key);
    await asDba(db, 'DELETE FROM audit_log WHERE id = ANY($1)', [[ids[3], ids[4]]]);
    const report = await verifyAuditLog(db, key);
    expect(report.intact).toBe(false);
    expect(report.firstBreak).toMatchObject({ reason: 'missing-tail', stream: 'test:tail', seq: 4, checkpointId: checkpoint!.id });
    expect(report.breaks.map((b) => b.reason)).toContain('checkpoint-mismatch');
  });

  it('catches a whole stream rewritten consistently after sealing, even with the bookkeeping fixed too', async () => {
    const { db } = await createTestDb('base');
    const ids = await writeEntries(db, 'victim', 4);
    await writeEntries(db, 'bystander', 3);
    await sealAuditLog(db, key);
    await rewriteStream(db, 'victim', 'test.whitewashed');
    const report = await verifyAuditLog(db, key);
    // The chain itself is consistent again: only the seal can tell.
    expect(report.breaks.filter((b) => ['hash-mismatch', 'broken-link', 'gap'].includes(b.reason))).toEqual([]);
    expect(report.firstBreak).toMatchObject({ reason: 'rewritten-after-seal', entryId: ids[3], stream: 'test:victim', seq: 4 });
    expect(report.breaks.map((b) => b.reason)).toContain('checkpoint-mismatch');

    // A DBA who also rewrites the sealed heads still cannot match the signed Merkle root.
    await db.query(`UPDATE audit_stream_heads h SET hash = l.hash FROM audit_log l WHERE l.id = h.entry_id AND h.stream = 'test:victim'`);
    const again = await verifyAuditLog(db, key);
    expect(again.intact).toBe(false);
    expect(again.breaks.map((b) => b.reason)).toEqual(['checkpoint-mismatch']);
  });

  it('names an entry inserted into an already sealed id range', async () => {
    const { db } = await createTestDb('base');
    // A rolled-back write leaves an unused id inside what will be sealed.
    const client = await db.connect();
    await client.query('BEGIN');
    const lost = await recordAudit(client, { actor: { id: null, name: 'tester' }, action: 'test.lost', target: { type: 'test', id: 'x' } });
    await client.query('ROLLBACK');
    client.release();
    await writeEntries(db, 'y', 2);
    await sealAuditLog(db, key);
    const { rows } = await db.query('SELECT * FROM audit_log WHERE stream = $1', ['test:y']);
    const model = rows[0] as Record<string, unknown>;
    await asDba(
      db,
      `INSERT INTO audit_log (id, stream, seq, at, actor_name, action, target_type, target_id, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1, 'test:forged', 1, $2, 'tester', 'test.forged', 'test', 'forged', $3, $4)`,
      [lost.id, model.at, GENESIS_HASH, 'a'.repeat(64)],
    );
    const report = await verifyAuditLog(db, key);
    expect(report.firstBreak).toMatchObject({ entryId: lost.id, stream: 'test:forged' });
    expect(report.breaks.map((b) => b.reason)).toEqual(expect.arrayContaining(['unsealed-in-sealed-range', 'checkpoint-mismatch']));
  });

  it('catches edited, deleted and re-signed checkpoints (the last one against a published copy)', async () => {
    const { db } = await createTestDb('base');
    await writeEntries(db, 'c', 3);
    const sealed = await sealAuditLog(db, key, { maxEntries: 2 });
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    expect((await verifyAuditLog(db, key, { published: sealed })).intact).toBe(true);

    const other = deriveAuditSigningKey('another-key-0123456789abcdef-0123456789');
    expect((await verifyAuditLog(db, other)).firstBreak).toMatchObject({ reason: 'checkpoint-signature', checkpointId: 1 });

    // Rebuilt and re-signed with the real key: consistent in itself, but not with what was published.
    const fields = { ...sealed[0]!, createdAt: new Date(Date.parse(sealed[0]!.createdAt) + 1000).toISOString() };
    const hash = checkpointHash(fields);
    await asDbaOnCheckpoints(db, 'UPDATE audit_checkpoints SET created_at = $2, hash = $3, signature = $4 WHERE id = $1', [1, fields.createdAt, hash, signCheckpoint(key, hash)]);
    const republished = await verifyAuditLog(db, key, { published: sealed });
    expect(republished.firstBreak).toMatchObject({ reason: 'published-mismatch', checkpointId: 1 });
    expect(republished.breaks.find((b) => b.checkpointId === 2)).toMatchObject({ reason: 'checkpoint-chain' });

    await asDbaOnCheckpoints(db, `UPDATE audit_checkpoints SET merkle_root = $2 WHERE id = $1`, [1, 'b'.repeat(64)]);
    expect((await verifyAuditLog(db, key)).breaks.filter((b) => b.checkpointId === 1).map((b) => b.reason)).toEqual(
      expect.arrayContaining(['checkpoint-chain', 'checkpoint-mismatch']),
    );

    await asDbaOnCheckpoints(db, 'UPDATE audit_stream_heads SET checkpoint_id = 2; DELETE FROM audit_checkpoints WHERE id = 1');
    const deleted = await verifyAuditLog(db, key, { published: sealed });
    expect(deleted.breaks.find((b) => b.checkpointId === 2)).toMatchObject({ reason: 'checkpoint-chain' });
    expect(deleted.breaks.find((b) => b.reason === 'published-mismatch' && b.checkpointId === 1)).toBeDefined();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of checkpoints to the application', async () => {
    const { db } = await createTestDb('base');
    await writeEntries(db, 'd', 1);
    await sealAuditLog(db, key);
    await expect(db.query(`UPDATE audit_checkpoints SET merkle_root = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_checkpoints CASCADE')).rejects.toThrow(/append-only/);
    expect(await count(db, 'SELECT count(*)::int AS n FROM audit_checkpoints')).toBe(1);
  });

  it('waits for a transaction holding a lower entry id instead of skipping it', async () => {
    const { db } = await createTestDb('base');
    const slow = await db.connect();
    try {
      await slow.query('BEGIN');
      const early = await recordAudit(slow, { actor: { id: null, name: 'tester' }, action: 'test.slow', target: { type: 'test', id: 'slow' } });
      const [late] = await writeEntries(db, 'fast', 1);
      expect(late).toBeGreaterThan(early.id!);

      await expect(sealAuditLog(db, key, { waitMs: 100 })).rejects.toBeInstanceOf(SealDeferredError);
      let done = false;
      const sealing = sealAuditLog(db, key, { waitMs: 10_000 }).finally(() => (done = true));
      await sleep(300);
      expect(done).toBe(false);
      await slow.query('COMMIT');
      const sealed = await sealing;
      expect(sealed.at(-1)!.uptoEntryId).toBeGreaterThanOrEqual(late!);
    } finally {
      slow.release();
    }
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE id <= (SELECT max(upto_entry_id) FROM audit_checkpoints)',
    );
    const sealedCount = (await db.query<{ n: number }>('SELECT coalesce(sum(entry_count), 0)::int AS n FROM audit_checkpoints')).rows[0]!.n;
    expect(sealedCount).toBe(rows[0]!.n);
    expect((await verifyAuditLog(db, key)).intact).toBe(true);
  });

  it('waits for a writer whose transaction id is above the last one to finish (a snapshot does not list it as running)', async () => {
    const { db } = await createTestDb('base');
    const older = await db.connect();
    const newer = await db.connect();
    try {
      // `older` takes its transaction id first; `newer` takes a higher one and draws the lower entry id.
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await newer.query('BEGIN');
      const low = await recordAudit(newer, { actor: { id: null, name: 'tester' }, action: 'test.newer', target: { type: 'test', id: 'newer' } });
      const high = await recordAudit(older, { actor: { id: null, name: 'tester' }, action: 'test.older', target: { type: 'test', id: 'older' } });
      expect(high.id!).toBeGreaterThan(low.id!);
      // The last transaction to finish is now `older`'s, below `newer`'s id: a snapshot's in-progress
      // list leaves `newer` out, though its entry sits below the highest visible one.
      await older.query('COMMIT');
      await expect(sealAuditLog(db, key, { waitMs: 200 })).rejects.toBeInstanceOf(SealDeferredError);
      await newer.query('COMMIT');
    } finally {
      older.release();
      newer.release();
    }
    await sealAuditLog(db, key);
    const sealedCount = (await db.query<{ n: number }>('SELECT coalesce(sum(entry_count), 0)::int AS n FROM audit_checkpoints')).rows[0]!.n;
    expect(sealedCount).toBe(await count(db, 'SELECT count(*)::int AS n FROM audit_log'));
    expect(await verifyAuditLog(db, key)).toMatchObject({ intact: true, unsealedEntries: 0 });
  });

  it('reports an intact log while writers, the sealer and verify all run at once', async () => {
    const { db } = await createTestDb('base');
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      while (writing) await writeEntries(db, `busy${w % 2}`, 1);
    });
    const stop = startAuditSealer(db, key, 5);
    try {
      for (let i = 0; i < 4; i += 1) {
        const report = await verifyAuditLog(db, key, { batchSize: 3 });
        expect(report.breaks).toEqual([]);
      }
    } finally {
      writing = false;
      await Promise.all(writers);
      await stop();
    }
    await sealAuditLog(db, key);
    const final = await verifyAuditLog(db, key);
    expect(final).toMatchObject({ intact: true, unsealedEntries: 0 });
    expect(final.checkpoints).toBeGreaterThan(1);
  });

  it('seals periodically inside the server until stopped', async () => {
    const { db } = await createTestDb('base');
    await writeEntries(db, 'p', 2);
    const seen: number[] = [];
    const errors: Error[] = [];
    const stop = startAuditSealer(db, key, 30, { onSealed: (cs) => seen.push(...cs.map((c) => c.id)), onError: (e) => errors.push(e) });
    for (let i = 0; i < 100 && seen.length === 0; i += 1) await sleep(20);
    await writeEntries(db, 'p', 1);
    for (let i = 0; i < 100 && seen.length < 2; i += 1) await sleep(20);
    await stop();
    expect(errors).toEqual([]);
    expect(seen).toEqual([1, 2]);
    await writeEntries(db, 'p', 1);
    await sleep(150);
    expect(await count(db, 'SELECT count(*)::int AS n FROM audit_checkpoints')).toBe(2);
  });
});
