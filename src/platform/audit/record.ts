import { deferWrite, preparedStatement, type Queryable, transactionMemo } from '../db/pool.ts';
import { canonicalJson, digestOf, sha256Hex } from './canonical.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** An `audit_log` row as PostgreSQL returns it. */
export type AuditLogRow = {
  id: number;
  stream: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  before_digest: string | null;
  after_digest: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

export type AuditActor = { id: string | null; name: string };
export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'system' };

export type AuditEntryInput = {
  actor: AuditActor;
  /** What happened, `<area>.<verb>`: 'user.create', 'session.login', 'calendar.year.update'. */
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
  /**
   * The target was created by this transaction (its id made here and inserted in it): no other
   * transaction can have written its stream, so the entry starts the stream without locking it
   * or reading its head. The unique (stream, seq) refuses a wrong claim.
   */
  newTarget?: boolean;
};

/** The fields that are hashed, in a fixed order; `verify` recomputes exactly this. */
export type ChainedFields = {
  stream: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  requestId: string | null;
  prevHash: string;
};

export const entryHash = (f: ChainedFields) =>
  sha256Hex(
    canonicalJson([f.stream, f.seq, f.at, f.actorId, f.actorName, f.action, f.targetType, f.targetId, f.beforeDigest, f.afterDigest, f.requestId, f.prevHash]),
  );

export const streamOf = (target: { type: string; id: string }) => `${target.type}:${target.id}`;

type ChainHead = { seq: number; hash: string };

const LOCK_STREAM = preparedStatement('audit.lock-stream', 'SELECT pg_advisory_xact_lock(hashtextextended($1, 7270)), pg_current_xact_id()');
const STREAM_HEAD = preparedStatement(
  'audit.stream-head',
  `(SELECT seq, hash FROM audit_log WHERE stream = $1 ORDER BY seq DESC LIMIT 1)
   UNION ALL (SELECT seq, hash FROM audit_archived_heads WHERE stream = $1)
   ORDER BY seq DESC LIMIT 1`,
);
/** Where an entry's fields go, in the order of `recordAudit`'s values. */
const INSERT_INTO = `INSERT INTO audit_log (stream, seq, at, actor_id, actor_name, action, target_type, target_id,
     before_digest, after_digest, request_id, prev_hash, hash)`;
const INSERT_ENTRY = preparedStatement('audit.insert', `${INSERT_INTO} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`);
/** The same, taking the transaction's id first (the sealer needs it before the entry's id is drawn). */
const INSERT_FIRST_ENTRY = preparedStatement(
  'audit.insert-first',
  `WITH xact AS MATERIALIZED (SELECT pg_current_xact_id())
   ${INSERT_INTO}
   SELECT $1, $2::integer, $3::timestamptz, $4::uuid, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM xact RETURNING id`,
);

/** The stream's last entry: the transaction locks the stream (until it ends), then reads its head. */
const lockedHead = async (db: Queryable, stream: string): Promise<ChainHead | undefined> => {
  await db.query(LOCK_STREAM([stream]));
  return (await db.query<ChainHead>(STREAM_HEAD([stream]))).rows[0];
};

/**
 * Appends one entry to the target's chain. Call it with the transaction's client, in the same
 * transaction as the change it records, so that no change commits without its audit entry.
 * A per-stream transaction lock orders concurrent writers of the same record.
 * `pg_current_xact_id()` makes sure the transaction has its id BEFORE the entry's id is drawn:
 * the sealer (seal.ts) relies on it to know when every entry below an id has settled.
 * A stream whose earlier entries were archived (retention.ts) continues from its archived head.
 */
export const recordAudit = async (db: Queryable, input: AuditEntryInput): Promise<{ id: number | null; hash: string }> => {
  const stream = streamOf(input.target);
  // A second entry on the same stream in one `withTransaction` transaction: the stream's lock is
  // still held and its head is the entry written last, so neither needs asking again.
  const memo = transactionMemo(db);
  const memoKey = `audit-head:${stream}`;
  const remembered = memo?.get(memoKey) as ChainHead | undefined;
  const head = remembered ?? (input.newTarget ? undefined : await lockedHead(db, stream));
  const fields: ChainedFields = {
    stream,
    seq: (head?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    // Hashed as PostgreSQL will give it back (uuid columns come out lower-case).
    actorId: input.actor.id?.toLowerCase() ?? null,
    actorName: input.actor.name,
    action: input.action,
    targetType: input.target.type,
    targetId: input.target.id,
    beforeDigest: digestOf(input.before),
    afterDigest: digestOf(input.after),
    requestId: input.requestId ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(fields);
  const insert = (input.newTarget && !remembered ? INSERT_FIRST_ENTRY : INSERT_ENTRY)([fields.stream, fields.seq, fields.at, fields.actorId, fields.actorName,
    fields.action, fields.targetType, fields.targetId, fields.beforeDigest, fields.afterDigest, fields.requestId, fields.prevHash, hash]);
  if (memo) {
    // In a `withTransaction` transaction the entry goes out with its next statement or COMMIT.
    memo.set(memoKey, { seq: fields.seq, hash });
    await deferWrite(db, insert);
    return { id: null, hash };
  }
  const { rows } = await db.query<{ id: number }>(insert);
  return { id: rows[0]!.id, hash };
};
