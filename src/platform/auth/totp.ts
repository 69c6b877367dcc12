import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps,
 * 6 digits — what every authenticator app uses by default. Written on node:crypto, no dependency.
 * Secrets travel as RFC 4648 base32 (the `otpauth://` URI and the authenticator apps' format).
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too (clock drift, typing time). */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const base32Encode = (bytes: Buffer): string => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
};

/** Decodes base32 (case, spaces and padding ignored); undefined for a character outside the alphabet. */
export const base32Decode = (text: string): Buffer | undefined => {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

/** A new random secret: 160 bits, the size RFC 4226 recommends, as base32 (32 characters). */
export const newTotpSecret = () => base32Encode(randomBytes(20));

/** The time step a moment falls in. */
export const totpStep = (atMs = Date.now()) => Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC-SHA1(secret, counter). */
export const hotp = (key: Buffer, counter: number): string => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** TOTP_DIGITS;
  return String(binary).padStart(TOTP_DIGITS, '0');
};

/** The code of a base32 secret at a time step (the current one by default). */
export const totpCode = (secret: string, step = totpStep()): string => {
  const key = base32Decode(secret);
  if (!key || key.length === 0) throw new Error('TOTP secret is not base32');
  return hotp(key, step);
};

/**
 * The step whose code `code` is, within ±TOTP_WINDOW of now, or undefined. The caller refuses a
 * step at or before the last one it accepted (replay).
 */
export const matchTotp = (secret: string, code: string, atMs = Date.now()): number | undefined => {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = totpStep(atMs);
  let found: number | undefined;
  // Every candidate is compared, so the time taken does not tell which step matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(code)) && found === undefined) found = step;
  }
  return found;
};

/** The `otpauth://` URI authenticator apps read (also as a QR code). */
export const otpauthUri = (secret: string, account: string, issuer = 'Tỉnh số') =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}` +
  `&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;
