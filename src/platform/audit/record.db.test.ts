import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { createPool, forgetTransactionMemo, withTransaction } from '../db/pool.ts';
import { recordAudit } from './record.ts';
import { deriveAuditSigningKey } from './signing.ts';
import { verifyAuditLog } from './verify.ts';

const key = deriveAuditSigningKey('record-test-signing-key-0123456789abcdef');
const entry = (id: string, i: number) => ({ actor: { id: null, name: 'tester' }, action: 'test.record', target: { type: 'test', id }, after: { i } });

const chainOf = async (db: { query: (s: string, p: unknown[]) => Promise<{ rows: unknown[] }> }, id: string) =>
  (await db.query('SELECT seq, prev_hash, hash FROM audit_log WHERE stream = $1 ORDER BY seq', [`test:${id}`])).rows as { seq: number; prev_hash: string; hash: string }[];

describe('recordAudit: several entries of one stream in one transaction', () => {
  it('chains them without asking the database for the head again, while other transactions queue behind the stream', async () => {
    const { db, url } = await createTestDb('base');
    const wide = createPool(url, 12);
    try {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          withTransaction(wide, async (tx) => {
            for (let k = 0; k < 3; k += 1) await recordAudit(tx, entry(i % 2 === 0 ? 'even' : 'odd', i * 10 + k));
          }),
        ),
      );
    } finally {
      await wide.end();
    }
    for (const id of ['even', 'odd']) {
      const chain = await chainOf(db, id);
      expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
      for (let i = 1; i < chain.length; i += 1) expect(chain[i]!.prev_hash).toBe(chain[i - 1]!.hash);
    }
    expect((await verifyAuditLog(db, key)).breaks).toEqual([]);
  });

  it('asks again after a savepoint is rolled back, so the chain continues from what was kept', async () => {
    const { db } = await createTestDb('base');
    await withTransaction(db, async (tx) => {
      await recordAudit(tx, entry('sp', 1));
      await tx.query('SAVEPOINT attempt');
      await recordAudit(tx, entry('sp', 2));
      await tx.query('ROLLBACK TO SAVEPOINT attempt');
      forgetTransactionMemo(tx);
      await recordAudit(tx, entry('sp', 3));
    });
    const chain = await chainOf(db, 'sp');
    expect(chain.map((r) => r.seq)).toEqual([1, 2]);
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    expect((await verifyAuditLog(db, key)).breaks).toEqual([]);
  });

  it('forgets the heads when the transaction ends: the next transaction continues the chain', async () => {
    const { db } = await createTestDb('base');
    await withTransaction(db, (tx) => recordAudit(tx, entry('next', 1)));
    await expect(withTransaction(db, async (tx) => {
      await recordAudit(tx, entry('next', 2));
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await withTransaction(db, (tx) => recordAudit(tx, entry('next', 3)));
    expect((await chainOf(db, 'next')).map((r) => r.seq)).toEqual([1, 2]);
    expect((await verifyAuditLog(db, key)).breaks).toEqual([]);
  });
});

describe('recordAudit: the first entry of a record created in the same transaction', () => {
  it('starts the stream without locking it, continues it as usual, and a false claim is refused', async () => {
    const { db } = await createTestDb('base');
    await withTransaction(db, async (tx) => {
      await recordAudit(tx, { ...entry('fresh', 1), newTarget: true });
      await recordAudit(tx, entry('fresh', 2));
    });
    await withTransaction(db, (tx) => recordAudit(tx, entry('fresh', 3)));
    const chain = await chainOf(db, 'fresh');
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(chain[0]!.prev_hash).toBe('0'.repeat(64));
    // A record that already has entries is not new: the unique (stream, seq) refuses the claim.
    await expect(withTransaction(db, (tx) => recordAudit(tx, { ...entry('fresh', 4), newTarget: true }))).rejects.toThrow(/duplicate key/);
    expect((await verifyAuditLog(db, key)).breaks).toEqual([]);
  });
});
