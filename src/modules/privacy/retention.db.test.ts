import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { registeredJob } from '../../platform/jobs/registry.ts';
import { loadRegister, registeredTables } from './register.ts';
import { RETENTION_QUEUE, RETENTION_RULES, runRetention } from './retention.ts';
import { idOf } from './testing.ts';

const { db } = await createTestDb('demo');
let user: string;

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

/** One row of each kind, old and fresh: old ones go, fresh ones stay. */
const backdate = async () => {
  const old = await createSession(db, { secret: 's'.repeat(32), userId: user, via: 'password', ttlHours: 1 });
  const fresh = await createSession(db, { secret: 's'.repeat(32), userId: user, via: 'password', ttlHours: 1 });
  await db.query(`UPDATE sessions SET created_at = now() - interval '40 days', expires_at = now() - interval '31 days' WHERE id = $1`, [old.sessionId]);
  await db.query(`UPDATE sessions SET revoked_at = now() - interval '1 day' WHERE id = $1`, [fresh.sessionId]);
  await db.query(
    `INSERT INTO otp_codes (id, purpose, channel, destination, code_hash, expires_at, created_at)
     VALUES ($1, 'signup', 'sms', '0900000001', 'x', now() - interval '31 days', now() - interval '31 days'), ($2, 'signup', 'sms', '0900000002', 'x', now(), now())`,
    [uuidv7(), uuidv7()],
  );
  await db.query(`INSERT INTO auth_attempts (key, at) VALUES ('login:subject:old', now() - interval '31 days'), ('login:subject:new', now())`);
  await db.query(
    `INSERT INTO notifications (id, user_id, kind, title, body, created_at) VALUES ($1, $3, 'x', 'cũ', 'cũ', now() - interval '13 months'), ($2, $3, 'x', 'mới', 'mới', now())`,
    [uuidv7(), uuidv7(), user],
  );
  const agency = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;
  const procedure = (await db.query<{ code: string }>('SELECT code FROM procedures LIMIT 1')).rows[0]!.code;
  for (const [id, age] of [[uuidv7(), '13 months'], [uuidv7(), '11 months']] as const) {
    await db.query(
      `INSERT INTO dossiers (id, procedure_code, owner_id, agency_id, state, data, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'draft', '{"note":"nháp"}', now() - $5::interval, now() - $5::interval)`,
      [id, procedure, user, agency, age],
    );
  }
  await db.query(`UPDATE feedback_reports SET contact = '{"phone":"0900000003"}', closed_at = now() - interval '25 months' WHERE id = (SELECT id FROM feedback_reports WHERE reporter_id = $1 ORDER BY created_at LIMIT 1)`, [user]);
  await db.query(`UPDATE feedback_reports SET contact = '{"phone":"0900000004"}', closed_at = now() - interval '2 months' WHERE id = (SELECT id FROM feedback_reports WHERE reporter_id = $1 ORDER BY created_at DESC LIMIT 1)`, [user]);
};

const snapshot = async () => ({
  sessions: await count('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [user]),
  otp: await count(`SELECT count(*)::int AS n FROM otp_codes WHERE destination LIKE '09000000%'`),
  attempts: await count(`SELECT count(*)::int AS n FROM auth_attempts WHERE key IN ('login:subject:old', 'login:subject:new')`),
  notifications: await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'x'`, [user]),
  drafts: await count(`SELECT count(*)::int AS n FROM dossiers WHERE owner_id = $1 AND state = 'draft'`, [user]),
  contacts: await count(`SELECT count(*)::int AS n FROM feedback_reports WHERE contact ? 'phone' AND reporter_id = $1`, [user]),
});

beforeAll(async () => {
  user = await idOf(db, 'congdan2');
  await backdate();
});

describe('retention job', () => {
  it('removes only what is past its period, and a second run changes nothing (idempotent)', async () => {
    expect(await snapshot()).toEqual({ sessions: 2, otp: 2, attempts: 2, notifications: 2, drafts: 2, contacts: 2 });
    const first = await runRetention(db);
    expect(await snapshot()).toEqual({ sessions: 1, otp: 1, attempts: 1, notifications: 1, drafts: 1, contacts: 1 });
    expect(first.results.find((r) => r.table === 'dossiers')!.rows).toBe(1);
    const second = await runRetention(db);
    expect(second.results.every((r) => r.rows === 0)).toBe(true);
    expect(await snapshot()).toEqual({ sessions: 1, otp: 1, attempts: 1, notifications: 1, drafts: 1, contacts: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.retention.run'`)).toBe(2);
  });

  it('applies the register: every rule names a register module and a table it lists', () => {
    const register = loadRegister();
    const modules = new Set(register.modules.map((m) => m.id));
    const tables = registeredTables(register);
    for (const rule of RETENTION_RULES) {
      expect(modules.has(rule.module), rule.module).toBe(true);
      if (rule.table !== 'oidc_logins') expect(tables.has(rule.table), rule.table).toBe(true);
    }
  });

  it('is registered as a daily pg-boss job', () => {
    expect(registeredJob(RETENTION_QUEUE)?.options.cron).toBe('15 3 * * *');
  });
});
