import { recordAudit, type AuditActor } from '../audit/index.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { conflict, notFound } from '../http/problems.ts';
import { normalizeText } from '../text/index.ts';
import { checkOrganisation } from './create-user.ts';
import { isRole } from './scopes.ts';
import { checkSeparationOfDuties } from './separation-of-duties.ts';
import { revokeAllSessions } from './sessions.ts';
import type { UpdateUserBody } from './users-schema.ts';
import { auditableUser, toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-store.ts';

/**
 * Changes a user's name, roles, organisation or disabled state (administration). Disabling revokes
 * every session at once; role changes apply from the next request, since sessions read roles live.
 * An administrator cannot disable themselves or drop their own admin role (no lock-out).
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

    const disabledAt = change.disabled === undefined ? before.disabled_at : change.disabled ? (before.disabled_at ?? new Date()) : null;
    const { rows: updated } = await tx.query<UserRow>(
      `UPDATE users SET full_name = $2, roles = $3, agency_id = $4, party_org_id = $5, disabled_at = $6, updated_at = now()
        WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, change.fullName === undefined ? before.full_name : normalizeText(change.fullName), roles, agencyId, partyOrgId, disabledAt],
    );
    const after = updated[0]!;
    if (after.disabled_at && !before.disabled_at) await revokeAllSessions(tx, id);
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
