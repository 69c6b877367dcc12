import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_SECONDS, signCallback, verifyCallbackSignature } from './callback.ts';

const secret = 'k'.repeat(40);
const rawBody = Buffer.from('{"transactionId":"FT1","amount":50000}');
const now = 1_795_000_000_000;
const ts = String(now / 1000);

describe('verifyCallbackSignature', () => {
  it('is HMAC-SHA256 of "<timestamp>.<raw body>" in hex', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${rawBody.toString()}`).digest('hex');
    expect(signCallback(secret, ts, rawBody)).toBe(expected);
  });

  it('accepts the right signature, in either case and with a sha256= prefix', () => {
    const sig = signCallback(secret, ts, rawBody);
    for (const signature of [sig, sig.toUpperCase(), `sha256=${sig}`]) {
      expect(verifyCallbackSignature({ secret, rawBody, signature, timestamp: ts, now })).toEqual({ ok: true });
    }
  });

  it('accepts a timestamp up to 5 minutes off either way, not more', () => {
    for (const offset of [-MAX_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS]) {
      const t = String(now / 1000 + offset);
      expect(verifyCallbackSignature({ secret, rawBody, signature: signCallback(secret, t, rawBody), timestamp: t, now }).ok).toBe(true);
    }
    for (const offset of [-MAX_CLOCK_SKEW_SECONDS - 1, MAX_CLOCK_SKEW_SECONDS + 1]) {
      const t = String(now / 1000 + offset);
      expect(verifyCallbackSignature({ secret, rawBody, signature: signCallback(secret, t, rawBody), timestamp: t, now })).toEqual({ ok: false, reason: 'stale' });
    }
  });

  it('refuses a changed body, another key, a missing header or a malformed timestamp', () => {
    const sig = signCallback(secret, ts, rawBody);
    const check = (o: Partial<Parameters<typeof verifyCallbackSignature>[0]>) =>
      verifyCallbackSignature({ secret, rawBody, signature: sig, timestamp: ts, now, ...o });
    expect(check({ rawBody: Buffer.from(rawBody.toString().replace('50000', '5000')) })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ secret: 'z'.repeat(40) })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signature: sig.slice(0, 62) })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: '2026-11-23T10:00:00Z' })).toEqual({ ok: false, reason: 'stale' });
  });
});
