import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, DbClient } from '../db/pool.ts';
import { type Checkpoint, entryHashesInOrder, insertCheckpoint, lastCheckpoint } from './checkpoints.ts';
import { entryLeaf, MerkleBuilder } from './merkle.ts';
import { GENESIS_HASH } from './record.ts';
import { type AuditSigningKey, type CheckpointFields, checkpointHash, signCheckpoint } from './signing.ts';

/** One sealer at a time across every app instance (a session-level advisory lock). */
const SEALER_LOCK = 727_002;

export class SealDeferredError extends Error {}

export type SealOptions = {
  /** How long to wait for open transactions that may still add entries below the horizon. */
  waitMs?: number;
  /** At most this many entries per checkpoint, so a first seal of a large log commits in steps. */
  maxEntries?: number;
  batchSize?: number;
};

/**
 * The highest entry id below which nothing can still appear. Ids are drawn in time order, but a
 * transaction may commit entry 100 after entry 101 is visible, so sealing "everything up to the
 * largest visible id" could skip an entry forever. Every writer takes its transaction id before it
 * draws an entry id (record.ts), so any entry with an id up to the largest one seen belongs to a
 * transaction whose id is lower than one drawn after that read: wait until every transaction below
 * that id has ended and is visible (the oldest still running, the snapshot's xmin, is above it).
 * Nothing is locked; writers never wait for the sealer.
 *
 * Not the in-progress list of a snapshot taken after the read (`pg_snapshot_xip`): it leaves out
 * running transactions whose ids are above the last one to finish (the snapshot's xmax), and an
 * entry of such a writer, committed after the seal, broke a checkpoint under load (a test writing
 * from four connections while sealing failed about once in a hundred runs).
 */
const settledHorizon = async (client: DbClient, waitMs: number): Promise<number> => {
  const { rows: top } = await client.query<{ upto: number }>('SELECT coalesce(max(id), 0) AS upto FROM audit_log');
  // Its own one-statement transaction: the id drawn is above every id a writer of those entries holds.
  const { rows: drawn } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ settled: boolean; open: number }>(
      // The snapshot's xmin counts a transaction as running until new snapshots can see its rows
      // (not `pg_xact_status`, which says committed a moment earlier): exactly what the reads below need.
      `SELECT pg_snapshot_xmin(s) > $1::xid8 AS settled,
              (SELECT count(*)::int FROM pg_snapshot_xip(s) AS x WHERE x <= $1::xid8) AS open
         FROM pg_current_snapshot() AS s`,
      [drawn[0]!.xid],
    );
    if (rows[0]!.settled) return top[0]!.upto;
    if (Date.now() > deadline) {
      throw new SealDeferredError(`${rows[0]!.open} transaction(s) still open after ${waitMs} ms; sealing deferred to the next run`);
    }
    await sleep(20);
  }
};

/** Seals the next run of entries (at most `maxEntries`, none above `horizon`) into one checkpoint. */
const sealChunk = async (client: DbClient, key: AuditSigningKey, horizon: number, maxEntries: number, batchSize: number): Promise<Checkpoint | null> => {
  await client.query('BEGIN');
  try {
    const last = await lastCheckpoint(client);
    const from = last?.uptoEntryId ?? 0;
    const { rows } = await client.query<{ upto: number | null }>(
      'SELECT max(id) AS upto FROM (SELECT id FROM audit_log WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3) AS chunk',
      [from, horizon, maxEntries],
    );
    const upto = rows[0]?.upto;
    if (upto === null || upto === undefined) {
      await client.query('ROLLBACK');
      return null;
    }
    const tree = new MerkleBuilder();
    for await (const e of entryHashesInOrder(client, from, upto, batchSize)) tree.add(entryLeaf(e.id, e.hash));
    const fields: CheckpointFields = {
      id: (last?.id ?? 0) + 1,
      fromEntryId: from,
      uptoEntryId: upto,
      entryCount: tree.count,
      merkleRoot: tree.root(),
      prevCheckpointHash: last?.hash ?? GENESIS_HASH,
      keyId: key.id,
      createdAt: new Date().toISOString(),
    };
    const hash = checkpointHash(fields);
    const checkpoint: Checkpoint = { ...fields, hash, signature: signCheckpoint(key, hash) };
    await insertCheckpoint(client, checkpoint);
    await client.query(
      `INSERT INTO audit_stream_heads (stream, seq, entry_id, hash, checkpoint_id)
       SELECT DISTINCT ON (stream) stream, seq, id, hash, $3::int FROM audit_log
        WHERE id > $1 AND id <= $2 ORDER BY stream, seq DESC
       ON CONFLICT (stream) DO UPDATE
         SET seq = excluded.seq, entry_id = excluded.entry_id, hash = excluded.hash, checkpoint_id = excluded.checkpoint_id
       WHERE audit_stream_heads.seq < excluded.seq`,
      [from, upto, checkpoint.id],
    );
    await client.query('COMMIT');
    return checkpoint;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

/**
 * Folds every settled entry not yet sealed into signed Merkle checkpoints, each chained to the one
 * before; returns the new checkpoints (none when nothing new was written). Safe to run from several
 * instances at once: they take turns. Sealing is not itself audited (an audit entry per seal would
 * give every run something new to seal); the checkpoint chain is its own record.
 */
export const sealAuditLog = async (db: Db, key: AuditSigningKey, opts: SealOptions = {}): Promise<Checkpoint[]> => {
  const client = await db.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEALER_LOCK]);
    try {
      const horizon = await settledHorizon(client, opts.waitMs ?? 60_000);
      const sealed: Checkpoint[] = [];
      for (;;) {
        const checkpoint = await sealChunk(client, key, horizon, opts.maxEntries ?? 100_000, opts.batchSize ?? 5000);
        if (!checkpoint) return sealed;
        sealed.push(checkpoint);
      }
    } finally {
      // A connection still holding the lock must not go back to the pool.
      await client.query('SELECT pg_advisory_unlock($1)', [SEALER_LOCK]).catch(() => (broken = true));
    }
  } finally {
    client.release(broken);
  }
};

export type AuditSealerEvents = { onSealed?: (checkpoints: Checkpoint[]) => void; onError?: (error: Error) => void };

/**
 * Seals every `intervalMs` inside the server until the returned `stop()` is awaited; a run never
 * overlaps the previous one. Call `stop()` before closing the pool: it waits for a running seal.
 */
export const startAuditSealer = (db: Db, key: AuditSigningKey, intervalMs: number, events: AuditSealerEvents = {}): (() => Promise<void>) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      running = sealAuditLog(db, key)
        .then((sealed) => (sealed.length > 0 ? events.onSealed?.(sealed) : undefined))
        .catch((error: Error) => events.onError?.(error))
        .finally(() => {
          running = undefined;
          if (!stopped) schedule();
        });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
};
