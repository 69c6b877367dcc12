import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { createPool, withTransaction } from '../db/pool.ts';
import { recordAudit } from './record.ts';
import { deriveAuditSigningKey } from './signing.ts';
import { asDba, rewriteStream, writeEntries } from './testing.ts';
import { verifyAuditLog } from './verify.ts';

const key = deriveAuditSigningKey('verify-test-signing-key-0123456789abcdef');

/** Entries of one test stream by sequence number. */
const entriesOf = async (db: { query: (s: string, p: unknown[]) => Promise<{ rows: unknown[] }> }, id: string) =>
  (await db.query('SELECT id, seq, prev_hash, hash FROM audit_log WHERE stream = $1 ORDER BY seq', [`test:${id}`])).rows as {
    id: number;
    seq: number;
    prev_hash: string;
    hash: string;
  }[];

describe('audit verify: hash chains', () => {
  it('passes on entries written by 50 concurrent transactions on 5 streams: no forks, seq continuous', async () => {
    const { db, url } = await createTestDb('base');
    const wide = createPool(url, 20);
    try {
      const streams = ['s1', 's2', 's3', 's4', 's5'];
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          withTransaction(wide, async (tx) => {
            await recordAudit(tx, { actor: { id: null, name: 'tester' }, action: 'test.concurrent', target: { type: 'test', id: streams[i % 5]! }, after: { i } });
            // Hold the stream lock a moment so that writers really queue behind each other.
            await tx.query('SELECT pg_sleep(0.005)');
          }),
        ),
      );
    } finally {
      await wide.end();
    }
    for (const s of ['s1', 's2', 's3', 's4', 's5']) {
      const rows = await entriesOf(db, s);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(10);
    }
    const report = await verifyAuditLog(db, key, { batchSize: 7 });
    expect(report.breaks).toEqual([]);
    expect(report.intact).toBe(true);
    const { rows } = await db.query<{ n: number; s: number }>('SELECT count(*)::int AS n, count(DISTINCT stream)::int AS s FROM audit_log');
    expect(report.entries).toBe(rows[0]!.n);
    expect(report.streams).toBe(rows[0]!.s);
    expect(report.entries).toBeGreaterThanOrEqual(50);
  });

  it('names the entry whose action a DBA changed (hash mismatch)', async () => {
    const { db } = await createTestDb('base');
    await writeEntries(db, 'a', 4);
    const ids = await writeEntries(db, 'b', 5);
    await asDba(db, `UPDATE audit_log SET action = 'test.innocent' WHERE id = $1`, [ids[2]]);
    const report = await verifyAuditLog(db, key, { batchSize: 3 });
    expect(report.intact).toBe(false);
    expect(report.firstBreak).toMatchObject({ reason: 'hash-mismatch', entryId: ids[2], stream: 'test:b', seq: 3 });
    expect(report.breakCount).toBe(1);
  });

  it('names the entry after a deleted middle row (gap)', async () => {
    const { db } = await createTestDb('base');
    const ids = await writeEntries(db, 'c', 5);
    await asDba(db, 'DELETE FROM audit_log WHERE id = $1', [ids[1]]);
    const report = await verifyAuditLog(db, key);
    expect(report.firstBreak).toMatchObject({ reason: 'gap', entryId: ids[2], stream: 'test:c', seq: 3 });
    expect(report.firstBreak!.detail).toContain('số 2');
  });

  it('catches a changed row whose own hash was recomputed: the link from the next entry breaks', async () => {
    const { db } = await createTestDb('base');
    const ids = await writeEntries(db, 'd', 3);
    // Seq 2 gets new content and a matching hash; seq 3 still points at seq 2's old hash.
    await rewriteStream(db, 'd', 'test.innocent', { fromSeq: 2, toSeq: 2 });
    const report = await verifyAuditLog(db, key);
    expect(report.firstBreak).toMatchObject({ reason: 'broken-link', entryId: ids[2], stream: 'test:d', seq: 3 });
    expect(report.firstBreak!.detail).toContain(`id ${ids[1]}`);
  });

  it('reports the first broken entry by id when several streams are broken', async () => {
    const { db } = await createTestDb('base');
    const early = await writeEntries(db, 'e', 3);
    const late = await writeEntries(db, 'f', 3);
    await asDba(db, `UPDATE audit_log SET actor_name = 'someone else' WHERE id = ANY($1)`, [[late[0], early[2]]]);
    const report = await verifyAuditLog(db, key, { batchSize: 2 });
    expect(report.breakCount).toBe(2);
    expect(report.firstBreak?.entryId).toBe(Math.min(late[0]!, early[2]!));
    expect(report.breaks.map((b) => b.entryId)).toEqual([early[2], late[0]].sort((x, y) => x! - y!));
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log to the application', async () => {
    const { db } = await createTestDb('base');
    const ids = await writeEntries(db, 'g', 2);
    await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [ids[0]])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log WHERE id = $1', [ids[0]])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const { rows } = await db.query<{ action: string }>('SELECT action FROM audit_log WHERE id = ANY($1) ORDER BY id', [ids]);
    expect(rows.map((r) => r.action)).toEqual(['test.write', 'test.write']);
    expect((await verifyAuditLog(db, key)).intact).toBe(true);
  });
});
