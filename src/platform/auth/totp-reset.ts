import { recordAudit, type AuditActor } from '../audit/index.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { notFound } from '../http/problems.ts';
import { revokeAllSessions } from './sessions.ts';

/**
 * An administrator resets a user's two-factor enrolment (lost phone, or the demo secret in a
 * production database): the secret, its replay marker, the recovery codes and open login tickets
 * go, every session of the user is revoked, and the next password login offers a new secret.
 * Audited as `user.totp-reset`.
 */
export const resetTotp = async (db: Db, userId: string, actor: AuditActor, requestId?: string): Promise<void> =>
  withTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ enrolled: boolean }>('SELECT totp_secret IS NOT NULL AS enrolled FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const user = rows[0];
    if (!user) throw notFound('Không tìm thấy người dùng');
    await tx.query('UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1', [userId]);
    const codes = await tx.query('DELETE FROM totp_recovery_codes WHERE user_id = $1', [userId]);
    await tx.query('DELETE FROM login_tickets WHERE user_id = $1', [userId]);
    const sessions = await revokeAllSessions(tx, userId);
    await recordAudit(tx, {
      actor,
      action: 'user.totp-reset',
      target: { type: 'user', id: userId },
      before: { enrolled: user.enrolled, recoveryCodes: codes.rowCount ?? 0 },
      after: { enrolled: false, revokedSessions: sessions.rowCount ?? 0 },
      requestId,
    });
  });
