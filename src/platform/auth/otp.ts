import { randomInt, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../db/ids.ts';
import type { Queryable } from '../db/pool.ts';
import { hashToken } from './sessions.ts';

/**
 * One-time codes: 6 digits, valid 10 minutes, 5 tries. Only an HMAC (under the session secret,
 * bound to purpose and destination) is stored. A new code for the same destination replaces any
 * open one.
 */
export const OTP_TTL_SECONDS = 10 * 60;
export const OTP_MAX_ATTEMPTS = 5;

export type OtpPurpose = 'signup';
export type OtpChannel = 'sms' | 'email';

const otpHash = (secret: string, purpose: OtpPurpose, destination: string, code: string) =>
  hashToken(secret, `otp:${purpose}:${destination}:${code}`);

export const newOtpCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const issueOtp = async (
  tx: Queryable,
  secret: string,
  otp: { purpose: OtpPurpose; channel: OtpChannel; destination: string; code: string },
): Promise<{ id: string; expiresAt: Date }> => {
  await tx.query('UPDATE otp_codes SET consumed_at = now() WHERE purpose = $1 AND destination = $2 AND consumed_at IS NULL', [otp.purpose, otp.destination]);
  // Codes a day past their expiry serve nothing; sweep them as new ones are made.
  await tx.query(`DELETE FROM otp_codes WHERE expires_at < now() - interval '1 day'`);
  const id = uuidv7();
  const expiresAt = new Date(Date.now() + OTP_TTL_SECONDS * 1000);
  await tx.query(
    `INSERT INTO otp_codes (id, purpose, channel, destination, code_hash, max_attempts, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, otp.purpose, otp.channel, otp.destination, otpHash(secret, otp.purpose, otp.destination, otp.code), OTP_MAX_ATTEMPTS, expiresAt],
  );
  return { id, expiresAt };
};

export type OtpCheck = 'ok' | 'wrong' | 'none';

/**
 * Checks a code against the destination's open code, in the caller's transaction: a match spends
 * it (`ok`); a mismatch uses up one try (`wrong`); no open, unexpired code with tries left is `none`.
 * The caller commits a `wrong` (so the try counts) and treats `wrong` and `none` alike.
 */
export const takeOtp = async (
  tx: Queryable,
  secret: string,
  otp: { purpose: OtpPurpose; destination: string; code: string },
): Promise<OtpCheck> => {
  const { rows } = await tx.query<{ id: string; code_hash: string; attempts: number; max_attempts: number; live: boolean }>(
    `SELECT id, code_hash, attempts, max_attempts, expires_at > now() AS live
       FROM otp_codes
      WHERE purpose = $1 AND destination = $2 AND consumed_at IS NULL
      ORDER BY created_at DESC LIMIT 1
      FOR UPDATE`,
    [otp.purpose, otp.destination],
  );
  const row = rows[0];
  if (!row || !row.live || row.attempts >= row.max_attempts) return 'none';
  const expected = Buffer.from(row.code_hash);
  const given = Buffer.from(otpHash(secret, otp.purpose, otp.destination, otp.code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    await tx.query('UPDATE otp_codes SET attempts = attempts + 1 WHERE id = $1', [row.id]);
    return 'wrong';
  }
  await tx.query('UPDATE otp_codes SET consumed_at = now() WHERE id = $1', [row.id]);
  return 'ok';
};
