import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/db/pool.ts';
import { open311Error } from './errors.ts';

/** An outside application allowed to write (`open311_api_keys`, keys kept only as SHA-256). */
export type ApiClient = { id: string; name: string };

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Resolves `api_key`; missing, unknown or inactive → 403 in the spec's error list. */
export const requireApiClient = async (db: Queryable, apiKey: string | undefined): Promise<ApiClient> => {
  const key = apiKey?.trim();
  if (!key) throw open311Error(403, 'Thiếu api_key / api_key is required to create a request');
  const { rows } = await db.query<ApiClient>('SELECT id, name FROM open311_api_keys WHERE key_sha256 = $1 AND active', [sha256Hex(key)]);
  const client = rows[0];
  if (!client) throw open311Error(403, 'api_key không hợp lệ / invalid api_key received, cannot create the request');
  return client;
};
