import type { Queryable } from '../db/pool.ts';
import type { ChainBreak } from './breaks.ts';

type Report = (b: ChainBreak, position?: number) => void;

export type ArchiveState = { archives: number; archivedEntries: number; archivedUpto: number };

/** How much of the log was archived (retention.ts): entries with id <= archivedUpto are no longer in the table. */
export const archiveState = async (db: Queryable): Promise<ArchiveState> => {
  const { rows } = await db.query<{ archives: number; entries: number; upto: number }>(
    'SELECT count(*)::int AS archives, coalesce(sum(entry_count), 0)::bigint AS entries, coalesce(max(upto_entry_id), 0)::bigint AS upto FROM audit_archives',
  );
  return { archives: rows[0]!.archives, archivedEntries: rows[0]!.entries, archivedUpto: rows[0]!.upto };
};

const atArchive = (detail: string): ChainBreak => ({ reason: 'archive-mismatch', entryId: null, stream: null, seq: null, checkpointId: null, detail });

/**
 * The archive records line up: each starts where the one before ended and ends exactly at the end
 * of the checkpoint it names (so every remaining checkpoint covers only entries still in the table),
 * and no entry sits in the archived range (one inserted after the archive was made).
 */
export const checkArchives = async (db: Queryable, state: ArchiveState, report: Report, limit = 1000): Promise<void> => {
  if (state.archives === 0) return;
  const { rows } = await db.query<{ id: number; from_entry_id: number; upto_entry_id: number; upto_checkpoint_id: number; checkpoint_upto: number | null }>(
    `SELECT a.id, a.from_entry_id, a.upto_entry_id, a.upto_checkpoint_id, c.upto_entry_id AS checkpoint_upto
       FROM audit_archives a LEFT JOIN audit_checkpoints c ON c.id = a.upto_checkpoint_id ORDER BY a.id`,
  );
  let previous = { id: 0, upto: 0 };
  for (const a of rows) {
    if (a.id !== previous.id + 1 || a.from_entry_id !== previous.upto) {
      report(atArchive(`Bản lưu trữ nhật ký #${a.id} không nối tiếp bản #${previous.id} (khoảng bản ghi không liền nhau).`));
    }
    if (a.checkpoint_upto !== a.upto_entry_id) {
      report(atArchive(`Bản lưu trữ nhật ký #${a.id} kết thúc ở bản ghi id ${a.upto_entry_id}, không trùng điểm niêm phong #${a.upto_checkpoint_id}.`));
    }
    previous = { id: a.id, upto: a.upto_entry_id };
  }
  const intruders = await db.query<{ id: number; stream: string; seq: number }>(
    'SELECT id, stream, seq FROM audit_log WHERE id <= $1 ORDER BY id LIMIT $2',
    [state.archivedUpto, limit],
  );
  for (const r of intruders.rows) {
    report({
      reason: 'in-archived-range',
      entryId: r.id,
      stream: r.stream,
      seq: r.seq,
      checkpointId: null,
      detail: 'Bản ghi nằm trong khoảng đã lưu trữ và xóa khỏi bảng: đã bị chèn thêm sau khi lưu trữ.',
    });
  }
};
