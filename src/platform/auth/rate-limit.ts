import { withTransaction, type Db, type Queryable } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';

/**
 * Limits on guessing (passwords, one-time codes) and on sending codes, kept in PostgreSQL
 * (`auth_attempts`) so that they hold across every app instance. Each try first *reserves* an
 * attempt under each of its keys (the account or destination, and the caller's address) inside a
 * transaction that locks those keys, so parallel requests cannot slip past the limit. A try that
 * succeeds hands its reservation back; a failed one leaves it counted for the window.
 */
export type AttemptLimit = {
  max: number;
  windowSeconds: number;
  /**
   * Lockout mode (sign-in): once `max` tries fall within `windowSeconds`, the key is locked for
   * `lockSeconds` from the try that reached the limit, whatever the spread of the earlier ones.
   * Without it, a try is allowed again as soon as the oldest counted one leaves the window.
   */
  lockSeconds?: number;
};

/** At most 5 tries per 15 minutes per key. */
export const FIVE_PER_15_MINUTES: AttemptLimit = { max: 5, windowSeconds: 15 * 60 };

/** The sign-in lockout (passwords and second-factor codes): LOGIN_MAX_ATTEMPTS tries, then LOGIN_LOCKOUT_MINUTES locked. */
export const signInLimit = (c: { maxAttempts: number; lockoutMinutes: number }): AttemptLimit => ({
  max: c.maxAttempts,
  windowSeconds: c.lockoutMinutes * 60,
  lockSeconds: c.lockoutMinutes * 60,
});

export type AttemptKind = 'login' | 'otp-send' | 'otp-verify';
export type Reservation = { ids: number[] };

/** Rows older than this are of no use to any limit and are swept (a lockout's window plus lock is at most 2 × 30 minutes). */
const KEEP_SECONDS = 60 * 60;
const PURGE_EVERY_MS = 60_000;
let lastPurge = 0;

/** The keys of one try: the subject (account, phone, e-mail) and the caller's address unless allow-listed. */
export const attemptKeys = (kind: AttemptKind, subject: string, ip: string, allowList: readonly string[] = []) => {
  const keys = [`${kind}:subject:${subject.toLowerCase()}`];
  if (!allowList.includes(ip)) keys.push(`${kind}:ip:${ip}`);
  return keys;
};

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

export const rateLimited = (retryAfterSeconds: number, retryAt: Date) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'rate-limited',
    `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${minutes} phút (lúc ${clock.format(retryAt)}).`,
    { headers: { 'retry-after': String(seconds) }, retryAfter: seconds },
  );
};

type OverLimit = { key: string; retry_after: number; retry_at: Date };

/** Sliding window: a key at or over the limit is allowed again once its (n - max + 1)-th oldest attempt leaves the window. */
const overWindow = (tx: Queryable, keys: string[], limit: AttemptLimit) =>
  tx.query<OverLimit>(
    `SELECT key, ceil(extract(epoch FROM at + $2 * interval '1 second' - now()))::int AS retry_after,
            at + $2 * interval '1 second' AS retry_at
       FROM (SELECT key, at, count(*) OVER (PARTITION BY key) AS n,
                    row_number() OVER (PARTITION BY key ORDER BY at, id) AS rn
               FROM auth_attempts
              WHERE key = ANY($1) AND at > now() - $2 * interval '1 second') recent
      WHERE n >= $3 AND rn = n - $3 + 1
      ORDER BY retry_after DESC LIMIT 1`,
    [keys, limit.windowSeconds, limit.max],
  );

/**
 * Lockout: an attempt that is the max-th within the window (its (max - 1)-th predecessor is at most
 * `windowSeconds` older) locks its key until `lockSeconds` after it.
 */
const lockedKeys = (tx: Queryable, keys: string[], limit: AttemptLimit, lockSeconds: number) =>
  tx.query<OverLimit>(
    `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS retry_after, locked_until AS retry_at
       FROM (SELECT key, at + $4 * interval '1 second' AS locked_until,
                    at - lag(at, $3::int - 1) OVER (PARTITION BY key ORDER BY at, id) AS span
               FROM auth_attempts
              WHERE key = ANY($1) AND at > now() - ($2 + $4) * interval '1 second') recent
      WHERE span <= $2 * interval '1 second' AND locked_until > now()
      ORDER BY retry_after DESC LIMIT 1`,
    [keys, limit.windowSeconds, limit.max, lockSeconds],
  );

/**
 * Reserves one attempt under every key, or throws 429 `rate-limited` (with `Retry-After`) when any
 * key already holds `max` attempts in the window. A refused try is not counted, so hammering does
 * not push the end of the wait further out.
 */
export const reserveAttempt = async (db: Db, keys: string[], limit: AttemptLimit = FIVE_PER_15_MINUTES): Promise<Reservation> => {
  const sorted = [...new Set(keys)].sort();
  const reservation = await withTransaction(db, async (tx) => {
    // Sorted, so that two tries sharing keys always lock them in the same order.
    for (const key of sorted) await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7271))', [key]);
    const { rows } = limit.lockSeconds ? await lockedKeys(tx, sorted, limit, limit.lockSeconds) : await overWindow(tx, sorted, limit);
    const over = rows[0];
    if (over) throw rateLimited(over.retry_after, over.retry_at);
    const inserted = await tx.query<{ id: number }>('INSERT INTO auth_attempts (key) SELECT unnest($1::text[]) RETURNING id', [sorted]);
    return { ids: inserted.rows.map((r) => r.id) };
  });
  if (Date.now() - lastPurge > PURGE_EVERY_MS) {
    lastPurge = Date.now();
    await purgeOldAttempts(db);
  }
  return reservation;
};

/**
 * Hands back a successful try's attempts, and forgets every earlier failure under `resetKeys`
 * (a correct password clears the account's count; the address keeps its other failures).
 */
export const releaseAttempt = async (db: Queryable, reservation: Reservation, resetKeys: string[] = []) => {
  await db.query('DELETE FROM auth_attempts WHERE id = ANY($1::bigint[]) OR key = ANY($2::text[])', [reservation.ids, resetKeys]);
};

/** Deletes attempts too old to count for any limit; returns how many went. */
export const purgeOldAttempts = async (db: Queryable, keepSeconds = KEEP_SECONDS): Promise<number> => {
  const res = await db.query(`DELETE FROM auth_attempts WHERE at < now() - $1 * interval '1 second'`, [keepSeconds]);
  return res.rowCount ?? 0;
};
