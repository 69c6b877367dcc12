import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../platform/db/pool.ts';
import { registerJobHandler } from '../../platform/jobs/index.ts';

/**
 * The retention sweep: deletes or anonymises what is past the period the register gives
 * (docs/privacy/register.json, `retention`). Each rule is one statement keyed on age, so a run
 * repeated (or run twice by two servers) changes nothing more: idempotent. The counts of a run are
 * audited as `privacy.retention.run`. Runs daily at 03:15 (Asia/Ho_Chi_Minh) as the pg-boss job
 * `privacy.retention`.
 */
export const RETENTION_QUEUE = 'privacy.retention';

export type RetentionRule = {
  /** The register module whose retention text this applies. */
  module: string;
  table: string;
  what: string;
  /** `$1` is the run's "now". */
  sql: string;
  /** Run only when the table exists (tables of optional modules). */
  optional?: boolean;
};

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    module: 'accounts',
    table: 'sessions',
    what: 'phiên đăng nhập hết hạn hoặc bị thu hồi quá 30 ngày',
    sql: `DELETE FROM sessions WHERE expires_at < $1::timestamptz - interval '30 days' OR revoked_at < $1::timestamptz - interval '30 days'`,
  },
  { module: 'accounts', table: 'otp_codes', what: 'mã OTP hết hạn quá 30 ngày', sql: `DELETE FROM otp_codes WHERE expires_at < $1::timestamptz - interval '30 days'` },
  { module: 'accounts', table: 'auth_attempts', what: 'lần đăng nhập sai quá 30 ngày', sql: `DELETE FROM auth_attempts WHERE at < $1::timestamptz - interval '30 days'` },
  { module: 'accounts', table: 'oidc_logins', what: 'phiên đăng nhập một lần dở dang quá 30 ngày', sql: `DELETE FROM oidc_logins WHERE expires_at < $1::timestamptz - interval '30 days'` },
  {
    module: 'accounts',
    table: 'login_tickets',
    what: 'vé xác thực hai lớp hết hạn quá 30 ngày',
    sql: `DELETE FROM login_tickets WHERE expires_at < $1::timestamptz - interval '30 days'`,
    optional: true,
  },
  {
    module: 'services',
    table: 'dossiers',
    what: 'bản nháp không sửa trong 12 tháng (chưa nộp)',
    sql: `DELETE FROM dossiers WHERE state = 'draft' AND status IS NULL AND case_id IS NULL AND updated_at < $1::timestamptz - interval '12 months'`,
  },
  { module: 'notifications', table: 'notifications', what: 'thông báo quá 12 tháng', sql: `DELETE FROM notifications WHERE created_at < $1::timestamptz - interval '12 months'` },
  {
    module: 'feedback',
    table: 'feedback_reports',
    what: 'thông tin liên hệ của phản ánh đã kết thúc quá 24 tháng',
    sql: `UPDATE feedback_reports SET contact = '{}' WHERE closed_at < $1::timestamptz - interval '24 months' AND contact <> '{}'::jsonb`,
  },
  {
    module: 'privacy',
    table: 'privacy_requests',
    what: 'yêu cầu của chủ thể dữ liệu đã giải quyết quá 5 năm',
    sql: `DELETE FROM privacy_requests WHERE resolved_at < $1::timestamptz - interval '5 years'`,
  },
  { module: 'privacy', table: 'privacy_breaches', what: 'sự cố đã đóng quá 5 năm', sql: `DELETE FROM privacy_breaches WHERE closed_at < $1::timestamptz - interval '5 years'` },
];

export type RetentionReport = { at: string; results: { table: string; what: string; rows: number }[] };

export const runRetention = async (db: Db, now = new Date()): Promise<RetentionReport> =>
  withTransaction(db, async (tx) => {
    const results: RetentionReport['results'] = [];
    for (const rule of RETENTION_RULES) {
      if (rule.optional) {
        const { rows } = await tx.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [rule.table]);
        if (!rows[0]?.ok) continue;
      }
      const { rowCount } = await tx.query(rule.sql, [now]);
      results.push({ table: rule.table, what: rule.what, rows: rowCount ?? 0 });
    }
    const report = { at: now.toISOString(), results };
    await recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'privacy.retention.run', target: { type: 'privacy_retention', id: now.toISOString().slice(0, 10) }, after: report });
    return report;
  });

registerJobHandler(
  RETENTION_QUEUE,
  async (_payload, ctx) => {
    const report = await runRetention(ctx.db);
    ctx.log.info({ removed: report.results.reduce((n, r) => n + r.rows, 0) }, 'privacy retention');
  },
  { cron: '15 3 * * *', retryLimit: 2, retryDelay: 600, concurrency: 1, expireInSeconds: 1800 },
);
