import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { type Db, deferWrite, withTransaction } from './pool.ts';

const put = (note: string, parent: number | null = null) => ({ text: 'INSERT INTO tx_notes (note, parent) VALUES ($1, $2)', values: [note, parent] });
const notes = async (db: Db) => (await db.query<{ note: string }>('SELECT note FROM tx_notes ORDER BY id')).rows.map((r) => r.note);

describe('withTransaction and deferWrite', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await createTestDb('base'));
    await db.query('CREATE TABLE tx_notes (id serial PRIMARY KEY, note text NOT NULL UNIQUE, parent integer REFERENCES tx_notes (id))');
  });

  it('writes deferred statements with the COMMIT, in the order they were given', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    const seen = await withTransaction(db, async (tx) => {
      await deferWrite(tx, put('first'));
      await deferWrite(tx, put('second', 1));
      return 'done';
    });
    expect(seen).toBe('done');
    expect(await notes(db)).toEqual(['first', 'second']);
  });

  it('sends what waits before the next statement, which sees it (a foreign key to a deferred row holds)', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    const counted = await withTransaction(db, async (tx) => {
      await deferWrite(tx, put('parent'));
      await tx.query(put('child', 1));
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM tx_notes')).rows[0]!.n;
    });
    expect(counted).toBe(2);
    expect(await notes(db)).toEqual(['parent', 'child']);
  });

  it('fails the transaction when a deferred write fails, and keeps nothing of it', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    await db.query(put('taken'));
    const attempt = withTransaction(db, async (tx) => {
      await tx.query(put('kept only if committed'));
      await deferWrite(tx, put('taken'));
      return 'saved';
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    expect(await notes(db)).toEqual(['taken']);
  });

  it('answers a deferred write at once, and fails the statement it went out with', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    await db.query(put('taken'));
    const steps: string[] = [];
    const attempt = withTransaction(db, async (tx) => {
      await deferWrite(tx, put('taken'));
      steps.push('deferred');
      await tx.query('SELECT 1');
      steps.push('next statement');
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    expect(steps).toEqual(['deferred']);
  });

  it('sends nothing that waits when the work throws, and the pool client stays usable', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    const attempt = withTransaction(db, async (tx) => {
      await tx.query(put('before'));
      await deferWrite(tx, put('waiting'));
      throw new Error('refused');
    });
    await expect(attempt).rejects.toThrow('refused');
    expect(await notes(db)).toEqual([]);
    await expect(withTransaction(db, async (tx) => (await tx.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n)).resolves.toBe(1);
  });

  it('opens no transaction for work that sends nothing', async () => {
    const result = await withTransaction(db, async () => 42);
    expect(result).toBe(42);
  });

  it('undoes deferred writes made after a savepoint rolled back to', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    await withTransaction(db, async (tx) => {
      await deferWrite(tx, put('before savepoint'));
      await tx.query('SAVEPOINT sp');
      await deferWrite(tx, put('undone'));
      await tx.query('ROLLBACK TO SAVEPOINT sp');
      await deferWrite(tx, put('after'));
    });
    expect(await notes(db)).toEqual(['before savepoint', 'after']);
  });

  it('runs a deferred write at once outside a transaction', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    await deferWrite(db, put('alone'));
    expect(await notes(db)).toEqual(['alone']);
  });

  it('keeps concurrent transactions apart on a pool of pipelined clients', async () => {
    await db.query('TRUNCATE tx_notes RESTART IDENTITY');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        withTransaction(db, async (tx) => {
          await deferWrite(tx, put(`note ${i}`));
          // Every third one fails after its deferred write went out: none of its rows stay.
          if (i % 3 === 0) await tx.query(put(`note ${i}`));
          await deferWrite(tx, put(`note ${i} again`));
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 'rejected' : 'fulfilled')));
    const expected = Array.from({ length: 12 }, (_, i) => i).filter((i) => i % 3 !== 0).flatMap((i) => [`note ${i}`, `note ${i} again`]);
    expect((await notes(db)).sort()).toEqual(expected.sort());
  });
});
