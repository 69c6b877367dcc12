import { z } from 'zod';
import type { Queryable } from '../db/pool.ts';
import type { AuditLogRow } from './record.ts';

/**
 * Audit entries as files an auditor can check offline: every hashed field with `prevHash` and
 * `hash`, in id order, as JSON lines or CSV. Recomputing `entryHash` (record.ts) over the fields
 * of a line and following `prevHash` within a stream verifies the chain without the database.
 * Read in keyset batches, so an export of any size streams in flat memory.
 */
const Instant = z.iso.datetime({ offset: true, error: 'Thời điểm theo ISO 8601, ví dụ 2026-11-23T08:00:00+07:00' });

export const AuditExportQuery = z
  .object({
    from: Instant.optional(),
    to: Instant.optional(),
    format: z.enum(['jsonl', 'csv'], { error: 'Định dạng là jsonl hoặc csv' }).default('jsonl'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { path: ['to'], message: 'Phải không sớm hơn from' });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const CSV_COLUMNS = [
  'id', 'stream', 'seq', 'at', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id',
  'before_digest', 'after_digest', 'request_id', 'prev_hash', 'hash',
] as const;

const COLUMNS = CSV_COLUMNS.join(', ');

/** One entry as a JSON line: the same field names as `GET /api/audit/entries`. */
export const jsonLine = (r: AuditLogRow) =>
  JSON.stringify({
    id: r.id,
    stream: r.stream,
    seq: r.seq,
    at: r.at.toISOString(),
    actor: { id: r.actor_id, name: r.actor_name },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  });

/** RFC 4180: every field quoted, quotes doubled; values are kept exact (they are hashed). */
const csvField = (v: string | number | null) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);

export const csvLine = (r: AuditLogRow) =>
  [r.id, r.stream, r.seq, r.at.toISOString(), r.actor_id, r.actor_name, r.action, r.target_type, r.target_id,
    r.before_digest, r.after_digest, r.request_id, r.prev_hash, r.hash].map(csvField).join(',');

export type EntryRange = { from?: string | Date; to?: string | Date; afterId?: number; uptoId?: number };

/** Entries in id order within a time range and/or an id range, in batches. */
export async function* auditRowsInOrder(db: Queryable, range: EntryRange, batchSize = 2000): AsyncGenerator<AuditLogRow> {
  let cursor = range.afterId ?? 0;
  for (;;) {
    const { rows } = await db.query<AuditLogRow>(
      `SELECT ${COLUMNS} FROM audit_log
        WHERE id > $1 AND ($2::bigint IS NULL OR id <= $2) AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at <= $4)
        ORDER BY id LIMIT $5`,
      [cursor, range.uptoId ?? null, range.from ?? null, range.to ?? null, batchSize],
    );
    yield* rows;
    if (rows.length < batchSize) return;
    cursor = rows.at(-1)!.id;
  }
}

/** The export as text lines (each ending in a newline): CSV starts with its header row. */
export async function* auditExportLines(db: Queryable, q: Pick<AuditExportQuery, 'from' | 'to' | 'format'>): AsyncGenerator<string> {
  if (q.format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const r of auditRowsInOrder(db, q)) yield q.format === 'csv' ? `${csvLine(r)}\r\n` : `${jsonLine(r)}\n`;
}
