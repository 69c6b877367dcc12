import type { FastifyInstance } from 'fastify';
import { createSession, resolveSession } from '../../src/platform/auth/sessions.ts';
import { ROLES, type Role } from '../../src/platform/auth/scopes.ts';
import { STAFF_ROLES } from '../../src/platform/auth/users-schema.ts';
import { insertUser } from '../../src/platform/auth/user-store.ts';
import type { Db } from '../../src/platform/db/pool.ts';

/**
 * Signed-in callers for the security tests: sessions are opened directly in the database (no
 * password hashing, no login rate limit), exactly as a login would open them.
 */
export const sessionFor = async (app: FastifyInstance, userId: string) => {
  const session = await createSession(app.db, { secret: app.config.sessionSecret, userId, via: 'password', ttlHours: 1 });
  return { token: session.token, csrfToken: session.csrfToken };
};

export const isSessionLive = async (app: FastifyInstance, token: string) => (await resolveSession(app.db, app.config.sessionSecret, token)) !== null;

export const userIdOf = async (db: Db, username: string) => {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  return rows[0].id;
};

/**
 * One account per role holding that role only: a demo account when one exists, otherwise one made
 * here (staff roles in Sở Tư pháp), so that a role added to scopes.ts is walked without a change.
 */
export const oneUserPerRole = async (db: Db): Promise<Record<Role, string>> => {
  const justice = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]?.id ?? null;
  const users = {} as Record<Role, string>;
  for (const role of ROLES) {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE roles = ARRAY[$1]::text[] AND disabled_at IS NULL ORDER BY username LIMIT 1', [role]);
    users[role] =
      rows[0]?.id ??
      (await insertUser(db, { username: `matrix.${role.replaceAll('_', '-')}`, fullName: `Tài khoản thử ${role}`, roles: [role], agencyId: STAFF_ROLES.includes(role) ? justice : null })).id;
  }
  return users;
};

/** A bearer token for each role (see `oneUserPerRole`). */
export const tokensPerRole = async (app: FastifyInstance): Promise<Record<Role, string>> => {
  const users = await oneUserPerRole(app.db);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = (await sessionFor(app, users[role])).token;
  return tokens;
};
