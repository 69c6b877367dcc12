import { lastVerification, type LastVerification } from '../../platform/audit/verifications.ts';
import { accountsWithDemoSecret, totpKeyOf } from '../../platform/auth/totp-secrets.ts';
import { lastBackupRun, type BackupRun } from '../../platform/backup/runs.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Queryable } from '../../platform/db/pool.ts';

/**
 * What the security checks need to know from the database, read in a handful of small queries.
 * The two-factor figures read the columns sign-in security adds to `users` (`totp_secret`,
 * `totp_enrolled_at`, `password_changed_at`) only when they exist, so the page works on a
 * database migrated before them (the check then says two-factor sign-in is not available).
 */
export type SecurityFacts = {
  lastBackup: BackupRun | undefined;
  lastVerification: LastVerification | undefined;
  /** The oldest entry still in the audit table, and how many archives the retention job made. */
  oldestAuditEntryAt: Date | null;
  auditArchives: number;
  /** Active accounts holding a role other than citizen, and how many of them enrolled TOTP; null when 2FA does not exist here. */
  staff: { total: number; enrolled: number } | null;
  /** Usernames of accounts whose TOTP secret is the documented demo secret (null when 2FA does not exist here). */
  demoTotpAccounts: string[] | null;
  /** Demo accounts (seeded with the documented demo password) still present and, where known, never changed. */
  demoPasswordAccounts: number;
};

const userColumns = async (db: Queryable) => {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users'`,
  );
  return new Set(rows.map((r) => r.column_name));
};

const STAFF = `disabled_at IS NULL AND EXISTS (SELECT 1 FROM unnest(roles) AS r WHERE r <> 'citizen')`;

export const gatherSecurityFacts = async (db: Queryable, config: Config): Promise<SecurityFacts> => {
  const columns = await userColumns(db);
  const hasTotp = columns.has('totp_enrolled_at');
  const staff = hasTotp
    ? (await db.query<{ total: number; enrolled: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE totp_enrolled_at IS NOT NULL)::int AS enrolled FROM users WHERE ${STAFF}`,
      )).rows[0]!
    : null;
  const demoTotpAccounts = columns.has('totp_secret') ? await accountsWithDemoSecret(db, totpKeyOf(config)) : null;
  const demoPassword = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE is_demo AND disabled_at IS NULL AND password_hash IS NOT NULL
       ${columns.has('password_changed_at') ? 'AND password_changed_at IS NULL' : ''}`,
  );
  const audit = await db.query<{ oldest: Date | null; archives: number }>(
    'SELECT (SELECT at FROM audit_log ORDER BY id LIMIT 1) AS oldest, (SELECT count(*)::int FROM audit_archives) AS archives',
  );
  return {
    lastBackup: await lastBackupRun(db),
    lastVerification: await lastVerification(db),
    oldestAuditEntryAt: audit.rows[0]!.oldest,
    auditArchives: audit.rows[0]!.archives,
    staff,
    demoTotpAccounts,
    demoPasswordAccounts: demoPassword.rows[0]!.n,
  };
};
