import { totpCode, totpStep } from '../../src/platform/auth/totp.ts';
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/totp-secrets.ts';
import type { Queryable } from '../../src/platform/db/pool.ts';

export { DEMO_TOTP_SECRET };

/** What `POST /api/auth/login` answers when a second factor is needed. */
export type MfaAnswer = { mfaRequired: true; ticket: string; enrol?: { secret: string; otpauthUri: string } };

export const isMfaAnswer = (body: unknown): body is MfaAnswer => typeof body === 'object' && body !== null && (body as MfaAnswer).mfaRequired === true;

/**
 * A code a login helper may use now for this account: of the current step, or the next one when
 * the current step's code was already used (the server refuses replays). Tests that log the same
 * official in more than twice within 30 seconds would run out of steps; then the helper clears the
 * account's replay marker in the database instead of waiting — the replay protection itself is
 * tested in src/platform/auth/second-factor.db.test.ts, never through this helper.
 */
export const nextLoginCode = async (db: Queryable, username: string, secret = DEMO_TOTP_SECRET): Promise<string> => {
  const now = totpStep();
  const { rows } = await db.query<{ last: string | null }>('SELECT totp_last_step::text AS last FROM users WHERE username = $1', [username]);
  const last = rows[0]?.last == null ? undefined : Number(rows[0].last);
  let step = last === undefined ? now : Math.max(now, last + 1);
  if (step > now + 1) {
    await db.query('UPDATE users SET totp_last_step = NULL WHERE username = $1', [username]);
    step = now;
  }
  return totpCode(secret, step);
};
