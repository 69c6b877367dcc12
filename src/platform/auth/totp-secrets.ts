import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { type Config, DEV_SESSION_SECRET } from '../config/index.ts';
import type { Queryable } from '../db/pool.ts';

/**
 * TOTP secrets at rest: AES-256-GCM under a key from `TOTP_ENCRYPTION_KEY` (or, when unset, derived
 * from `SESSION_SECRET`; set it in production and keep it stable, or every enrolled official has to
 * enrol again). Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). A secret is decrypted only to
 * check a code; it is never logged or returned after enrolment.
 */
export type TotpKey = Buffer;

/** The secret every demo official has (README): refused in production (`demoTotpRefusal`). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

const deriveKey = (material: string): TotpKey => createHash('sha256').update(`tinhso-totp-secret-key:${material}`).digest();

export const totpKeyOf = (config: Pick<Config, 'sessionSecret' | 'signIn'>): TotpKey => deriveKey(config.signIn.totpKey ?? config.sessionSecret);

/** The development key (public: derived from the dev session secret): the demo seed's default, and used to spot demo secrets anywhere. */
export const devTotpKey: TotpKey = deriveKey(DEV_SESSION_SECRET);

export const encryptSecret = (key: TotpKey, secret: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
};

/** The plain secret, or undefined when the stored value was not made with this key (or was altered). */
export const decryptSecret = (key: TotpKey, stored: string): string | undefined => {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
};

/**
 * Usernames of the accounts whose stored secret is the documented demo secret, under the configured
 * key or the development one (a database seeded in development and then moved to production).
 */
export const accountsWithDemoSecret = async (db: Queryable, key: TotpKey): Promise<string[]> => {
  const { rows } = await db.query<{ username: string; totp_secret: string }>(
    'SELECT username, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY username',
  );
  return rows
    .filter((r) => [key, devTotpKey].some((k) => decryptSecret(k, r.totp_secret) === DEMO_TOTP_SECRET))
    .map((r) => r.username);
};

/** A reason to refuse a production start while any account still has the demo TOTP secret, or undefined. */
export const demoTotpRefusal = async (db: Queryable, key: TotpKey): Promise<string | undefined> => {
  const names = await accountsWithDemoSecret(db, key);
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  return (
    `Từ chối khởi động: ${names.length} tài khoản còn dùng khóa TOTP demo ${DEMO_TOTP_SECRET} (${shown}). ` +
    'Chạy `tinhso users totp-reset --demo-secret` để đặt lại xác thực hai lớp của các tài khoản này.\n' +
    `Refusing to start: ${names.length} accounts still use the demo TOTP secret (${shown}); ` +
    'run `tinhso users totp-reset --demo-secret` to reset their two-factor enrolment.'
  );
};
