import type { FastifyInstance } from 'fastify';
import { invalid } from './problems.ts';

/**
 * PostgreSQL text cannot hold U+0000: a NUL that reaches a query fails it ("invalid byte sequence
 * for encoding UTF8: 0x00"), which would answer 500 to what is bad input. This hook refuses such
 * input with 400 before validation, for every route: in a path parameter, the query string or a
 * parsed body (keys and string values, at any depth). Raw bodies (uploads) are left alone.
 */
const MAX_DEPTH = 32;

const nulPath = (value: unknown, at: string, depth = 0): string | undefined => {
  if (typeof value === 'string') return value.includes('\u0000') ? at : undefined;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const where = at ? `${at}.${key}` : key;
    if (key.includes('\u0000')) return where;
    const found = nulPath(inner, where, depth + 1);
    if (found) return found;
  }
  return undefined;
};

export const registerNulGuard = (app: FastifyInstance) => {
  // A callback hook, not an async one: it runs on every request and has nothing to wait for.
  app.addHook('preValidation', (request, _reply, done) => {
    const field = nulPath(request.params, '') ?? nulPath(request.query, '') ?? nulPath(request.body, '');
    done(field === undefined ? undefined : invalid(field || 'body', 'Không được chứa ký tự NUL (U+0000) / must not contain NUL characters'));
  });
};
