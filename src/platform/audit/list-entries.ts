import { z } from 'zod';
import type { Queryable } from '../db/pool.ts';
import type { AuditLogRow } from './record.ts';

const Instant = z.iso.datetime({ offset: true, error: 'Thời điểm theo ISO 8601, ví dụ 2026-11-23T08:00:00+07:00' });

export const AuditEntriesQuery = z
  .object({
    targetType: z.string().trim().min(1).max(100).optional(),
    targetId: z.string().trim().min(1).max(200).optional(),
    actorId: z.uuid('Mã người thực hiện không hợp lệ').optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().regex(/^[1-9]\d{0,17}$/, 'Con trỏ trang không hợp lệ').optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { path: ['to'], message: 'Phải không sớm hơn from' });
export type AuditEntriesQuery = z.infer<typeof AuditEntriesQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  stream: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.uuid().nullable(), name: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditEntryPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditEntryPage = z.infer<typeof AuditEntryPage>;


/** Audit entries, newest first, filtered by target, actor and time; keyset-paged by id. */
export const listAuditEntries = async (db: Queryable, q: AuditEntriesQuery): Promise<AuditEntryPage> => {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.targetType) add('target_type = ?', q.targetType);
  if (q.targetId) add('target_id = ?', q.targetId);
  if (q.actorId) add('actor_id = ?', q.actorId);
  if (q.from) add('at >= ?', q.from);
  if (q.to) add('at <= ?', q.to);
  if (q.cursor) add('id < ?', q.cursor);
  params.push(q.limit + 1);
  const { rows } = await db.query<AuditLogRow>(
    `SELECT id, stream, seq, at, actor_id, actor_name, action, target_type, target_id, before_digest, after_digest,
            request_id, prev_hash, hash
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
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
    })),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  };
};
