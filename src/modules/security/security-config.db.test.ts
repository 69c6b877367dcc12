import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { tokenFor, userIdOf } from '../../platform/audit/testing.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { Db } from '../../platform/db/pool.ts';
import { CHECK_IDS, type SecurityConfigReport } from './schema.ts';

/**
 * `GET /api/admin/security-config` on the demo province: the checks flip with the configuration
 * and with what the database records (backups, verifications, TOTP enrolment, demo accounts);
 * only the administrator may read it.
 */
let db: Db;
let devApp: FastifyInstance;
let admin: string;

const HARDENED = {
  PUBLIC_URL: 'https://dichvucong.tayninh.gov.vn',
  TRUST_PROXY: 'true',
  SESSION_SECRET: `hardened-${randomBytes(24).toString('hex')}`,
  AUDIT_SIGNING_KEY: `audit-${randomBytes(24).toString('hex')}`,
  BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  DATABASE_URL: 'postgres://app@db.internal:5432/tinhso',
};

const statuses = async (app: FastifyInstance, token: string) => {
  const res = await app.inject({ url: '/api/admin/security-config', headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<SecurityConfigReport>();
  return { body, status: Object.fromEntries(body.checks.map((c) => [c.id, c.status])) };
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  devApp = await buildTestApp(db);
  admin = await tokenFor(db, 'admin');
});

describe('GET /api/admin/security-config', () => {
  it('lists every check with a status, a Vietnamese title and a detail; the development defaults are flagged', async () => {
    const { body, status } = await statuses(devApp, admin);
    expect(body.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(body.summary.ok + body.summary.warning + body.summary.missing).toBe(CHECK_IDS.length);
    expect(status).toMatchObject({
      'tls-proxy': 'missing',
      'session-secret': 'missing',
      'audit-signing-key': 'missing',
      'backup-encryption-key': 'missing',
      'last-backup': 'missing',
      'audit-verified': 'missing',
      'demo-password': 'missing',
      'embedded-database': 'warning',
      'audit-retention': 'ok',
    });
    expect(body.checks.find((c) => c.id === 'tls-proxy')!.title).toBe('Mã hóa đường truyền (TLS) tại proxy');
  });

  it('turns ok once configured: TLS, secrets, backup key, and an external database', async () => {
    const app = await buildTestApp(db, HARDENED);
    const session = await createSession(db, { secret: HARDENED.SESSION_SECRET, userId: await userIdOf(db, 'admin'), via: 'password', ttlHours: 1 });
    const { status } = await statuses(app, session.token);
    for (const id of ['tls-proxy', 'session-secret', 'audit-signing-key', 'backup-encryption-key', 'embedded-database'] as const) expect(status[id], id).toBe('ok');
  });

  it('follows what the database records: backups, audit verification, TOTP enrolment, demo accounts', async () => {
    const staff = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE disabled_at IS NULL AND EXISTS (SELECT 1 FROM unnest(roles) r WHERE r <> 'citizen')`);
    expect(staff.rows[0]!.n).toBeGreaterThan(0);

    await db.query(
      `INSERT INTO backup_runs (id, file, started_at, finished_at, bytes, encrypted, key_id, table_count, row_count, file_count)
       VALUES ($1, '/backups/old', now() - interval '10 days', now() - interval '10 days', 1, true, '0123456789abcdef', 1, 1, 0)`,
      [uuidv7()],
    );
    expect((await statuses(devApp, admin)).status['last-backup']).toBe('warning');
    await db.query(
      `INSERT INTO backup_runs (id, file, started_at, finished_at, bytes, encrypted, key_id, table_count, row_count, file_count)
       VALUES ($1, '/backups/new', now(), now(), 1, true, '0123456789abcdef', 1, 1, 0)`,
      [uuidv7()],
    );
    expect((await statuses(devApp, admin)).status['last-backup']).toBe('ok');

    // An administrator runs the verification: it is recorded, and the check turns ok.
    expect((await devApp.inject({ url: '/api/audit/verify', headers: bearer(admin) })).statusCode).toBe(200);
    const verified = await statuses(devApp, admin);
    expect(verified.status['audit-verified']).toBe('ok');
    expect(verified.body.checks.find((c) => c.id === 'audit-verified')!.detail).toMatch(/Toàn vẹn/);

    await db.query(`UPDATE users SET totp_enrolled_at = now() WHERE EXISTS (SELECT 1 FROM unnest(roles) r WHERE r <> 'citizen')`);
    expect((await statuses(devApp, admin)).status['two-factor-coverage']).toBe('ok');
    await db.query(`UPDATE users SET totp_enrolled_at = NULL WHERE username = 'motcua'`);
    const partial = await statuses(devApp, admin);
    expect(partial.status['two-factor-coverage']).toBe('warning');
    expect(partial.body.checks.find((c) => c.id === 'two-factor-coverage')!.detail).toContain(`${staff.rows[0]!.n - 1}/${staff.rows[0]!.n}`);

    // The demo seed gives every official the documented demo TOTP secret.
    const withDemoSecret = await statuses(devApp, admin);
    expect(withDemoSecret.status['demo-totp-secret']).toBe('missing');
    expect(withDemoSecret.body.checks.find((c) => c.id === 'demo-totp-secret')!.detail).toMatch(/totp-reset --demo-secret/);
    await db.query('UPDATE users SET totp_secret = NULL');
    expect((await statuses(devApp, admin)).status['demo-totp-secret']).toBe('ok');

    await db.query('UPDATE users SET is_demo = false');
    expect((await statuses(devApp, admin)).status['demo-password']).toBe('ok');
  });

  it('refuses everyone but the administrator: 401 without a session, 403 for the other roles', async () => {
    expectProblem(await devApp.inject({ url: '/api/admin/security-config' }), 401);
    for (const user of ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'dangvien', 'kiemduyet']) {
      const res = await devApp.inject({ url: '/api/admin/security-config', headers: bearer(await tokenFor(db, user)) });
      expect(expectProblem(res, 403).type, user).toBe('/problems/forbidden');
    }
  });
});
