import { uuidv7 } from '../db/ids.ts';
import { deferWrite, preparedStatement, type Queryable } from '../db/pool.ts';

/** One entry of a user's notification centre. */
export type InboxItem = { id: string; kind: string; title: string; body: string; link: string | null; createdAt: Date; readAt: Date | null };

export type NewInboxItem = { userId: string; kind: string; title: string; body: string; link?: string | null };

const INSERT_ITEM = preparedStatement('notify.inbox-insert', 'INSERT INTO notifications (id, user_id, kind, title, body, link) VALUES ($1, $2, $3, $4, $5, $6)');

/**
 * Adds a notification to a user's centre; call it in the transaction of the change it reports
 * (there it is written with the transaction's next statement or COMMIT: `deferWrite`).
 */
export const addToInbox = async (db: Queryable, item: NewInboxItem): Promise<string> => {
  const id = uuidv7();
  await deferWrite(db, INSERT_ITEM([id, item.userId, item.kind, item.title.slice(0, 300), item.body.slice(0, 4000), item.link ?? null]));
  return id;
};

type Row = { id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };
const toItem = (r: Row): InboxItem => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at });

/** The newest notifications of a user (only theirs), optionally only unread or newer than `after`. */
export const listInbox = async (db: Queryable, userId: string, opts: { unreadOnly: boolean; after?: Date; limit: number }) => {
  const { rows } = await db.query<Row>(
    `SELECT id, kind, title, body, link, created_at, read_at FROM notifications
      WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL) AND ($3::timestamptz IS NULL OR date_trunc('milliseconds', created_at) > $3)
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [userId, opts.unreadOnly, opts.after ?? null, opts.limit],
  );
  const unread = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return { items: rows.map(toItem), unread: unread.rows[0]?.n ?? 0 };
};

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export const markRead = async (db: Queryable, userId: string, id: string): Promise<boolean> => {
  const { rowCount } = await db.query('UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2', [id, userId]);
  return (rowCount ?? 0) > 0;
};

export const markAllRead = async (db: Queryable, userId: string): Promise<number> => {
  const { rowCount } = await db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return rowCount ?? 0;
};
