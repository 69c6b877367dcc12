import type { FastifyRequest } from 'fastify';
import { invalid } from '../../../platform/http/problems.ts';

/** `Idempotency-Key`: 8–100 visible ASCII characters (a UUID is typical); absent = no deduplication. */
export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[\x21-\x7e]{8,100}$/.test(raw)) throw invalid('Idempotency-Key', 'Khóa chống gửi trùng gồm 8–100 ký tự ASCII');
  return raw;
};
