import { uuidv7 } from '../db/ids.ts';
import type { Queryable } from '../db/pool.ts';
import type { VerifyReport } from './verify.ts';

/**
 * Each run of `verifyAuditLog` from the CLI, the API or the daily job, kept in
 * `audit_verifications` so the security-configuration page can say when the chain was last
 * verified and whether it was intact. Bookkeeping, not evidence: the chain itself is the evidence.
 */
export type VerificationVia = 'cli' | 'api' | 'job';
export type LastVerification = { checkedAt: Date; intact: boolean; entries: number; breakCount: number; via: VerificationVia };

export const recordVerification = async (db: Queryable, report: VerifyReport, via: VerificationVia): Promise<void> => {
  await db.query(
    `INSERT INTO audit_verifications (id, checked_at, via, intact, entries, checkpoints, break_count, first_break, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [uuidv7(), report.checkedAt, via, report.intact, report.entries, report.checkpoints, report.breakCount,
      report.firstBreak ? JSON.stringify(report.firstBreak) : null, Math.round(report.durationMs)],
  );
};

export const lastVerification = async (db: Queryable): Promise<LastVerification | undefined> => {
  const { rows } = await db.query<{ checked_at: Date; intact: boolean; entries: number; break_count: number; via: VerificationVia }>(
    'SELECT checked_at, intact, entries, break_count, via FROM audit_verifications ORDER BY checked_at DESC LIMIT 1',
  );
  const r = rows[0];
  return r && { checkedAt: r.checked_at, intact: r.intact, entries: r.entries, breakCount: r.break_count, via: r.via };
};
