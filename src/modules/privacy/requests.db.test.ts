import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { foldIocChanges } from '../ioc/rollups.ts';
import { rollupSnapshot } from '../ioc/testing/fixtures.ts';
import { fileThroughApi, insertFixtureProcedure } from '../services/dossiers/testing.ts';
import { DELETED_NAME } from './anonymise.ts';
import { authAs, idOf, privacyOfficer, rowsMentioning } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db);
let an: string;
let asAn: Record<string, string>;
let asDpo: Record<string, string>;
let asAdmin: Record<string, string>;
let dossier: { id: string; code: string };

const ID_NUMBER = '079203001234';
const NEEDLES = ['Nguyễn Văn An', '0912000001', 'congdan@example.vn', ID_NUMBER];
/** The tables a deletion covers (anonymise.ts); dossiers, their history and the audit log are kept by law. */
const COVERED = ['users', 'citizen_id_numbers', 'sessions', 'user_identities', 'otp_codes', 'auth_attempts', 'notifications', 'feedback_reports', 'dossier_ratings', 'consents'];

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

beforeAll(async () => {
  an = await idOf(db, 'congdan');
  asAn = await authAs(app, an);
  asDpo = await authAs(app, await privacyOfficer(db));
  asAdmin = await authAs(app, await idOf(db, 'admin'));
  dossier = await fileThroughApi(app, db, asAn.authorization!.slice(7), await insertFixtureProcedure(db));
  await db.query(`INSERT INTO citizen_id_numbers (id_number, user_id, source) VALUES ($1, $2, 'counter')`, [ID_NUMBER, an]);
  const agency = (await db.query<{ agency_id: string }>('SELECT agency_id FROM dossiers WHERE id = $1', [dossier.id])).rows[0]!.agency_id;
  await db.query(`INSERT INTO dossier_ratings (dossier_id, owner_id, agency_id, channel, score, comment) VALUES ($1, $2, $3, 'online', 4, 'Cán bộ gọi số 0912000001 của tôi')`, [dossier.id, an, agency]);
  await db.query(`UPDATE feedback_reports SET contact = '{"name":"Nguyễn Văn An","phone":"0912000001"}' WHERE reporter_id = $1`, [an]);
  await db.query(`INSERT INTO otp_codes (id, purpose, channel, destination, code_hash, expires_at) VALUES (gen_random_uuid(), 'signup', 'sms', '0912000001', 'x', now())`);
  await db.query(`INSERT INTO auth_attempts (key) VALUES ('login:subject:congdan'), ('login:subject:0912000001')`);
  await app.inject({ method: 'POST', url: '/api/me/consents', headers: asAn, payload: { purpose: 'population-prefill' } });
});

const fileDeletion = async () => {
  const res = await app.inject({ method: 'POST', url: '/api/me/data-requests', headers: asAn, payload: { kind: 'deletion', details: 'Xin xóa tài khoản' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};

describe('GET /api/privacy/requests', () => {
  it('lists requests for the privacy officer and the administrator, with contacts masked', async () => {
    const id = await fileDeletion();
    for (const headers of [asDpo, asAdmin]) {
      const res = await app.inject({ method: 'GET', url: '/api/privacy/requests?status=open', headers });
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((r: { id: string }) => r.id === id);
      expect(item).toMatchObject({ kind: 'deletion', status: 'open', overdue: false, person: { fullName: 'Nguyễn Văn An', phone: '0*******01' } });
      expect(res.body).not.toContain('0912000001');
      // No 12-digit number standing alone (UUIDs may hold a group of twelve digits).
      expect(res.body).not.toMatch(/(?<![\w-])\d{12}(?![\w-])/);
    }
  });

  it('flags a request past its due date as overdue', async () => {
    await db.query(`UPDATE privacy_requests SET due_at = now() - interval '1 day' WHERE user_id = $1`, [an]);
    const res = await app.inject({ method: 'GET', url: '/api/privacy/requests', headers: asDpo });
    expect(res.json().items.find((r: { person: { id: string } }) => r.person.id === an).overdue).toBe(true);
  });

  it('refuses citizens, officers and callers without a session; 400 for a bad filter', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/privacy/requests', headers: asAn }), 403);
    expectProblem(await app.inject({ method: 'GET', url: '/api/privacy/requests', headers: await authAs(app, await idOf(db, 'motcua')) }), 403);
    expectProblem(await app.inject({ method: 'GET', url: '/api/privacy/requests' }), 401);
    expectProblem(await app.inject({ method: 'GET', url: '/api/privacy/requests?status=maybe', headers: asDpo }), 400);
  });
});

describe('lists that show citizens to staff', () => {
  it('the users list masks phones and e-mails (the full values stay on the user page)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/users?q=congdan', headers: asAdmin });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((u: { username: string }) => u.username === 'congdan');
    expect(item).toMatchObject({ phone: '0*******01', email: 'c*******@example.vn' });
    expect(res.body).not.toContain('0912000001');
    expect(res.body).not.toContain('congdan@example.vn');
    const one = await app.inject({ method: 'GET', url: `/api/users/${an}`, headers: asAdmin });
    expect(one.json().phone).toBe('0912000001');
  });
});

describe('POST /api/privacy/requests/{id}/resolve', () => {
  it('refuses bad input, unknown ids and other roles, changing nothing', async () => {
    const id = (await db.query<{ id: string }>(`SELECT id FROM privacy_requests WHERE user_id = $1 AND status = 'open'`, [an])).rows[0]!.id;
    expectProblem(await app.inject({ method: 'POST', url: `/api/privacy/requests/${id}/resolve`, headers: asDpo, payload: { outcome: 'maybe', answer: 'Không rõ' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: `/api/privacy/requests/${id}/resolve`, headers: asDpo, payload: { outcome: 'accepted', answer: '' } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/privacy/requests/not-an-id/resolve', headers: asDpo, payload: { outcome: 'accepted', answer: 'Đồng ý xóa' } }), 400);
    expectProblem(
      await app.inject({ method: 'POST', url: '/api/privacy/requests/01900000-0000-7000-8000-000000000000/resolve', headers: asDpo, payload: { outcome: 'accepted', answer: 'Đồng ý xóa' } }),
      404,
    );
    expectProblem(await app.inject({ method: 'POST', url: `/api/privacy/requests/${id}/resolve`, headers: asAn, payload: { outcome: 'accepted', answer: 'Đồng ý xóa' } }), 403);
    expect(await count(`SELECT count(*)::int AS n FROM privacy_requests WHERE id = $1 AND status = 'open'`, [id])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM users WHERE id = $1 AND disabled_at IS NULL', [an])).toBe(1);
  });

  it('an accepted deletion leaves no personal data in the tables it covers and keeps every statistic', async () => {
    const id = (await db.query<{ id: string }>(`SELECT id FROM privacy_requests WHERE user_id = $1 AND status = 'open'`, [an])).rows[0]!.id;
    await foldIocChanges(db);
    const statsBefore = await rollupSnapshot(db);
    const ratingsBefore = await db.query('SELECT agency_id, score FROM dossier_ratings ORDER BY dossier_id');
    const reportsBefore = await count('SELECT count(*)::int AS n FROM feedback_reports');
    const dossiersBefore = await count('SELECT count(*)::int AS n FROM dossiers WHERE status IS NOT NULL');
    for (const t of ['users', 'citizen_id_numbers', 'feedback_reports', 'dossier_ratings', 'otp_codes', 'auth_attempts']) {
      expect(await rowsMentioning(db, t, [...NEEDLES, 'login:subject:congdan']), `${t} holds the data before`).toBeGreaterThan(0);
    }

    const res = await app.inject({ method: 'POST', url: `/api/privacy/requests/${id}/resolve`, headers: asDpo, payload: { outcome: 'accepted', answer: 'Đã xóa dữ liệu không thuộc diện lưu trữ' } });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer.status).toBe('accepted');
    expect(answer.kept.map((k: { what: string }) => k.what).join(' ')).toContain('Hồ sơ thủ tục hành chính');
    expect(answer.kept.find((k: { what: string }) => k.what.startsWith('Hồ sơ')).why).toMatch(/lưu trữ/);

    for (const t of COVERED) expect(await rowsMentioning(db, t, NEEDLES), t).toBe(0);
    expect(await rowsMentioning(db, 'auth_attempts', ['subject:congdan'])).toBe(0);
    for (const t of ['sessions', 'notifications', 'citizen_id_numbers', 'user_identities']) {
      expect(await count(`SELECT count(*)::int AS n FROM ${t} WHERE user_id = $1`, [an]), t).toBe(0);
    }
    expect(await count('SELECT count(*)::int AS n FROM feedback_reports WHERE reporter_id = $1', [an])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM consents WHERE user_id = $1 AND withdrawn_at IS NULL', [an])).toBe(0);
    const user = (await db.query('SELECT full_name, email, phone, password_hash, disabled_at FROM users WHERE id = $1', [an])).rows[0];
    expect(user).toMatchObject({ full_name: DELETED_NAME, email: null, phone: null, password_hash: null });
    expect(user.disabled_at).not.toBeNull();
    // The session used before is gone: the account cannot act any more.
    expectProblem(await app.inject({ method: 'GET', url: '/api/me/data', headers: asAn }), 401);

    await foldIocChanges(db);
    expect(await rollupSnapshot(db)).toEqual(statsBefore);
    expect((await db.query('SELECT agency_id, score FROM dossier_ratings ORDER BY dossier_id')).rows).toEqual(ratingsBefore.rows);
    expect(await count('SELECT count(*)::int AS n FROM feedback_reports')).toBe(reportsBefore);
    expect(await count('SELECT count(*)::int AS n FROM dossiers WHERE status IS NOT NULL')).toBe(dossiersBefore);
    expect(await count('SELECT count(*)::int AS n FROM dossiers WHERE id = $1', [dossier.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.request.erase' AND target_id = $1`, [id])).toBe(1);
  });

  it('answers 409 when the request was already resolved', async () => {
    const id = (await db.query<{ id: string }>(`SELECT id FROM privacy_requests WHERE user_id = $1`, [an])).rows[0]!.id;
    const again = expectProblem(await app.inject({ method: 'POST', url: `/api/privacy/requests/${id}/resolve`, headers: asDpo, payload: { outcome: 'rejected', answer: 'Thử lại lần nữa' } }), 409);
    expect(again.type).toBe('/problems/wrong-state');
  });

  it('a rejected request only answers the citizen, who is told in the inbox', async () => {
    const binh = await idOf(db, 'congdan2');
    const asBinh = await authAs(app, binh);
    const filed = await app.inject({ method: 'POST', url: '/api/me/data-requests', headers: asBinh, payload: { kind: 'objection', details: 'Không muốn nhận SMS' } });
    const res = await app.inject({ method: 'POST', url: `/api/privacy/requests/${filed.json().id}/resolve`, headers: asAdmin, payload: { outcome: 'rejected', answer: 'Tin nhắn về hồ sơ là bắt buộc theo quy định' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'privacy.request-resolved'`, [binh])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM users WHERE id = $1 AND disabled_at IS NULL', [binh])).toBe(1);
  });
});
