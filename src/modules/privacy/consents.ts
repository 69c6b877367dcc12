import type { Queryable } from '../../platform/db/pool.ts';
import { uuidv7 } from '../../platform/db/ids.ts';

/**
 * Consents of data subjects (Law 91/2025/QH15, Decree 356/2025). Other modules ask
 * `activeConsent(db, userId, purpose)` before processing that needs consent, e.g. identity's
 * prefill from the population database asks for purpose `population-prefill`.
 *
 * Every function takes the pool or a transaction's client. A grant adds a row (history is kept to
 * prove consent); withdrawing stamps the active row; at most one active consent per user and purpose.
 */

/** Purposes for which the platform asks consent; the texts shown to the citizen are in purposes.ts. */
export const CONSENT_PURPOSES = ['population-prefill', 'notifications-sms', 'notifications-email'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const isConsentPurpose = (s: string): s is ConsentPurpose => (CONSENT_PURPOSES as readonly string[]).includes(s);

export type ConsentRow = {
  id: string;
  user_id: string;
  purpose: string;
  text_version: string;
  granted_at: Date;
  withdrawn_at: Date | null;
};

const COLUMNS = 'id, user_id, purpose, text_version, granted_at, withdrawn_at';

/**
 * Records the user's consent to `purpose` under the text version they were shown. If a consent to
 * the same text version is already active it is returned unchanged; an active consent to an older
 * text is closed and a new one opened. Run inside a transaction when called with other writes.
 */
export const grantConsent = async (db: Queryable, userId: string, purpose: ConsentPurpose, textVersion: string): Promise<ConsentRow> => {
  const active = await db.query<ConsentRow>(
    `SELECT ${COLUMNS} FROM consents WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL`,
    [userId, purpose],
  );
  const current = active.rows[0];
  if (current && current.text_version === textVersion) return current;
  if (current) await db.query('UPDATE consents SET withdrawn_at = now() WHERE id = $1', [current.id]);
  const inserted = await db.query<ConsentRow>(
    `INSERT INTO consents (id, user_id, purpose, text_version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, purpose) WHERE withdrawn_at IS NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [uuidv7(), userId, purpose, textVersion],
  );
  if (inserted.rows[0]) return inserted.rows[0];
  // A concurrent grant won the race: answer the row it made.
  const again = await db.query<ConsentRow>(
    `SELECT ${COLUMNS} FROM consents WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL`,
    [userId, purpose],
  );
  return again.rows[0] as ConsentRow;
};

/** Withdraws the user's active consent to `purpose`; answers whether there was one to withdraw. */
export const withdrawConsent = async (db: Queryable, userId: string, purpose: ConsentPurpose): Promise<boolean> => {
  const { rowCount } = await db.query(
    'UPDATE consents SET withdrawn_at = now() WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL',
    [userId, purpose],
  );
  return (rowCount ?? 0) > 0;
};

/** Whether the user has an active (granted, not withdrawn) consent to `purpose`. */
export const activeConsent = async (db: Queryable, userId: string, purpose: ConsentPurpose): Promise<boolean> => {
  const { rows } = await db.query<{ ok: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM consents WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL) AS ok',
    [userId, purpose],
  );
  return rows[0]?.ok === true;
};

/** Every consent of the user, newest first, withdrawn ones included (the history is theirs too). */
export const listConsents = async (db: Queryable, userId: string): Promise<ConsentRow[]> => {
  const { rows } = await db.query<ConsentRow>(`SELECT ${COLUMNS} FROM consents WHERE user_id = $1 ORDER BY granted_at DESC, id DESC`, [
    userId,
  ]);
  return rows;
};

/** Withdraws every active consent of the user (account deletion). */
export const withdrawAllConsents = async (db: Queryable, userId: string): Promise<number> => {
  const { rowCount } = await db.query('UPDATE consents SET withdrawn_at = now() WHERE user_id = $1 AND withdrawn_at IS NULL', [userId]);
  return rowCount ?? 0;
};
