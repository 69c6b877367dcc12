/**
 * A fresh `Idempotency-Key` (a random UUID) for one attempt at a write: the same key sent twice
 * (a double click, a retry after a dropped answer) makes the server do the write once.
 * `crypto.randomUUID` needs a secure context; a plain-HTTP intranet address falls back to
 * `getRandomValues`, which every browser has.
 */
export const newIdempotencyKey = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
