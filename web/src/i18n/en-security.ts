import type { viSecurity } from './vi-security.ts';

/** English texts of the security-configuration page; the checks' details stay in Vietnamese (from the API). */
export const enSecurity: Record<keyof typeof viSecurity, string> = {
  'security.title': 'Security configuration',
  'security.lead': 'Level-3 information-security controls (Decree 85/2016/NĐ-CP, TCVN 11930:2017): what is set and what is still missing.',
  'security.card': 'TLS, secrets, encrypted backups, audit log, two-factor sign-in.',
  'security.summary': '{ok} ok, {warning} need attention, {missing} missing.',
  'security.checkedAt': 'Checked at {time}.',
  'security.refresh': 'Check again',
  'security.status.ok': 'OK',
  'security.status.warning': 'Needs attention',
  'security.status.missing': 'Missing',
  'security.list': 'Checks',
  'security.check.tls-proxy': 'TLS at the reverse proxy',
  'security.check.session-secret': 'Session secret (SESSION_SECRET)',
  'security.check.audit-signing-key': 'Audit signing key (AUDIT_SIGNING_KEY)',
  'security.check.backup-encryption-key': 'Backup encryption key (BACKUP_ENCRYPTION_KEY)',
  'security.check.last-backup': 'Last backup',
  'security.check.audit-retention': 'Audit-log retention',
  'security.check.audit-verified': 'Audit-log integrity check',
  'security.check.two-factor-coverage': 'Two-factor sign-in (TOTP) of officials and administrators',
  'security.check.demo-totp-secret': 'Accounts with the demo TOTP secret',
  'security.check.demo-password': 'Demo accounts with the demo password',
  'security.check.embedded-database': 'Database server',
};
