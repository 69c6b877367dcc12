import type { Queryable } from '../db/pool.ts';
import type { CheckpointFields } from './signing.ts';

/** A sealed checkpoint as stored and as published (`tinhso audit checkpoints --json`). */
export type Checkpoint = CheckpointFields & { hash: string; signature: string };

type CheckpointRow = {
  id: number;
  from_entry_id: number;
  upto_entry_id: number;
  entry_count: number;
  merkle_root: string;
  prev_checkpoint_hash: string;
  hash: string;
  key_id: string;
  signature: string;
  created_at: Date;
};

const COLUMNS = `id, from_entry_id, upto_entry_id, entry_count, merkle_root, prev_checkpoint_hash, hash, key_id, signature, created_at`;

export const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: r.id,
  fromEntryId: r.from_entry_id,
  uptoEntryId: r.upto_entry_id,
  entryCount: r.entry_count,
  merkleRoot: r.merkle_root,
  prevCheckpointHash: r.prev_checkpoint_hash,
  keyId: r.key_id,
  createdAt: r.created_at.toISOString(),
  hash: r.hash,
  signature: r.signature,
});

export const lastCheckpoint = async (db: Queryable): Promise<Checkpoint | undefined> => {
  const { rows } = await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY id DESC LIMIT 1`);
  return rows[0] && toCheckpoint(rows[0]);
};

export const insertCheckpoint = (db: Queryable, c: Checkpoint) =>
  db.query(
    `INSERT INTO audit_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [c.id, c.fromEntryId, c.uptoEntryId, c.entryCount, c.merkleRoot, c.prevCheckpointHash, c.hash, c.keyId, c.signature, c.createdAt],
  );

/** Every checkpoint after `afterId`, in order, read in batches (there is one per sealer run). */
export async function* checkpointsInOrder(db: Queryable, afterId = 0, batchSize = 1000): AsyncGenerator<Checkpoint> {
  let cursor = afterId;
  for (;;) {
    const { rows } = await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE id > $1 ORDER BY id LIMIT $2`, [cursor, batchSize]);
    for (const r of rows) yield toCheckpoint(r);
    if (rows.length < batchSize) return;
    cursor = rows.at(-1)!.id;
  }
}

/** Audit entries' ids and hashes in id order, from `afterId` (exclusive) to `uptoId` (inclusive). */
export async function* entryHashesInOrder(db: Queryable, afterId: number, uptoId: number, batchSize = 5000): AsyncGenerator<{ id: number; hash: string }> {
  let cursor = afterId;
  for (;;) {
    const { rows } = await db.query<{ id: number; hash: string }>(
      'SELECT id, hash FROM audit_log WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3',
      [cursor, uptoId, batchSize],
    );
    yield* rows;
    if (rows.length < batchSize) return;
    cursor = rows.at(-1)!.id;
  }
}
