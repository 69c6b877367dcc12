import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.ts';
import { activeConsent, grantConsent, listConsents, withdrawConsent } from './consents.ts';

let t: TestDb;
let userId: string;

beforeAll(async () => {
  t = await createTestDb('demo');
  const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'congdan2'`);
  userId = rows[0]!.id;
});

describe('consents', () => {
  it('is inactive until granted, active after, inactive again once withdrawn', async () => {
    expect(await activeConsent(t.db, userId, 'population-prefill')).toBe(false);
    const row = await grantConsent(t.db, userId, 'population-prefill', 'v1');
    expect(row.text_version).toBe('v1');
    expect(await activeConsent(t.db, userId, 'population-prefill')).toBe(true);
    expect(await activeConsent(t.db, userId, 'notifications-sms')).toBe(false);
    expect(await withdrawConsent(t.db, userId, 'population-prefill')).toBe(true);
    expect(await activeConsent(t.db, userId, 'population-prefill')).toBe(false);
    expect(await withdrawConsent(t.db, userId, 'population-prefill')).toBe(false);
  });

  it('granting the same text twice keeps one row; a new text version closes the old grant', async () => {
    const a = await grantConsent(t.db, userId, 'notifications-email', 'v1');
    const b = await grantConsent(t.db, userId, 'notifications-email', 'v1');
    expect(b.id).toBe(a.id);
    const c = await grantConsent(t.db, userId, 'notifications-email', 'v2');
    expect(c.id).not.toBe(a.id);
    const history = (await listConsents(t.db, userId)).filter((r) => r.purpose === 'notifications-email');
    expect(history).toHaveLength(2);
    expect(history.filter((r) => r.withdrawn_at === null).map((r) => r.text_version)).toEqual(['v2']);
  });

  it('concurrent grants leave exactly one active consent', async () => {
    await Promise.all([1, 2, 3, 4].map(() => grantConsent(t.db, userId, 'notifications-sms', 'v1')));
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM consents WHERE user_id = $1 AND purpose = 'notifications-sms' AND withdrawn_at IS NULL`,
      [userId],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
