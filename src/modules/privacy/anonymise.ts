import type { DbClient } from '../../platform/db/pool.ts';
import { withdrawAllConsents } from './consents.ts';

/**
 * Erasure on an accepted deletion request, in the caller's transaction. What the law keeps is
 * kept and reported back (`kept`); everything else that identifies the person goes:
 *
 * - account: name → "Người dùng đã xóa", username → `deleted-<id>`, e-mail, phone, password and
 *   two-factor secrets removed, disabled; ID number, VNeID identity level and linked sign-ins
 *   deleted; sessions deleted (so revoked), one-time codes and sign-in attempts deleted;
 * - notifications deleted; consents withdrawn (the rows stay as proof, tied to no one);
 * - drafts never filed deleted; free-text comments of ratings removed (the score stays);
 * - feedback reports: the reporter and their contact details removed (the report, its place and
 *   rating stay, anonymous, for the statistics).
 *
 * Kept: filed dossiers, their history and papers (records under the archive rules), payments
 * (accounting records), the audit log (evidence; it holds the old username as the actor).
 * Counts, ratings and the IOC rollups are untouched: no statistic changes.
 */
export const DELETED_NAME = 'Người dùng đã xóa';

export type Kept = { what: string; count: number; why: string };

const hasColumn = async (tx: DbClient, table: string, column: string) =>
  (await tx.query('SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2', [table, column])).rowCount === 1;
const hasTable = async (tx: DbClient, table: string) => (await tx.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0]?.ok === true;

export const anonymiseUser = async (tx: DbClient, userId: string): Promise<{ kept: Kept[] }> => {
  const { rows } = await tx.query<{ username: string; email: string | null; phone: string | null }>(
    'SELECT username::text AS username, email::text AS email, phone FROM users WHERE id = $1 FOR UPDATE',
    [userId],
  );
  const user = rows[0];
  if (!user) return { kept: [] };
  const subjects = [user.username, user.email, user.phone].filter((s): s is string => Boolean(s)).map((s) => s.toLowerCase());

  // Sign-in: nothing left to sign in with, nothing left that says who.
  await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  await tx.query('DELETE FROM user_identities WHERE user_id = $1', [userId]);
  await tx.query('DELETE FROM citizen_id_numbers WHERE user_id = $1', [userId]);
  await tx.query(`DELETE FROM auth_attempts WHERE split_part(key, ':subject:', 2) = ANY($1::text[])`, [subjects]);
  await tx.query('DELETE FROM otp_codes WHERE lower(destination) = ANY($1::text[])', [subjects]);
  for (const table of ['identity_levels', 'totp_recovery_codes', 'login_tickets']) {
    if (await hasTable(tx, table)) await tx.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
  }
  const totp = (await hasColumn(tx, 'users', 'totp_secret')) ? ', totp_secret = NULL' : '';
  await tx.query(
    `UPDATE users SET full_name = $2, username = $3, email = NULL, phone = NULL, password_hash = NULL,
            disabled_at = COALESCE(disabled_at, now()), updated_at = now()${totp}
      WHERE id = $1`,
    [userId, DELETED_NAME, `deleted-${userId}`],
  );

  await tx.query('DELETE FROM notifications WHERE user_id = $1', [userId]);
  await withdrawAllConsents(tx, userId);
  await tx.query(`DELETE FROM dossiers WHERE owner_id = $1 AND state = 'draft' AND case_id IS NULL AND status IS NULL`, [userId]);
  await tx.query('UPDATE dossier_ratings SET comment = NULL WHERE owner_id = $1', [userId]);
  await tx.query(
    `UPDATE feedback_reports SET reporter_id = NULL, contact = '{}', rating_comment = NULL, notify = false, updated_at = now()
      WHERE reporter_id = $1`,
    [userId],
  );

  const count = async (sql: string) => (await tx.query<{ n: number }>(sql, [userId])).rows[0]?.n ?? 0;
  const kept: Kept[] = [
    {
      what: 'Hồ sơ thủ tục hành chính đã nộp, lịch sử xử lý, giấy tờ và kết quả',
      count: await count('SELECT count(*)::int AS n FROM dossiers WHERE owner_id = $1'),
      why: 'Là tài liệu lưu trữ, phải giữ theo thời hạn bảo quản của pháp luật về lưu trữ; không xóa được theo yêu cầu',
    },
    {
      what: 'Nhật ký kiểm toán các thao tác của tài khoản',
      count: await count('SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1'),
      why: 'Bằng chứng bảo đảm an toàn hệ thống thông tin (Nghị định 85/2016/NĐ-CP), không được sửa hay xóa',
    },
    {
      what: 'Số liệu thống kê (số hồ sơ, điểm đánh giá, số liệu Trung tâm điều hành)',
      count: 0,
      why: 'Đã tổng hợp, không còn gắn với người dùng',
    },
  ];
  return { kept: kept.filter((k) => k.count > 0 || k.what.startsWith('Số liệu')) };
};
