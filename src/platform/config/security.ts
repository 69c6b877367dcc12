import { z } from 'zod';

/**
 * Settings of the information-security controls (Decree 85/2016/NĐ-CP, TCVN 11930:2017 level 3):
 * the backup encryption key, the audit-log retention period and whether a reverse proxy is trusted.
 */

/** 32 bytes as 64 hex digits or as base64 (44 characters with padding, or 43 without). */
export const BackupEncryptionKey = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const bytes: Buffer | undefined = /^[0-9a-fA-F]{64}$/.test(value)
      ? Buffer.from(value, 'hex')
      : /^[A-Za-z0-9+/]{43}=?$/.test(value)
        ? Buffer.from(value, 'base64')
        : undefined;
    if (!bytes || bytes.length !== 32) {
      ctx.addIssue({
        code: 'custom',
        message:
          'cần đúng 32 byte, viết bằng 64 chữ số hex hoặc base64 (tạo bằng `openssl rand -base64 32`) / ' +
          'exactly 32 bytes as 64 hex digits or base64 (make one with `openssl rand -base64 32`)',
      });
      return z.NEVER;
    }
    return bytes;
  })
  .optional();

/** The law's floor: audit logs of a level-3 system are kept at least 12 months. */
export const MIN_AUDIT_RETENTION_MONTHS = 12;

export const AuditRetentionMonths = z.coerce
  .number()
  .int('số nguyên tháng / whole months')
  .min(MIN_AUDIT_RETENTION_MONTHS, `ít nhất ${MIN_AUDIT_RETENTION_MONTHS} tháng (mức tối thiểu theo quy định) / at least ${MIN_AUDIT_RETENTION_MONTHS} months (the legal minimum)`)
  .max(1200)
  .default(MIN_AUDIT_RETENTION_MONTHS);

/**
 * Which reverse proxy's X-Forwarded-* headers to believe: `true`/`false`, or a comma-separated
 * list of the proxies' addresses/CIDR ranges. Unset: trusted in production only (as before).
 */
export const TrustProxy = z
  .string()
  .trim()
  .min(1)
  .transform((value): boolean | string[] => {
    if (/^(true|yes)$/i.test(value)) return true;
    if (/^(false|no|0)$/i.test(value)) return false;
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  })
  .optional();
