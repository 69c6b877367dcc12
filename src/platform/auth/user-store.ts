import { z } from 'zod';
import { uuidv7 } from '../db/ids.ts';
import type { Queryable } from '../db/pool.ts';
import { conflict } from '../http/problems.ts';
import { normalizeText } from '../text/index.ts';
import { isRole, ROLES, type Role } from './scopes.ts';

/** A user as the administration endpoints show it (never the password hash). */
export const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  agencyId: z.uuid().nullable(),
  partyOrgId: z.uuid().nullable(),
  disabled: z.boolean(),
  /** The user has enrolled an authenticator app (two-factor sign-in); an administrator's reset clears it. */
  totpEnrolled: z.boolean(),
  createdAt: z.string().describe('ISO 8601, UTC'),
});
export type UserView = z.infer<typeof UserView>;

export type UserRow = {
  id: string;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  agency_id: string | null;
  party_org_id: string | null;
  disabled_at: Date | null;
  totp_enrolled_at: Date | null;
  created_at: Date;
};

export const USER_COLUMNS = 'id, username, full_name, email, phone, roles, agency_id, party_org_id, disabled_at, totp_enrolled_at, created_at';

export const toUserView = (r: UserRow): UserView => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  email: r.email,
  phone: r.phone,
  roles: r.roles.filter(isRole),
  agencyId: r.agency_id,
  partyOrgId: r.party_org_id,
  disabled: r.disabled_at !== null,
  totpEnrolled: r.totp_enrolled_at !== null,
  createdAt: r.created_at.toISOString(),
});

export type NewUser = {
  username: string;
  fullName: string;
  roles: Role[];
  passwordHash?: string | null;
  email?: string | null;
  phone?: string | null;
  agencyId?: string | null;
  partyOrgId?: string | null;
};

const CONFLICTS: Record<string, { field: string; message: string }> = {
  users_username_key: { field: 'username', message: 'Tên đăng nhập đã được dùng' },
  users_email_key: { field: 'email', message: 'E-mail đã được dùng cho tài khoản khác' },
  users_phone_key: { field: 'phone', message: 'Số điện thoại đã được dùng cho tài khoản khác' },
};

/** A unique-constraint violation on users as a 409 naming the field; any other error unchanged. */
export const asUserConflict = (error: unknown): unknown => {
  const pgError = error as { code?: string; constraint?: string };
  const known = pgError.code === '23505' && pgError.constraint ? CONFLICTS[pgError.constraint] : undefined;
  return known ? conflict(known.message, { errors: [known] }) : error;
};

/** Inserts a user (name normalised); a taken username, e-mail or phone answers 409. */
export const insertUser = async (tx: Queryable, user: NewUser): Promise<UserRow> => {
  try {
    const { rows } = await tx.query<UserRow>(
      `INSERT INTO users (id, username, full_name, email, phone, password_hash, roles, agency_id, party_org_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING ${USER_COLUMNS}`,
      [uuidv7(), user.username, normalizeText(user.fullName), user.email ?? null, user.phone ?? null, user.passwordHash ?? null,
        user.roles, user.agencyId ?? null, user.partyOrgId ?? null],
    );
    return rows[0]!;
  } catch (error) {
    throw asUserConflict(error);
  }
};

/** What an audit entry may say about a user: no password hash. */
export const auditableUser = (u: UserRow | UserView) => {
  const v = 'full_name' in u ? toUserView(u) : u;
  return { username: v.username, fullName: v.fullName, email: v.email, phone: v.phone, roles: v.roles, agencyId: v.agencyId, partyOrgId: v.partyOrgId, disabled: v.disabled };
};
