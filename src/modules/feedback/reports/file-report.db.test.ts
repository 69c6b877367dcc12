import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/problems.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { fileReport } from '../index.ts';

const { db } = await createTestDb('demo');

const userId = async (username: string) => (await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_reports')).rows[0]!.n;
const caught = async (p: Promise<unknown>) => p.then(() => expect.unreachable('should have thrown'), (e: unknown) => e as AppError);

// Phường Tân Ninh (25459), the centre of the former Tây Ninh city.
const TAN_NINH = { lat: 11.301, lng: 106.096 };
const base = { topicCode: 'ha-tang-giao-thong', title: 'Ổ gà lớn trên đường 30/4', description: 'Ổ gà sâu gần chợ, xe máy dễ té ngã.', privacy: 'secret' as const, channel: 'web' as const };

describe('fileReport', () => {
  it('files a report: date code, submitted, commune from the place, agency from the commune route, due date in working days', async () => {
    const reporterId = await userId('congdan');
    const filed = await fileReport(db, { ...base, ...TAN_NINH, reporterId, contact: { phone: '0912000001' } }, { at: new Date('2026-12-04T03:00:00Z') });
    expect(filed.code).toMatch(/^PA-261204-\d{4}$/);
    expect(filed.state).toBe('submitted');
    expect(filed.topicCode).toBe('ha-tang-giao-thong');
    // Friday 4 Dec 2026 + 10 working days = Friday 18 Dec 2026.
    expect(filed.dueAt.slice(0, 10)).toBe('2026-12-18');
    const { rows } = await db.query(
      `SELECT r.commune_code, a.code AS agency, r.reporter_id, r.is_public, r.contact, c.state AS case_state
         FROM feedback_reports r JOIN agencies a ON a.id = r.agency_id
         JOIN workflow_cases c ON c.subject_type = 'feedback_report' AND c.subject_id = r.id WHERE r.id = $1`,
      [filed.id],
    );
    expect(rows[0]).toMatchObject({ commune_code: '25459', agency: '001.00.00.H59', reporter_id: reporterId, is_public: false, contact: { phone: '0912000001' }, case_state: 'submitted' });
    expect(filed.agencyId).toBeTruthy();
  });

  it('routes a topic without commune routes to its default agency', async () => {
    const filed = await fileReport(db, { ...base, ...TAN_NINH, topicCode: 'o-nhiem-moi-truong', channel: 'open311', reporterId: null, contact: { email: 'a@example.vn' } });
    const { rows } = await db.query('SELECT a.code FROM agencies a WHERE a.id = $1', [filed.agencyId]);
    expect(rows[0]!.code).toBe('000.00.07.H59');
  });

  it('answers the same report for a repeated Idempotency-Key', async () => {
    const reporterId = await userId('congdan2');
    const first = await fileReport(db, { ...base, ...TAN_NINH, reporterId, idempotencyKey: 'k-1' });
    const before = await count();
    const again = await fileReport(db, { ...base, ...TAN_NINH, reporterId, idempotencyKey: 'k-1' });
    expect(again).toEqual(first);
    expect(await count()).toBe(before);
  });

  it('refuses a place outside the province (422 outside-province) and writes nothing', async () => {
    const before = await count();
    const error = await caught(fileReport(db, { ...base, lat: 10.776, lng: 106.7, reporterId: null })); // Hồ Chí Minh City
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('outside-province');
    expect(error.status).toBe(422);
    const cambodia = await caught(fileReport(db, { ...base, lat: 11.55, lng: 104.92, reporterId: null })); // Phnom Penh
    expect(cambodia.code).toBe('outside-province');
    const otherCommune = await caught(fileReport(db, { ...base, ...TAN_NINH, communeCode: '25747', reporterId: null }));
    expect(otherCommune.code).toBe('outside-province');
    expect(await count()).toBe(before);
  });

  it('refuses an unknown topic, missing fields and bad photos with field errors, writing nothing', async () => {
    const before = await count();
    const unknown = await caught(fileReport(db, { ...base, ...TAN_NINH, topicCode: 'khong-co' }));
    expect(unknown.code).toBe('validation-failed');
    expect(unknown.extra.errors?.[0]?.field).toBe('topicCode');
    const missing = await caught(fileReport(db, { ...base, ...TAN_NINH, title: '   ', description: undefined as unknown as string }));
    expect(missing.extra.errors?.map((e) => e.field).sort()).toEqual(['description', 'title']);
    const photo = await caught(fileReport(db, { ...base, ...TAN_NINH, reporterId: await userId('congdan'), photoFileIds: ['0190a6b2-0000-7000-8000-000000000000'] }));
    expect(photo.extra.errors?.[0]?.field).toBe('photoFileIds');
    expect(await count()).toBe(before);
  });
});
