import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Payment-gateway callbacks are signed: `x-timestamp` carries Unix seconds and `x-signature` the
 * hex HMAC-SHA256, keyed with PAYMENT_CALLBACK_SECRET, of `<timestamp>.<raw body>` (the exact
 * bytes sent). Binding the timestamp into the MAC means a captured request cannot be replayed
 * with a fresh timestamp; one replayed within the 5-minute window finds its transaction id
 * already recorded.
 */
export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-timestamp';
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export const signCallback = (secret: string, timestamp: number | string, rawBody: Buffer | string): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export const verifyCallbackSignature = (o: {
  secret: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now?: number;
}): SignatureCheck => {
  if (!o.signature || !o.timestamp) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(o.timestamp)) return { ok: false, reason: 'stale' };
  const age = Math.abs((o.now ?? Date.now()) / 1000 - Number(o.timestamp));
  if (age > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const given = o.signature.replace(/^sha256=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(given)) return { ok: false, reason: 'mismatch' };
  const expected = Buffer.from(signCallback(o.secret, o.timestamp, o.rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
};

/** What the gateway tells us once money has arrived (JSON body of the callback). */
export const PaymentCallback = z.object({
  /** The gateway's (or bank's) id of the transfer: unique, the idempotency key. */
  transactionId: z.string().min(1).max(100).regex(/^[\w.:\-/]+$/, 'chỉ chữ, số và . : - / _'),
  /** The bill number the payer's VietQR carried: the dossier code. */
  reference: z.string().trim().min(1).max(50),
  /** Whole đồng. */
  amount: z.number().int().positive().max(9_999_999_999_999),
  paidAt: z.iso.datetime({ offset: true }),
  provider: z.string().min(1).max(50).optional(),
  description: z.string().max(500).optional(),
});
export type PaymentCallback = z.infer<typeof PaymentCallback>;
