import { z } from 'zod';

/** One control of the security-configuration page: ok, needs attention (warning), or not in place (missing). */
export const CheckStatus = z.enum(['ok', 'warning', 'missing']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const CHECK_IDS = [
  'tls-proxy',
  'session-secret',
  'audit-signing-key',
  'backup-encryption-key',
  'last-backup',
  'audit-retention',
  'audit-verified',
  'two-factor-coverage',
  'demo-totp-secret',
  'demo-password',
  'embedded-database',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const SecurityCheck = z.object({
  id: z.enum(CHECK_IDS),
  status: CheckStatus,
  /** What the control is, in Vietnamese. */
  title: z.string(),
  /** What was found and, unless ok, what to do (Vietnamese). */
  detail: z.string(),
});
export type SecurityCheck = z.infer<typeof SecurityCheck>;

export const SecurityConfigReport = z.object({
  checkedAt: z.string(),
  summary: z.object({ ok: z.number().int(), warning: z.number().int(), missing: z.number().int() }),
  checks: z.array(SecurityCheck),
});
export type SecurityConfigReport = z.infer<typeof SecurityConfigReport>;
