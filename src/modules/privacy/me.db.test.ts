import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { extractPdfText } from '../../platform/pdf/testing/pdf-text.ts';
import { fileThroughApi, insertFixtureProcedure } from '../services/dossiers/testing.ts';
import { authAs, idOf } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db);
let an: string;
let binh: string;
let asAn: Record<string, string>;
let asBinh: Record<string, string>;
let anDossier: { id: string; code: string };
let binhDossier: { id: string; code: string };

beforeAll(async () => {
  an = await idOf(db, 'congdan');
  binh = await idOf(db, 'congdan2');
  asAn = await authAs(app, an);
  asBinh = await authAs(app, binh);
  const procedure = await insertFixtureProcedure(db);
  anDossier = await fileThroughApi(app, db, asAn.authorization!.slice(7), procedure);
  binhDossier = await fileThroughApi(app, db, asBinh.authorization!.slice(7), procedure);
  await db.query(`INSERT INTO citizen_id_numbers (id_number, user_id, source) VALUES ('079203001234', $1, 'counter'), ('079203009999', $2, 'counter')`, [an, binh]);
});

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

describe('GET /api/public/privacy/notice', () => {
  it('answers the register in Vietnamese by default and in English when asked', async () => {
    const vi = await app.inject({ method: 'GET', url: '/api/public/privacy/notice' });
    expect(vi.statusCode).toBe(200);
    expect(vi.json().title).toBe('Thông báo xử lý dữ liệu cá nhân');
    expect(vi.json().modules.map((m: { id: string }) => m.id)).toContain('feedback');
    expect(vi.json().breaches).toContain('72 giờ');
    const en = await app.inject({ method: 'GET', url: '/api/public/privacy/notice', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.json().title).toBe('Personal data processing notice');
    expect(en.headers['content-language']).toBe('en');
    const query = await app.inject({ method: 'GET', url: '/api/public/privacy/notice?lang=en', headers: { 'accept-language': 'vi' } });
    expect(query.json().lang).toBe('en');
  });

  it('refuses an unknown language with problem+json', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/public/privacy/notice?lang=fr' }), 400);
  });
});

describe('consents /api/me/consents', () => {
  it('grants, lists and withdraws a consent, each audited', async () => {
    const granted = await app.inject({ method: 'POST', url: '/api/me/consents', headers: asAn, payload: { purpose: 'population-prefill' } });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ purpose: 'population-prefill', active: true, version: '2026-01' });
    const list = await app.inject({ method: 'GET', url: '/api/me/consents', headers: asAn });
    expect(list.json().items.find((c: { purpose: string }) => c.purpose === 'population-prefill').active).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/me/consents', headers: asBinh })).json().items.every((c: { active: boolean }) => !c.active)).toBe(true);
    const withdrawn = await app.inject({ method: 'DELETE', url: '/api/me/consents/population-prefill', headers: asAn });
    expect(withdrawn.statusCode).toBe(204);
    expect(await count(`SELECT count(*)::int AS n FROM consents WHERE user_id = $1 AND withdrawn_at IS NULL`, [an])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('privacy.consent.grant', 'privacy.consent.withdraw') AND actor_id = $1`, [an])).toBe(2);
  });

  it('answers 404 when there is nothing to withdraw, 400 for an unknown purpose, writing nothing', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/me/consents/notifications-sms', headers: asBinh }), 404);
    const before = await count('SELECT count(*)::int AS n FROM consents');
    const bad = expectProblem(await app.inject({ method: 'POST', url: '/api/me/consents', headers: asBinh, payload: { purpose: 'marketing' } }), 400);
    expect(bad.type).toBe('/problems/validation-failed');
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/me/consents/marketing', headers: asBinh }), 400);
    expect(await count('SELECT count(*)::int AS n FROM consents')).toBe(before);
  });

  it('refuses callers without a session', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/me/consents' }), 401);
    expectProblem(await app.inject({ method: 'POST', url: '/api/me/consents', payload: { purpose: 'population-prefill' } }), 401);
  });
});

describe('GET /api/me/data and /api/me/data.pdf', () => {
  it("contains all of the caller's data and none of anyone else's", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/me/data', headers: asAn });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.account).toMatchObject({ id: an, username: 'congdan', fullName: 'Nguyễn Văn An', phone: '0912000001', email: 'congdan@example.vn' });
    expect(data.account.idNumber.value).toBe('079203001234');
    expect(data.dossiers.map((d: { id: string }) => d.id)).toEqual([anDossier.id]);
    expect(data.dossiers[0].data).toMatchObject({ birthDate: '1990-05-17' });
    expect(data.dossiers[0].history.length).toBeGreaterThan(0);
    expect(data.feedbackReports.length).toBe(await count('SELECT count(*)::int AS n FROM feedback_reports WHERE reporter_id = $1', [an]));
    expect(data.feedbackReports.length).toBeGreaterThan(0);
    expect(data.notifications.length).toBe(await count('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [an]));
    expect(data.sessions.length).toBe(await count('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [an]));
    expect(data.files.length).toBe(await count('SELECT count(*)::int AS n FROM files WHERE owner_user_id = $1', [an]));
    const text = res.body;
    for (const other of [binh, binhDossier.id, binhDossier.code, 'Trần Thị Bình', '0912000002', 'congdan2@example.vn', '079203009999']) {
      expect(text, other).not.toContain(other);
    }
    expect(text).not.toMatch(/token_hash|password_hash|csrf/);
  });

  it('gives the same content as a readable PDF with Vietnamese text', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/me/data.pdf', headers: asAn });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = extractPdfText(res.rawPayload);
    expect(text).toContain('DỮ LIỆU CÁ NHÂN CỦA TÔI');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain(anDossier.code);
    expect(text).not.toContain(binhDossier.code);
  });

  it('refuses callers without a session', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/me/data' }), 401);
    expectProblem(await app.inject({ method: 'GET', url: '/api/me/data.pdf' }), 401);
  });
});

describe('POST /api/me/data-requests', () => {
  it('files a request acknowledged at once, due in 10 working days, with a notice to the citizen', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/me/data-requests', headers: asBinh, payload: { kind: 'correction', details: 'Sai ngày sinh trong hồ sơ' } });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'correction', status: 'open', details: 'Sai ngày sinh trong hồ sơ' });
    expect(body.acknowledgedAt).not.toBeNull();
    const calendar = await app.calendar.current();
    const expected = calendar.addWorkingDays(new Date(body.createdAt), 10);
    expect(new Date(body.dueAt).toISOString()).toBe(expected.toISOString());
    // Ten working days span two weekends: at least 11 days whatever the day of filing (from a
    // Sunday afternoon they end on the Friday 12 days later, a little earlier in the day).
    expect(new Date(body.dueAt).getTime() - new Date(body.createdAt).getTime()).toBeGreaterThanOrEqual(11 * 86_400_000);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'privacy.request-received'`, [binh])).toBe(1);
    const mine = await app.inject({ method: 'GET', url: '/api/me/data-requests', headers: asBinh });
    expect(mine.json().items.map((r: { id: string }) => r.id)).toEqual([body.id]);
    expect((await app.inject({ method: 'GET', url: '/api/me/data-requests', headers: asAn })).json().items).toEqual([]);
  });

  it('answers 409 for a second open request of the same kind and 400 for bad input, writing nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM privacy_requests');
    const again = expectProblem(await app.inject({ method: 'POST', url: '/api/me/data-requests', headers: asBinh, payload: { kind: 'correction' } }), 409);
    expect(again.type).toBe('/problems/conflict');
    expectProblem(await app.inject({ method: 'POST', url: '/api/me/data-requests', headers: asBinh, payload: { kind: 'forget-me' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/me/data-requests', headers: asBinh, payload: { kind: 'access', details: 'x'.repeat(2001) } }), 400);
    expect(await count('SELECT count(*)::int AS n FROM privacy_requests')).toBe(before);
    expectProblem(await app.inject({ method: 'POST', url: '/api/me/data-requests', payload: { kind: 'access' } }), 401);
  });
});
