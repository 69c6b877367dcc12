import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp.ts';
import { DEMO_TOTP_SECRET, decryptSecret, devTotpKey, encryptSecret } from './totp-secrets.ts';

// RFC 6238 appendix B, SHA-1 rows (the 8-digit codes' last six digits), secret "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s the code is %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000))).toBe(code);
  });

  it('round-trips base32 and decodes the demo secret to "Hello!\\xDE\\xAD\\xBE\\xEF"', () => {
    expect(base32Decode(DEMO_TOTP_SECRET)).toEqual(Buffer.from([...Buffer.from('Hello!'), 0xde, 0xad, 0xbe, 0xef]));
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret)!)).toBe(secret);
    expect(base32Decode('not base32!')).toBeUndefined();
  });

  it('accepts the previous, current and next step and nothing further', () => {
    const at = 1_800_000_000_000;
    const now = totpStep(at);
    for (const d of [-1, 0, 1]) expect(matchTotp(DEMO_TOTP_SECRET, totpCode(DEMO_TOTP_SECRET, now + d), at)).toBe(now + d);
    for (const d of [-3, -2, 2, 3]) expect(matchTotp(DEMO_TOTP_SECRET, totpCode(DEMO_TOTP_SECRET, now + d), at)).toBeUndefined();
    expect(matchTotp(DEMO_TOTP_SECRET, '12345', at)).toBeUndefined();
    expect(matchTotp(DEMO_TOTP_SECRET, 'abcdef', at)).toBeUndefined();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(otpauthUri(DEMO_TOTP_SECRET, 'motcua')).toBe(
      'otpauth://totp/T%E1%BB%89nh%20s%E1%BB%91%3Amotcua?secret=JBSWY3DPEHPK3PXP&issuer=T%E1%BB%89nh%20s%E1%BB%91&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('TOTP secrets at rest', () => {
  it('are encrypted (never the plain secret), differ each time, and decrypt only under their key', () => {
    const a = encryptSecret(devTotpKey, DEMO_TOTP_SECRET);
    const b = encryptSecret(devTotpKey, DEMO_TOTP_SECRET);
    expect(a).not.toContain(DEMO_TOTP_SECRET);
    expect(a).not.toBe(b);
    expect(decryptSecret(devTotpKey, a)).toBe(DEMO_TOTP_SECRET);
    expect(decryptSecret(Buffer.alloc(32, 7), a)).toBeUndefined();
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(decryptSecret(devTotpKey, tampered)).toBeUndefined();
    expect(decryptSecret(devTotpKey, 'plain')).toBeUndefined();
  });
});
