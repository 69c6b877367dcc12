import type { Queryable } from '../db/pool.ts';
import type { ChainBreak } from './breaks.ts';
import { type Checkpoint, checkpointsInOrder, entryHashesInOrder } from './checkpoints.ts';
import { entryLeaf, MerkleBuilder } from './merkle.ts';
import { GENESIS_HASH } from './record.ts';
import { type AuditSigningKey, checkpointHash, isValidSignature } from './signing.ts';

type Report = (b: ChainBreak, position?: number) => void;

const atCheckpoint = (id: number) => ({ entryId: null, stream: null, seq: null, checkpointId: id });

/** Whether the checkpoint follows the one before it, is unaltered and carries a valid signature. */
const checkSealing = (cp: Checkpoint, prev: { id: number; hash: string; upto: number }, key: AuditSigningKey): ChainBreak | null => {
  const at = atCheckpoint(cp.id);
  if (cp.id !== prev.id + 1) {
    const missing = cp.id - 1 === prev.id + 1 ? `#${prev.id + 1}` : `#${prev.id + 1}–#${cp.id - 1}`;
    return { ...at, reason: 'checkpoint-chain', detail: `Thiếu điểm niêm phong ${missing} trước điểm #${cp.id}.` };
  }
  if (cp.fromEntryId !== prev.upto || cp.prevCheckpointHash !== prev.hash) {
    return { ...at, reason: 'checkpoint-chain', detail: `Điểm niêm phong #${cp.id} không nối tiếp điểm #${prev.id} (khoảng bản ghi hoặc mã băm trước không khớp).` };
  }
  if (checkpointHash(cp) !== cp.hash) {
    return { ...at, reason: 'checkpoint-chain', detail: `Nội dung điểm niêm phong #${cp.id} đã bị sửa (mã băm không khớp).` };
  }
  if (cp.keyId !== key.id) {
    return { ...at, reason: 'checkpoint-signature', detail: `Điểm niêm phong #${cp.id} được ký bằng khóa ${cp.keyId}, khác khóa hiện tại ${key.id} (đã đổi khóa ký hoặc bị giả mạo).` };
  }
  if (!isValidSignature(key, cp.hash, cp.signature)) {
    return { ...at, reason: 'checkpoint-signature', detail: `Chữ ký của điểm niêm phong #${cp.id} không hợp lệ.` };
  }
  return null;
};

/**
 * Checks every checkpoint in order: the chain of checkpoints, each one's hash and signature, and the
 * Merkle root recomputed over the entries it covers (one pass over the log in id order, constant
 * memory). With `published` checkpoints (a copy kept outside the database), also checks that the
 * database still holds each of them unchanged, which catches even a rebuild re-signed with the key.
 */
export const checkCheckpoints = async (
  db: Queryable,
  key: AuditSigningKey,
  opts: { batchSize: number; published?: readonly Checkpoint[]; archivedUpto?: number },
  report: Report,
): Promise<{ checkpoints: number; sealedEntries: number; lastUpto: number }> => {
  // Entries up to `archivedUpto` were archived (retention.ts): their checkpoints' chain and
  // signatures are still checked, their Merkle roots against the archive files (archive.ts).
  const archivedUpto = opts.archivedUpto ?? 0;
  const published = new Map((opts.published ?? []).map((c) => [c.id, c]));
  // Checkpoints the sealer commits while this runs are left for the next run.
  const { rows } = await db.query<{ last: number; upto: number }>(
    'SELECT coalesce(max(id), 0) AS last, coalesce(max(upto_entry_id), 0) AS upto FROM audit_checkpoints',
  );
  const { last, upto } = rows[0]!;
  const entries = entryHashesInOrder(db, archivedUpto, upto, opts.batchSize);
  let next = await entries.next();
  let prev = { id: 0, hash: GENESIS_HASH, upto: 0 };
  const checkPublished = (cp: Checkpoint) => {
    const copy = published.get(cp.id);
    if (copy && copy.hash !== cp.hash) {
      report({ ...atCheckpoint(cp.id), reason: 'published-mismatch', detail: `Điểm niêm phong #${cp.id} khác bản đã công bố.` });
    }
    published.delete(cp.id);
  };
  let checkpoints = 0;
  let sealedEntries = 0;
  for await (const cp of checkpointsInOrder(db, 0, opts.batchSize)) {
    if (cp.id > last) break;
    checkpoints += 1;
    const sealing = checkSealing(cp, prev, key);
    if (sealing) report(sealing);
    if (cp.uptoEntryId <= archivedUpto) {
      prev = { id: cp.id, hash: cp.hash, upto: cp.uptoEntryId };
      checkPublished(cp);
      continue;
    }
    while (!next.done && next.value.id <= cp.fromEntryId) next = await entries.next();
    const tree = new MerkleBuilder();
    while (!next.done && next.value.id <= cp.uptoEntryId) {
      tree.add(entryLeaf(next.value.id, next.value.hash));
      next = await entries.next();
    }
    sealedEntries += tree.count;
    if (tree.count !== cp.entryCount || tree.root() !== cp.merkleRoot) {
      report({
        ...atCheckpoint(cp.id),
        reason: 'checkpoint-mismatch',
        detail:
          `Điểm niêm phong #${cp.id} (bản ghi id ${cp.fromEntryId + 1}–${cp.uptoEntryId}) đã niêm phong ${cp.entryCount} bản ghi, ` +
          `nay nhật ký có ${tree.count} bản ghi${tree.count === cp.entryCount ? ' với gốc Merkle khác' : ''}: bản ghi đã bị sửa, xóa hoặc thêm sau khi niêm phong.`,
      });
    }
    checkPublished(cp);
    prev = { id: cp.id, hash: cp.hash, upto: cp.uptoEntryId };
  }
  for (const copy of published.values()) {
    report({ ...atCheckpoint(copy.id), reason: 'published-mismatch', detail: `Điểm niêm phong #${copy.id} đã công bố nhưng không còn trong cơ sở dữ liệu.` });
  }
  return { checkpoints, sealedEntries, lastUpto: prev.upto };
};

type HeadRow = {
  stream: string;
  seq: number;
  entry_id: number;
  checkpoint_id: number;
  log_id: number | null;
  last_seq: number | null;
  last_id: number | null;
};

/**
 * Names the entry when a sealed stream lost its tail or was rebuilt: compares each stream's last
 * sealed entry with the log, and finds entries inside a sealed id range that no seal included.
 */
export const checkSealedHeads = async (db: Queryable, report: Report, limit = 1000, archivedUpto = 0): Promise<void> => {
  const heads = await db.query<HeadRow>(
    `SELECT h.stream, h.seq, h.entry_id, h.checkpoint_id, l.id AS log_id,
            last.seq AS last_seq, last.id AS last_id
       FROM audit_stream_heads h
       LEFT JOIN audit_log l ON l.stream = h.stream AND l.seq = h.seq
       LEFT JOIN LATERAL (SELECT seq, id FROM audit_log m WHERE m.stream = h.stream ORDER BY seq DESC LIMIT 1) last ON true
      WHERE (l.id IS NULL OR l.id <> h.entry_id OR l.hash <> h.hash)
        -- A stream whose last sealed entry was archived (its chain continues from audit_archived_heads).
        AND h.entry_id > $2
      ORDER BY h.entry_id LIMIT $1`,
    [limit, archivedUpto],
  );
  for (const h of heads.rows) {
    if (h.log_id !== null) {
      report({
        reason: 'rewritten-after-seal',
        entryId: h.log_id,
        stream: h.stream,
        seq: h.seq,
        checkpointId: h.checkpoint_id,
        detail: `Bản ghi cuối của luồng đã niêm phong ở điểm #${h.checkpoint_id} nay có nội dung khác: luồng đã bị dựng lại sau khi niêm phong.`,
      });
    } else if ((h.last_seq ?? 0) < h.seq) {
      const firstMissing = (h.last_seq ?? 0) + 1;
      report(
        {
          reason: 'missing-tail',
          entryId: firstMissing === h.seq ? h.entry_id : null,
          stream: h.stream,
          seq: firstMissing,
          checkpointId: h.checkpoint_id,
          detail: `Mất phần cuối luồng: điểm niêm phong #${h.checkpoint_id} đã niêm phong đến số ${h.seq} (bản ghi id ${h.entry_id}), nay luồng chỉ còn đến số ${h.last_seq ?? 0}.`,
        },
        (h.last_id ?? h.entry_id) + 0.5,
      );
    }
    // Otherwise the sealed entry alone was deleted and later ones remain: the chain walk reports the gap.
  }
  const intruders = await db.query<{ id: number; stream: string; seq: number }>(
    `SELECT l.id, l.stream, l.seq FROM audit_log l LEFT JOIN audit_stream_heads h ON h.stream = l.stream
      WHERE l.id <= (SELECT coalesce(max(upto_entry_id), 0) FROM audit_checkpoints) AND (h.stream IS NULL OR l.seq > h.seq)
      ORDER BY l.id LIMIT $1`,
    [limit],
  );
  for (const r of intruders.rows) {
    report({
      reason: 'unsealed-in-sealed-range',
      entryId: r.id,
      stream: r.stream,
      seq: r.seq,
      checkpointId: null,
      detail: 'Bản ghi nằm trong khoảng đã niêm phong nhưng không thuộc điểm niêm phong nào: đã bị chèn thêm sau khi niêm phong.',
    });
  }
};
