import { registerJobHandler } from '../jobs/registry.ts';
import { archiveOldAuditEntries } from './retention.ts';
import { auditSigningKeyOf } from './signing.ts';
import { recordVerification } from './verifications.ts';
import { verifyAuditLog } from './verify.ts';

export const AUDIT_RETENTION_QUEUE = 'audit.retention';

/**
 * Daily at 03:15 (Asia/Ho_Chi_Minh): archive the entries past AUDIT_RETENTION_MONTHS, then verify
 * the whole log and record the result (the security-configuration page shows it). A broken chain
 * is logged as an error, not retried: retrying cannot repair it.
 */
registerJobHandler(
  AUDIT_RETENTION_QUEUE,
  async (_payload, ctx) => {
    const archive = await archiveOldAuditEntries(ctx.db, ctx.config);
    if (archive) ctx.log.info({ archiveId: archive.id, entries: archive.entryCount, uptoEntryId: archive.uptoEntryId, encrypted: archive.encrypted }, 'audit entries archived');
    const report = await verifyAuditLog(ctx.db, auditSigningKeyOf(ctx.config), { keep: 20 });
    await recordVerification(ctx.db, report, 'job');
    if (!report.intact) ctx.log.error({ breaks: report.breakCount, firstBreak: report.firstBreak }, 'audit log verification found breaks');
  },
  { cron: '15 3 * * *', retryLimit: 2, retryDelay: 900, concurrency: 1, expireInSeconds: 3600 },
);
