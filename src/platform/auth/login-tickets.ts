import { randomBytes, randomInt } from 'node:crypto';
import { uuidv7 } from '../db/ids.ts';
import type { Queryable } from '../db/pool.ts';
import { hashToken } from './sessions.ts';

/**
 * Second-step login tickets and recovery codes (table `login_tickets`, `totp_recovery_codes`,
 * migration 202612052110). A ticket says "this user gave the right password a moment ago": random
 * 256 bits, stored as an HMAC, bound to the user, valid five minutes, spent by the first correct code.
 */
export const TICKET_TTL_SECONDS = 5 * 60;
export const RECOVERY_CODE_COUNT = 10;

export type Ticket = { userId: string; pendingSecret: string | null; hash: string };

const ticketHash = (secret: string, ticket: string) => hashToken(secret, `login-ticket:${ticket}`);

export const issueTicket = async (db: Queryable, secret: string, userId: string, pendingSecret: string | null = null): Promise<string> => {
  const ticket = randomBytes(32).toString('base64url');
  // Tickets a day past their expiry serve nothing; sweep them as new ones are made.
  await db.query(`DELETE FROM login_tickets WHERE expires_at < now() - interval '1 day'`);
  await db.query(
    `INSERT INTO login_tickets (ticket_hash, user_id, pending_secret, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')`,
    [ticketHash(secret, ticket), userId, pendingSecret, TICKET_TTL_SECONDS],
  );
  return ticket;
};

/** The open ticket (not used, not expired), locked for the caller's transaction; undefined otherwise. */
export const findTicket = async (db: Queryable, secret: string, ticket: string, lock = false): Promise<Ticket | undefined> => {
  if (ticket.length < 20 || ticket.length > 100) return undefined;
  const hash = ticketHash(secret, ticket);
  const { rows } = await db.query<{ user_id: string; pending_secret: string | null }>(
    `SELECT user_id, pending_secret FROM login_tickets
      WHERE ticket_hash = $1 AND used_at IS NULL AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
    [hash],
  );
  const row = rows[0];
  return row ? { userId: row.user_id, pendingSecret: row.pending_secret, hash } : undefined;
};

/** Spends a ticket; false when another request spent it first. */
export const spendTicket = async (db: Queryable, ticket: Ticket): Promise<boolean> => {
  const res = await db.query('UPDATE login_tickets SET used_at = now() WHERE ticket_hash = $1 AND used_at IS NULL', [ticket.hash]);
  return (res.rowCount ?? 0) === 1;
};

// Recovery codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L), shown as xxxxx-xxxxx.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE = /^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/;

const normaliseRecovery = (code: string) => code.replace('-', '').toUpperCase();
const recoveryHash = (secret: string, userId: string, code: string) => hashToken(secret, `recovery:${userId}:${normaliseRecovery(code)}`);

const newRecoveryCode = () => {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
};

/** Replaces a user's recovery codes with ten new ones; answers them in clear, once. */
export const issueRecoveryCodes = async (db: Queryable, secret: string, userId: string): Promise<string[]> => {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.query('DELETE FROM totp_recovery_codes WHERE user_id = $1', [userId]);
  await db.query(
    'INSERT INTO totp_recovery_codes (id, user_id, code_hash) SELECT unnest($1::uuid[]), $2, unnest($3::text[])',
    [codes.map(() => uuidv7()), userId, codes.map((c) => recoveryHash(secret, userId, c))],
  );
  return codes;
};

/** Spends one unused recovery code; answers how many remain, or undefined when the code is not one. */
export const spendRecoveryCode = async (db: Queryable, secret: string, userId: string, code: string): Promise<number | undefined> => {
  if (!RECOVERY_CODE.test(code)) return undefined;
  const spent = await db.query('UPDATE totp_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL', [
    userId,
    recoveryHash(secret, userId, code),
  ]);
  if ((spent.rowCount ?? 0) !== 1) return undefined;
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM totp_recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId]);
  return rows[0]?.n ?? 0;
};
