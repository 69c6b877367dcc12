import { randomBytes } from 'node:crypto';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Queryable } from '../db/pool.ts';
import type { OtpChannel } from './otp.ts';
import { asUserConflict, auditableUser, insertUser, USER_COLUMNS, type UserRow } from './user-store.ts';

/**
 * Walk-in accounts: a citizen who files at the one-stop counter without an account gets one opened
 * by the officer — a citizen with a name and a phone or e-mail, and no password (nobody can sign in
 * to it). The citizen claims it later through the ordinary OTP sign-up with that phone or e-mail:
 * the code proves they hold it, the password is set, and the dossiers filed for them are theirs.
 * Table `walk_in_accounts` (migration 202612052133).
 */
export type WalkInInput = { fullName: string; phone?: string | null; email?: string | null };

/** Opens a walk-in citizen account in the caller's transaction; a taken phone or e-mail answers 409. */
export const openWalkInAccount = async (tx: Queryable, input: WalkInInput, actor: AuditActor, requestId?: string): Promise<UserRow> => {
  const user = await insertUser(tx, {
    username: `counter.${randomBytes(6).toString('hex')}`,
    fullName: input.fullName,
    roles: ['citizen'],
    passwordHash: null,
    phone: input.phone ?? null,
    email: input.email ?? null,
  });
  await tx.query('INSERT INTO walk_in_accounts (user_id, opened_by) VALUES ($1, $2)', [user.id, actor.id]);
  await recordAudit(tx, { actor, action: 'user.walk-in.open', target: { type: 'user', id: user.id }, after: auditableUser(user), requestId });
  return user;
};

/** The unclaimed walk-in account holding this phone or e-mail, if any (sign-up claims it instead of refusing). */
export const findClaimableAccount = async (db: Queryable, channel: OtpChannel, destination: string): Promise<UserRow | undefined> => {
  const column = channel === 'sms' ? 'phone' : 'email';
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}
       FROM walk_in_accounts w JOIN users u ON u.id = w.user_id
      WHERE w.claimed_at IS NULL AND u.password_hash IS NULL AND u.disabled_at IS NULL AND u.${column} = $1`,
    [destination],
  );
  return rows[0];
};

/**
 * Claims a walk-in account (in the sign-up's transaction, after the code was checked): sets the
 * password and the username, keeps the name the officer recorded from the ID card.
 */
export const claimAccount = async (tx: Queryable, userId: string, o: { username: string; passwordHash: string }): Promise<UserRow> => {
  try {
    const { rows } = await tx.query<UserRow>(
      `UPDATE users SET password_hash = $2, username = $3, updated_at = now() WHERE id = $1 AND password_hash IS NULL RETURNING ${USER_COLUMNS}`,
      [userId, o.passwordHash, o.username],
    );
    await tx.query('UPDATE walk_in_accounts SET claimed_at = now() WHERE user_id = $1', [userId]);
    return rows[0]!;
  } catch (error) {
    throw asUserConflict(error);
  }
};
