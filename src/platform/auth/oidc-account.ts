import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/index.ts';
import type { DbClient } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { toSessionUser } from './login.ts';
import type { OidcProfile } from './oidc-client.ts';
import type { SessionUser } from './schema.ts';
import { auditableUser, insertUser, USER_COLUMNS, type UserRow } from './user-store.ts';
import { recordIdentityLevel } from './vneid-level.ts';

const FALLBACK_NAME = 'Người dùng đăng nhập một lần';

/** A contact the provider vouches for is recorded only if no other account holds it already. */
const freeContact = async (tx: DbClient, column: 'email' | 'phone', value: string | undefined) => {
  if (!value) return null;
  const { rowCount } = await tx.query(`SELECT 1 FROM users WHERE ${column} = $1`, [value]);
  return (rowCount ?? 0) > 0 ? null : value;
};

/**
 * The user behind an identity from the provider: found by (issuer, subject) only — never by
 * e-mail or phone, which would let whoever controls those at the provider take over an account —
 * or created as a citizen named from the claims, and linked.
 */
export const userForIdentity = async (
  tx: DbClient,
  request: FastifyRequest,
  issuer: string,
  profile: OidcProfile,
): Promise<{ user: SessionUser; created: boolean }> => {
  const { rows } = await tx.query<UserRow>(
    `SELECT ${USER_COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}
       FROM user_identities i JOIN users u ON u.id = i.user_id
      WHERE i.provider = $1 AND i.subject = $2`,
    [issuer, profile.subject],
  );
  const linked = rows[0];
  if (linked) {
    if (linked.disabled_at) throw new AppError('invalid-credentials', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị hệ thống.');
    if (profile.identity) await recordIdentityLevel(tx, linked.id, issuer, profile.identity);
    return { user: toSessionUser(linked), created: false };
  }
  const user = await insertUser(tx, {
    username: `sso.${randomBytes(6).toString('hex')}`,
    fullName: profile.fullName ?? FALLBACK_NAME,
    roles: ['citizen'],
    email: await freeContact(tx, 'email', profile.email),
    phone: await freeContact(tx, 'phone', profile.phone),
  });
  await tx.query('INSERT INTO user_identities (provider, subject, user_id) VALUES ($1, $2, $3)', [issuer, profile.subject, user.id]);
  if (profile.identity) await recordIdentityLevel(tx, user.id, issuer, profile.identity);
  await recordAudit(tx, {
    actor: { id: user.id, name: user.username },
    action: 'user.signup',
    target: { type: 'user', id: user.id },
    after: { ...auditableUser(user), via: 'oidc', provider: issuer },
    requestId: request.id,
  });
  return { user: toSessionUser(user), created: true };
};
