import type { FastifyInstance } from 'fastify';
import { sessionFor } from '../../../test/security/callers.ts';
import { insertUser } from '../../platform/auth/user-store.ts';
import type { Db } from '../../platform/db/pool.ts';

/** Test support (imported by tests only): callers opened straight in the database, a privacy officer. */
export const idOf = async (db: Db, username: string): Promise<string> =>
  (await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;

/** A bearer header for the user, with a fresh session (no password, no second factor needed). */
export const authAs = async (app: FastifyInstance, userId: string) => ({ authorization: `Bearer ${(await sessionFor(app, userId)).token}` });

export const privacyOfficer = async (db: Db): Promise<string> => {
  const found = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'dpo.test'`);
  if (found.rows[0]) return found.rows[0].id;
  return (await insertUser(db, { username: 'dpo.test', fullName: 'Cán bộ bảo vệ dữ liệu thử', roles: ['privacy_officer'] })).id;
};

/** How many rows of `table` mention any of `needles` anywhere in the row (its text form). */
export const rowsMentioning = async (db: Db, table: string, needles: string[]): Promise<number> => {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text ILIKE ANY($1::text[])`, [needles.map((n) => `%${n}%`)]);
  return rows[0]!.n;
};
