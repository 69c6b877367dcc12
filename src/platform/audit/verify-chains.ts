import type { Queryable } from '../db/pool.ts';
import type { ChainBreak } from './breaks.ts';
import { entryHash, GENESIS_HASH, type AuditLogRow } from './record.ts';


const COLUMNS = `id, stream, seq, at, actor_id, actor_name, action, target_type, target_id,
  before_digest, after_digest, request_id, prev_hash, hash`;

/** The last good position in the stream being walked; `archived`: it is the stream's archived head. */
type Tail = { stream: string; id: number | null; seq: number; hash: string; broken: boolean; archived?: boolean };

const recomputedHash = (r: AuditLogRow) =>
  entryHash({
    stream: r.stream,
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    requestId: r.request_id,
    prevHash: r.prev_hash,
  });

const missingRange = (from: number, to: number) => (from === to ? `số ${from}` : `các số ${from}–${to}`);

/** The first thing wrong with entry `r` given the entry before it in its stream, if anything. */
const checkEntry = (r: AuditLogRow, before: Tail): ChainBreak | null => {
  const at = { entryId: r.id, stream: r.stream, seq: r.seq, checkpointId: null };
  if (recomputedHash(r) !== r.hash) {
    return { ...at, reason: 'hash-mismatch', detail: 'Mã băm lưu trữ không khớp nội dung bản ghi: bản ghi đã bị sửa sau khi ghi.' };
  }
  if (r.seq !== before.seq + 1) {
    return { ...at, reason: 'gap', detail: `Thiếu bản ghi ${missingRange(before.seq + 1, r.seq - 1)} ngay trước bản ghi này trong luồng (đã bị xóa).` };
  }
  if (r.prev_hash !== before.hash) {
    const detail =
      before.archived
        ? 'Bản ghi đầu luồng không nối tiếp mã băm của bản ghi cuối đã lưu trữ (archive).'
        : before.id === null
        ? 'Bản ghi đầu luồng không bắt đầu từ mã băm khởi tạo.'
        : `prev_hash không khớp mã băm của bản ghi trước (id ${before.id}, số ${before.seq}): một trong hai bản ghi đã bị sửa.`;
    return { ...at, reason: 'broken-link', detail };
  }
  return null;
};

/** The next rows in (stream, seq) order after `after` (keyset pagination on the unique index). */
const nextBatch = async (db: Queryable, after: Tail | null, batchSize: number): Promise<AuditLogRow[]> => {
  const { rows } = after
    ? await db.query<AuditLogRow>(`SELECT ${COLUMNS} FROM audit_log WHERE (stream, seq) > ($1, $2) ORDER BY stream, seq LIMIT $3`, [after.stream, after.seq, batchSize])
    : await db.query<AuditLogRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY stream, seq LIMIT $1`, [batchSize]);
  return rows;
};

/** The archived heads (retention.ts) of these streams: where their chains in the table start from. */
const archivedHeadsOf = async (db: Queryable, streams: string[]) => {
  const { rows } = await db.query<{ stream: string; seq: number; hash: string }>(
    'SELECT stream, seq, hash FROM audit_archived_heads WHERE stream = ANY($1::text[])',
    [streams],
  );
  return new Map(rows.map((r) => [r.stream, r]));
};

/**
 * Walks every stream's chain in (stream, seq) order with keyset pagination on the (stream, seq)
 * index, so memory stays flat however long the log is: recomputes each entry's hash, checks its
 * link to the entry before and that sequence numbers run from 1 without gaps. Reports the first
 * break of each stream. A stream whose first entries were archived continues from its archived head.
 */
export const walkChains = async (
  db: Queryable,
  opts: { batchSize: number; unsealedAbove: number; hasArchives?: boolean },
  report: (b: ChainBreak, position: number) => void,
): Promise<{ entries: number; streams: number; unsealed: number }> => {
  let entries = 0;
  let streams = 0;
  let unsealed = 0;
  let tail: Tail | null = null;
  for (;;) {
    const rows: AuditLogRow[] = await nextBatch(db, tail, opts.batchSize);
    const heads = opts.hasArchives && rows.length ? await archivedHeadsOf(db, [...new Set(rows.map((r) => r.stream))]) : new Map<string, { seq: number; hash: string }>();
    for (const r of rows) {
      entries += 1;
      if (r.id > opts.unsealedAbove) unsealed += 1;
      if (!tail || tail.stream !== r.stream) {
        streams += 1;
        const head = heads.get(r.stream);
        tail = head
          ? { stream: r.stream, id: null, seq: head.seq, hash: head.hash, broken: false, archived: true }
          : { stream: r.stream, id: null, seq: 0, hash: GENESIS_HASH, broken: false };
      }
      if (!tail.broken) {
        const problem = checkEntry(r, tail);
        if (problem) {
          report(problem, r.id);
          tail.broken = true;
        }
      }
      tail.id = r.id;
      tail.seq = r.seq;
      tail.hash = r.hash;
      tail.archived = false;
    }
    if (rows.length < opts.batchSize) return { entries, streams, unsealed };
  }
};
