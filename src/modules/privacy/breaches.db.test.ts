import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { authAs, idOf, privacyOfficer } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db);
let asDpo: Record<string, string>;
let asAdmin: Record<string, string>;
let asCitizen: Record<string, string>;
let asOfficer: Record<string, string>;

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const BREACH = { description: 'Một máy trạm của Bộ phận Một cửa bị nhiễm mã độc đánh cắp tệp', categories: ['Họ tên', 'Số điện thoại'], subjectsEstimate: 120, measures: 'Cách ly máy' };

beforeAll(async () => {
  asDpo = await authAs(app, await privacyOfficer(db));
  asAdmin = await authAs(app, await idOf(db, 'admin'));
  asCitizen = await authAs(app, await idOf(db, 'congdan'));
  asOfficer = await authAs(app, await idOf(db, 'motcua'));
});

describe('privacy breaches', () => {
  it('records a breach with its 72-hour authority deadline, audited', async () => {
    const detectedAt = hoursAgo(10);
    const res = await app.inject({ method: 'POST', url: '/api/privacy/breaches', headers: asDpo, payload: { ...BREACH, detectedAt } });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({ status: 'open', overdue: false, subjectsEstimate: 120, notifiedAuthorityAt: null });
    expect(new Date(b.authorityDeadline).getTime() - new Date(detectedAt).getTime()).toBe(72 * 3_600_000);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.breach.record' AND target_id = $1`, [b.id])).toBe(1);
  });

  it('flags a breach not notified within 72 hours as overdue', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/privacy/breaches', headers: asAdmin, payload: { ...BREACH, detectedAt: hoursAgo(80) } });
    expect(res.json().overdue).toBe(true);
    const list = await app.inject({ method: 'GET', url: '/api/privacy/breaches', headers: asAdmin });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((b: { overdue: boolean }) => b.overdue).sort()).toEqual([false, true]);
  });

  it('records the notifications once each, then closes with the measures; each step audited', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/privacy/breaches', headers: asDpo, payload: { ...BREACH, detectedAt: hoursAgo(5) } })).json();
    const url = `/api/privacy/breaches/${created.id}`;
    expectProblem(await app.inject({ method: 'POST', url: `${url}/close`, headers: asDpo, payload: { measures: 'Đã khôi phục' } }), 409);
    const notified = await app.inject({ method: 'POST', url: `${url}/notify`, headers: asDpo, payload: { target: 'authority' } });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json()).toMatchObject({ status: 'notified', overdue: false });
    expectProblem(await app.inject({ method: 'POST', url: `${url}/notify`, headers: asDpo, payload: { target: 'authority' } }), 409);
    expect((await app.inject({ method: 'POST', url: `${url}/notify`, headers: asDpo, payload: { target: 'subjects', at: hoursAgo(1) } })).json().notifiedSubjectsAt).not.toBeNull();
    const closed = await app.inject({ method: 'POST', url: `${url}/close`, headers: asDpo, payload: { measures: 'Cài lại máy, đổi mật khẩu, báo A05' } });
    expect(closed.json()).toMatchObject({ status: 'closed', measures: 'Cài lại máy, đổi mật khẩu, báo A05' });
    const actions = (await db.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq', [created.id])).rows.map((r) => r.action);
    expect(actions).toEqual(['privacy.breach.record', 'privacy.breach.notify-authority', 'privacy.breach.notify-subjects', 'privacy.breach.close']);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM privacy_breaches');
    for (const payload of [
      { ...BREACH, detectedAt: 'hôm qua' },
      { ...BREACH, detectedAt: new Date(Date.now() + 86_400_000).toISOString() },
      { ...BREACH, detectedAt: hoursAgo(1), description: 'ngắn' },
      { ...BREACH, detectedAt: hoursAgo(1), subjectsEstimate: -1 },
    ]) {
      expectProblem(await app.inject({ method: 'POST', url: '/api/privacy/breaches', headers: asDpo, payload }), 400);
    }
    expect(await count('SELECT count(*)::int AS n FROM privacy_breaches')).toBe(before);
    const id = (await db.query<{ id: string }>('SELECT id FROM privacy_breaches LIMIT 1')).rows[0]!.id;
    expectProblem(await app.inject({ method: 'POST', url: `/api/privacy/breaches/${id}/notify`, headers: asDpo, payload: { target: 'press' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: `/api/privacy/breaches/${id}/notify`, headers: asDpo, payload: { target: 'subjects', at: '2000-01-01T00:00:00Z' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/privacy/breaches/01900000-0000-7000-8000-000000000000/notify', headers: asDpo, payload: { target: 'authority' } }), 404);
  });

  it('refuses citizens, officers and callers without a session', async () => {
    for (const headers of [asCitizen, asOfficer]) {
      expectProblem(await app.inject({ method: 'GET', url: '/api/privacy/breaches', headers }), 403);
      expectProblem(await app.inject({ method: 'POST', url: '/api/privacy/breaches', headers, payload: { ...BREACH, detectedAt: hoursAgo(1) } }), 403);
    }
    expectProblem(await app.inject({ method: 'GET', url: '/api/privacy/breaches' }), 401);
  });
});
