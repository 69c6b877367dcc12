import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always hash the same. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Digest of a record's state before or after a change; the state itself is not kept in the log. */
export const digestOf = (value: unknown): string | null => (value === undefined || value === null ? null : sha256Hex(canonicalJson(value)));
