import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/index.ts';
import { securityChecks } from './checks.ts';
import type { SecurityFacts } from './facts.ts';
import { CHECK_IDS, type SecurityCheck } from './schema.ts';

const now = new Date('2027-03-10T03:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

const devConfig = loadConfig({ NODE_ENV: 'test' });
const hardened = loadConfig({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://dichvucong.tayninh.gov.vn',
  TRUST_PROXY: '10.0.0.2',
  SESSION_SECRET: 's'.repeat(40),
  AUDIT_SIGNING_KEY: 'a'.repeat(40),
  BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  DATABASE_URL: 'postgres://app@db.internal/tinhso',
});

const goodFacts: SecurityFacts = {
  lastBackup: { id: 'b', file: '/backups/x', finishedAt: daysAgo(1), bytes: 10, encrypted: true, keyId: '0123456789abcdef' },
  lastVerification: { checkedAt: daysAgo(0), intact: true, entries: 100, breakCount: 0, via: 'job' },
  oldestAuditEntryAt: daysAgo(300),
  auditArchives: 1,
  staff: { total: 10, enrolled: 10 },
  demoTotpAccounts: [],
  demoPasswordAccounts: 0,
};

const statusOf = (checks: SecurityCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe('security-configuration checks', () => {
  it('answers every check, each with a Vietnamese title and a detail', () => {
    const checks = securityChecks(devConfig, goodFacts, now);
    expect(checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const c of checks) {
      expect(c.title.length).toBeGreaterThan(5);
      expect(c.detail.length).toBeGreaterThan(5);
    }
  });

  it('is all ok on a hardened production configuration with fresh backups and verification', () => {
    const checks = securityChecks(hardened, goodFacts, now);
    expect(checks.filter((c) => c.status !== 'ok')).toEqual([]);
  });

  it('flags the development defaults', () => {
    expect(statusOf(securityChecks(devConfig, goodFacts, now))).toMatchObject({
      'tls-proxy': 'missing',
      'session-secret': 'missing',
      'audit-signing-key': 'missing',
      'backup-encryption-key': 'missing',
      'embedded-database': 'warning',
    });
  });

  it('TLS: missing on http, warning on https without TRUST_PROXY, ok with both', () => {
    const tls = (env: Record<string, string>) => statusOf(securityChecks(loadConfig({ NODE_ENV: 'test', ...env }), goodFacts, now))['tls-proxy'];
    expect(tls({ PUBLIC_URL: 'http://tinhso.example' })).toBe('missing');
    expect(tls({ PUBLIC_URL: 'https://tinhso.example' })).toBe('warning');
    expect(tls({ PUBLIC_URL: 'https://tinhso.example', TRUST_PROXY: 'false' })).toBe('warning');
    expect(tls({ PUBLIC_URL: 'https://tinhso.example', TRUST_PROXY: 'true' })).toBe('ok');
  });

  it('audit signing key: a warning when it is the session secret itself', () => {
    const same = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'k'.repeat(40), AUDIT_SIGNING_KEY: 'k'.repeat(40) });
    expect(statusOf(securityChecks(same, goodFacts, now))['audit-signing-key']).toBe('warning');
  });

  it('backups: missing when none, warning when old or unencrypted', () => {
    const backup = (lastBackup: SecurityFacts['lastBackup']) => statusOf(securityChecks(hardened, { ...goodFacts, lastBackup }, now))['last-backup'];
    expect(backup(undefined)).toBe('missing');
    expect(backup({ ...goodFacts.lastBackup!, finishedAt: daysAgo(8) })).toBe('warning');
    expect(backup({ ...goodFacts.lastBackup!, encrypted: false, keyId: null })).toBe('warning');
    expect(backup(goodFacts.lastBackup)).toBe('ok');
  });

  it('audit: never verified or broken is missing, a stale check a warning; entries past retention a warning', () => {
    const verified = (lastVerification: SecurityFacts['lastVerification']) => statusOf(securityChecks(hardened, { ...goodFacts, lastVerification }, now))['audit-verified'];
    expect(verified(undefined)).toBe('missing');
    expect(verified({ ...goodFacts.lastVerification!, intact: false, breakCount: 2 })).toBe('missing');
    expect(verified({ ...goodFacts.lastVerification!, checkedAt: daysAgo(3) })).toBe('warning');
    const retention = (oldest: Date) => statusOf(securityChecks(hardened, { ...goodFacts, oldestAuditEntryAt: oldest }, now))['audit-retention'];
    expect(retention(daysAgo(400))).toBe('warning');
    expect(retention(daysAgo(360))).toBe('ok');
    const longer = loadConfig({ NODE_ENV: 'test', AUDIT_RETENTION_MONTHS: '24' });
    expect(statusOf(securityChecks(longer, { ...goodFacts, oldestAuditEntryAt: daysAgo(400) }, now))['audit-retention']).toBe('ok');
  });

  it('two-factor coverage, demo TOTP secret and demo passwords', () => {
    const s = (facts: Partial<SecurityFacts>) => statusOf(securityChecks(hardened, { ...goodFacts, ...facts }, now));
    expect(s({ staff: { total: 10, enrolled: 9 } })['two-factor-coverage']).toBe('warning');
    expect(s({ staff: null })['two-factor-coverage']).toBe('missing');
    expect(s({ staff: { total: 0, enrolled: 0 } })['two-factor-coverage']).toBe('ok');
    expect(s({ demoTotpAccounts: ['motcua'] })['demo-totp-secret']).toBe('missing');
    expect(s({ demoPasswordAccounts: 3 })['demo-password']).toBe('missing');
    const detail = securityChecks(hardened, { ...goodFacts, staff: { total: 8, enrolled: 6 } }, now).find((c) => c.id === 'two-factor-coverage')!.detail;
    expect(detail).toContain('6/8');
    expect(detail).toContain('75%');
  });

  it('embedded database: missing in production, warning elsewhere, ok with DATABASE_URL', () => {
    const prodEmbedded = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), TINHSO_ALLOW_EMBEDDED_DB: 'true' });
    expect(statusOf(securityChecks(prodEmbedded, goodFacts, now))['embedded-database']).toBe('missing');
    expect(statusOf(securityChecks(devConfig, goodFacts, now))['embedded-database']).toBe('warning');
    expect(statusOf(securityChecks(hardened, goodFacts, now))['embedded-database']).toBe('ok');
  });
});
