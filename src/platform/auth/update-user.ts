import { recordAudit, type AuditActor } from '../audit/index.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { conflict, invalid, notFound } from '../http/problems.ts';
import { normalizeText } from '../text/index.ts';
import { queueContactChangeNotices } from './contact-change-notice.ts';
import { normalizeEmail, normalizePhone } from './contact.ts';
import { checkOrganisation } from './create-user.ts';
import { isRole } from './scopes.ts';
import { checkSeparationOfDuties } from './separation-of-duties.ts';
import { revokeAllSessions } from './sessions.ts';
import type { UpdateUserBody } from './users-schema.ts';
import { asUserConflict, auditableUser, toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-store.ts';

/** Only the citizen role: the person's own account, whose contacts are their sign-in, verified by a code. */
const isCitizenAccount = (roles: readonly string[]) => roles.every((r) => r === 'citizen');

const CITIZEN_CONTACT = 'Thông tin liên hệ của tài khoản công dân chỉ do chính công dân đổi, có mã xác minh';

/**
 * The contacts after the change: a given one normalised (the schema checked its shape), null clears.
 * A citizen's own account is refused: its phone or e-mail is how the person signs in and recovers
 * the account, so changing it on someone else's word would hand the account over.
 */
const contactsAfter = (before: UserRow, change: UpdateUserBody): { email: string | null; phone: string | null } => {
  const asked = (['email', 'phone'] as const).filter((field) => change[field] !== undefined);
  if (asked.length > 0 && isCitizenAccount(before.roles)) {
    throw conflict(CITIZEN_CONTACT, { errors: asked.map((field) => ({ field, message: CITIZEN_CONTACT })) });
  }
  const email = change.email === undefined ? before.email : change.email === null ? null : normalizeEmail(change.email);
  const phone = change.phone === undefined ? before.phone : change.phone === null ? null : normalizePhone(change.phone);
  if (email === undefined) throw invalid('email', 'E-mail không hợp lệ');
  if (phone === undefined) throw invalid('phone', 'Số điện thoại di động không hợp lệ');
  return { email, phone };
};

/**
 * Changes a user's name, roles, organisation, contacts (staff accounts) or disabled state
 * (administration). Disabling revokes every session at once; role changes apply from the next
 * request, since sessions read roles live. An administrator cannot disable themselves or drop their
 * own admin role (no lock-out). A contact another account holds answers 409, naming the field.
 */
export const updateUser = async (db: Db, id: string, change: UpdateUserBody, actor: AuditActor & { id: string }, requestId?: string): Promise<UserView> =>
  withTransaction(db, async (tx) => {
    const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    const before = rows[0];
    if (!before) throw notFound('Không tìm thấy người dùng');

    const roles = change.roles ?? before.roles.filter(isRole);
    const agencyId = change.agencyId === undefined ? before.agency_id : change.agencyId;
    const partyOrgId = change.partyOrgId === undefined ? before.party_org_id : change.partyOrgId;
    if (id === actor.id && (change.disabled === true || !roles.includes('admin'))) {
      throw conflict('Không thể tự khóa tài khoản hoặc tự bỏ quyền quản trị của chính mình');
    }
    checkSeparationOfDuties(roles);
    await checkOrganisation(tx, { roles, agencyId, partyOrgId });

    const { email, phone } = contactsAfter(before, change);
    const disabledAt = change.disabled === undefined ? before.disabled_at : change.disabled ? (before.disabled_at ?? new Date()) : null;
    const { rows: updated } = await tx
      .query<UserRow>(
        `UPDATE users SET full_name = $2, roles = $3, agency_id = $4, party_org_id = $5, disabled_at = $6, email = $7, phone = $8, updated_at = now()
          WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, change.fullName === undefined ? before.full_name : normalizeText(change.fullName), roles, agencyId, partyOrgId, disabledAt, email, phone],
      )
      .catch((error: unknown) => {
        throw asUserConflict(error);
      });
    const after = updated[0]!;
    if (after.disabled_at && !before.disabled_at) await revokeAllSessions(tx, id);
    await queueContactChangeNotices(tx, { id, username: after.username }, before, after, new Date());
    await recordAudit(tx, {
      actor,
      action: after.disabled_at && !before.disabled_at ? 'user.disable' : 'user.update',
      target: { type: 'user', id },
      before: auditableUser(before),
      after: auditableUser(after),
      requestId,
    });
    return toUserView(after);
  });
