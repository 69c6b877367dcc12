import type { FastifyInstance } from 'fastify';
import { bearer, loginAs } from '../../../test/helpers/app.ts';
import type { Db } from '../../platform/db/pool.ts';

/** Test support (imported by tests only): places, a valid report body, sign-ins and row counts. */

/** Phường Tân Ninh (25459): its reports go to the committee 001.00.00.H59, handled by pakn.xa01. */
export const TAN_NINH = { lat: 11.301, lng: 106.096 };
/** Phường Tân An (27712), far from Tân Ninh. */
export const TAN_AN = { lat: 10.535, lng: 106.41 };

export const reportBody = (over: Record<string, unknown> = {}) => ({
  topicCode: 'ha-tang-giao-thong',
  title: 'Ổ gà trên đường Cách Mạng Tháng Tám',
  description: 'Ổ gà sâu giữa làn đường, xe máy dễ té ngã.',
  ...TAN_NINH,
  address: 'Đường Cách Mạng Tháng Tám',
  privacy: 'secret',
  contact: { phone: '0912000001' },
  ...over,
});

export type Tokens = Record<string, string>;

/** Bearer tokens of the named demo accounts. */
export const signIn = async (app: FastifyInstance, ...usernames: string[]): Promise<Tokens> =>
  Object.fromEntries(await Promise.all(usernames.map(async (u) => [u, await loginAs(app, u)] as const)));

export const as = (tokens: Tokens, username: string) => bearer(tokens[username]!);

export const countRows = async (db: Db, table: string, where = 'true', params: unknown[] = []): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0]!.n;

/** Files a report over HTTP as `username` and returns its id. */
export const fileVia = async (app: FastifyInstance, tokens: Tokens, username: string, over: Record<string, unknown> = {}): Promise<string> => {
  const res = await app.inject({ method: 'POST', url: '/api/feedback/reports', headers: as(tokens, username), payload: reportBody(over) });
  if (res.statusCode !== 201) throw new Error(`filing failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
};

/** POSTs an action as `username`. */
export const actAs = (app: FastifyInstance, tokens: Tokens, username: string, id: string, action: string, payload: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/feedback/reports/${id}/${action}`, headers: as(tokens, username), payload });
