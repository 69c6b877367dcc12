import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The signature of an electronic result: HMAC-SHA256 over `e-result:<id>:<dossier code>`, base64url,
 * with `RESULT_SIGNING_KEY` (or, when unset, a key derived by HKDF from `SESSION_SECRET` under a
 * label of its own). It goes in the QR's address (`/tra-cuu/ket-qua/{id}?sig=…`): only the
 * province can mint a valid address, and the page it opens names the file's SHA-256, so a
 * reader can tell whether the file in hand is the one issued. (The QR sits inside the PDF, so the
 * signature cannot cover the PDF's own bytes; the stored SHA-256 does.)
 */
export type ResultKey = { secret: Buffer };

export const resultSigningKey = (config: { resultSigningKey?: string; sessionSecret: string }): ResultKey => ({
  secret: config.resultSigningKey
    ? Buffer.from(config.resultSigningKey, 'utf8')
    : Buffer.from(hkdfSync('sha256', config.sessionSecret, 'tinhso', 'e-result-signing', 32)),
});

export const signResult = (key: ResultKey, id: string, code: string) => createHmac('sha256', key.secret).update(`e-result:${id}:${code}`).digest('base64url');

export const isResultSignature = (key: ResultKey, id: string, code: string, sig: string) => {
  const expected = Buffer.from(signResult(key, id, code));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

export const resultVerifyUrl = (publicUrl: string, id: string, sig: string) => `${publicUrl.replace(/\/+$/, '')}/tra-cuu/ket-qua/${id}?sig=${encodeURIComponent(sig)}`;
