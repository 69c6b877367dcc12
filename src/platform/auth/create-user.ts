import { recordAudit, type AuditActor } from '../audit/index.ts';
import { withTransaction, type Db, type Queryable } from '../db/pool.ts';
import { invalid } from '../http/problems.ts';
import { normalizeEmail, normalizePhone, USERNAME, USERNAME_MESSAGE } from './contact.ts';
import { hashPassword } from './passwords.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { checkSeparationOfDuties } from './separation-of-duties.ts';
import { ROLE_LABELS, type Role } from './scopes.ts';
import { STAFF_ROLES } from './users-schema.ts';
import { auditableUser, insertUser, toUserView, type UserView } from './user-store.ts';

/**
 * Checks that a user's organisation fits their roles: the agency and Party organisation named
 * exist, and staff roles (officer, leaders) come with an agency. Throws 400 naming the field.
 */
export const checkOrganisation = async (db: Queryable, user: { roles: readonly Role[]; agencyId?: string | null; partyOrgId?: string | null }) => {
  if (user.agencyId) {
    const { rowCount } = await db.query('SELECT 1 FROM agencies WHERE id = $1', [user.agencyId]);
    if (!rowCount) throw invalid('agencyId', 'Cơ quan không tồn tại');
  }
  if (user.partyOrgId) {
    const { rowCount } = await db.query('SELECT 1 FROM party_orgs WHERE id = $1', [user.partyOrgId]);
    if (!rowCount) throw invalid('partyOrgId', 'Tổ chức Đảng không tồn tại');
  }
  const staff = user.roles.find((r) => STAFF_ROLES.includes(r));
  if (staff && !user.agencyId) throw invalid('agencyId', `Vai trò "${ROLE_LABELS[staff]}" cần thuộc một cơ quan`);
};

export type CreateUserInput = {
  username: string;
  fullName: string;
  password: string;
  roles: Role[];
  agencyId?: string | null;
  partyOrgId?: string | null;
  email?: string;
  phone?: string;
};

/**
 * Creates an account with a password (administration and `tinhso users create`): validates
 * organisation and contacts, hashes the password, inserts and audits in one transaction.
 * A taken username, e-mail or phone answers 409.
 */
export const createUser = async (db: Db, input: CreateUserInput, actor: AuditActor, requestId?: string): Promise<UserView> => {
  // The HTTP schema checks these too; the CLI reaches here without it.
  if (!USERNAME.test(input.username)) throw invalid('username', USERNAME_MESSAGE);
  if (input.fullName.trim().length < 2) throw invalid('fullName', 'Nhập họ và tên');
  checkPasswordPolicy(input.password, { roles: input.roles, username: input.username, phone: input.phone, email: input.email });
  checkSeparationOfDuties(input.roles);
  const email = input.email === undefined ? null : normalizeEmail(input.email);
  if (email === undefined) throw invalid('email', 'E-mail không hợp lệ');
  const phone = input.phone === undefined ? null : normalizePhone(input.phone);
  if (phone === undefined) throw invalid('phone', 'Số điện thoại di động không hợp lệ');
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (tx) => {
    await checkOrganisation(tx, input);
    const user = await insertUser(tx, {
      username: input.username,
      fullName: input.fullName,
      roles: input.roles,
      passwordHash,
      email,
      phone,
      agencyId: input.agencyId ?? null,
      partyOrgId: input.partyOrgId ?? null,
    });
    await recordAudit(tx, { actor, action: 'user.create', target: { type: 'user', id: user.id }, after: auditableUser(user), requestId });
    return toUserView(user);
  });
};
