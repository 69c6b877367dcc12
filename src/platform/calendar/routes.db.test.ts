import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';

let app: FastifyInstance;
let db: Db;
let adminToken: string;

const auditCount = async (action: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  adminToken = await loginAs(app, 'admin');
});

describe('GET /api/calendar/{year}', () => {
  it('lists 2026 with the Tết block, Quốc khánh and the make-up Saturday', async () => {
    const res = await app.inject('/api/calendar/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, basis: 'table', canChi: 'Bính Ngọ', tet: '2026-02-17', version: null });
    const off = body.daysOff.map((d: { date: string }) => d.date);
    expect(off).toEqual(expect.arrayContaining(['2026-02-16', '2026-02-20', '2026-08-31', '2026-09-01', '2026-09-02', '2026-11-24']));
    expect(body.workDays.map((d: { date: string }) => d.date)).toContain('2026-08-22');
  });

  it('serves the same year as iCalendar', async () => {
    const res = await app.inject('/api/calendar/2026.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(res.body).toContain('DTSTART;VALUE=DATE:20260822');
    const json = (await app.inject('/api/calendar/2026')).json();
    expect(res.body.match(/BEGIN:VEVENT/g)!.length).toBe(json.daysOff.length + json.workDays.length);
  });

  it('computes years without a table from the rules', async () => {
    const body = (await app.inject('/api/calendar/2031')).json();
    expect(body.basis).toBe('rules');
    expect(body.daysOff.length).toBeGreaterThanOrEqual(11);
  });

  it.each(['1899', '2101', 'abcd', '20266', '2026.pdf'])('refuses year %s with 400', async (year) => {
    const body = expectProblem(await app.inject(`/api/calendar/${year}`), 400);
    expect(body.errors?.[0]?.field).toBe('year');
  });
});

describe('GET /api/calendar/convert', () => {
  it('converts solar to lunar', async () => {
    const res = await app.inject('/api/calendar/convert?solar=2026-02-17');
    expect(res.json()).toEqual({ solar: '2026-02-17', weekday: 'Thứ Ba', lunar: { year: 2026, month: 1, day: 1, leap: false, text: '1/1/2026', canChi: 'Bính Ngọ' } });
  });

  it('converts lunar (leap month) to solar', async () => {
    const res = await app.inject('/api/calendar/convert?lunar=2025-06-01&leap=true');
    expect(res.json()).toMatchObject({ solar: '2025-07-25', lunar: { month: 6, leap: true, text: '1/6n/2025' } });
    expect((await app.inject('/api/calendar/convert?lunar=2026-01-01&leap=false')).json().solar).toBe('2026-02-17');
  });

  it.each([
    ['solar=2026-02-30', 'solar'],
    ['lunar=2026-02-30', 'lunar'],
    ['lunar=2026-03-01&leap=true', 'lunar'],
    ['solar=2200-01-01', 'solar'],
    ['', 'query'],
    ['solar=2026-02-17&lunar=2026-01-01', 'query'],
  ])('refuses %s with 400 naming %s', async (qs, field) => {
    const body = expectProblem(await app.inject(`/api/calendar/convert?${qs}`), 400);
    expect(body.errors?.[0]?.field).toBe(field);
  });
});

describe('GET /api/calendar/add', () => {
  it('adds working days to a date across the Tết block', async () => {
    const res = await app.inject('/api/calendar/add?from=2026-02-13&days=1');
    expect(res.json()).toEqual({ from: '2026-02-13', days: 1, hours: null, dueDate: '2026-02-23', due: null });
  });

  it('adds working days to an instant: due at the end of office hours', async () => {
    const res = await app.inject('/api/calendar/add?from=2026-02-13T09:00:00%2B07:00&days=1');
    expect(res.json()).toMatchObject({ dueDate: '2026-02-23', due: '2026-02-23T10:00:00.000Z' });
  });

  it('adds working hours, skipping lunch', async () => {
    const res = await app.inject('/api/calendar/add?from=2026-03-02T10:30:00%2B07:00&hours=1.5');
    expect(res.json()).toMatchObject({ due: '2026-03-02T07:00:00.000Z', dueDate: '2026-03-02' });
  });

  it.each(['from=2026-02-30&days=1', 'from=2026-02-13', 'from=2026-02-13&days=1&hours=2', 'from=yesterday!!&days=1', 'from=2026-02-13&days=99999'])(
    'refuses %s with 400',
    async (qs) => {
      expectProblem(await app.inject(`/api/calendar/add?${qs}`), 400);
    },
  );
});

describe('PUT /api/calendar/{year}', () => {
  const edit = {
    daysOff: [{ date: '2027-01-01', name: 'Tết Dương lịch' }, { date: '2027-01-04', name: 'Nghỉ bù thử nghiệm' }],
    workDays: [{ date: '2027-01-09', name: 'Làm bù' }],
    source: 'Thông báo thử nghiệm',
    reason: 'Thử nghiệm chỉnh sửa lịch',
  };

  it('lets an administrator replace a year, audited, and reports the changed dates', async () => {
    const before = await auditCount('calendar.year.update');
    const res = await app.inject({ method: 'PUT', url: '/api/calendar/2027', headers: bearer(adminToken), payload: edit });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2027, basis: 'edited', version: 1, source: 'Thông báo thử nghiệm' });
    expect(body.changes).toEqual(expect.arrayContaining([{ date: '2027-01-04', was: 'normal', now: 'off' }, { date: '2027-01-09', was: 'normal', now: 'work' }]));
    expect(body.note).toMatch(/giữ nguyên/);
    expect(await auditCount('calendar.year.update')).toBe(before + 1);
    const add = (await app.inject('/api/calendar/add?from=2027-01-01&days=1')).json();
    expect(add.dueDate).toBe('2027-01-05');
    const again = await app.inject({ method: 'PUT', url: '/api/calendar/2027', headers: bearer(adminToken), payload: edit });
    expect(again.json().version).toBe(2);
  });

  it('reverts to the shipped rules, audited', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/calendar/2027?reason=Hoàn%20tác%20thử%20nghiệm', headers: bearer(adminToken) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().basis).toBe('rules');
    expect(await auditCount('calendar.year.revert')).toBe(1);
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/calendar/2027?reason=lần%20hai', headers: bearer(adminToken) }), 404);
  });

  it.each([
    ['a date from another year', { ...edit, daysOff: [{ date: '2028-01-01', name: 'x' }] }],
    ['a date listed twice', { ...edit, workDays: [{ date: '2027-01-01', name: 'x' }] }],
    ['no reason', { ...edit, reason: undefined }],
    ['a malformed date', { ...edit, daysOff: [{ date: '2027-1-1', name: 'x' }] }],
  ])('refuses %s with 400 and writes nothing', async (_what, payload) => {
    expectProblem(await app.inject({ method: 'PUT', url: '/api/calendar/2027', headers: bearer(adminToken), payload }), 400);
    const { rows } = await db.query('SELECT 1 FROM calendar_year_tables WHERE year = 2027');
    expect(rows).toHaveLength(0);
  });

  it.each(['congdan', 'motcua', 'lanhdao', 'lanhdaotinh', 'dangvien'])('refuses %s with 403', async (username) => {
    const token = await loginAs(app, username);
    expectProblem(await app.inject({ method: 'PUT', url: '/api/calendar/2027', headers: bearer(token), payload: edit }), 403);
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/calendar/2027?reason=abc', headers: bearer(token) }), 403);
  });

  it('refuses without a session with 401', async () => {
    expectProblem(await app.inject({ method: 'PUT', url: '/api/calendar/2027', payload: edit }), 401);
  });
});

describe('working hours per agency', () => {
  let agencyId: string;
  beforeAll(async () => {
    agencyId = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;
  });

  it('answers the default, then the agency’s own hours after an edit, used by /add', async () => {
    expect((await app.inject(`/api/calendar/working-hours/${agencyId}`)).json()).toMatchObject({ isDefault: true, periods: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }] });
    const periods = [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }];
    const res = await app.inject({ method: 'PUT', url: `/api/calendar/working-hours/${agencyId}`, headers: bearer(adminToken), payload: { periods } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await app.inject(`/api/calendar/working-hours/${agencyId}`)).json()).toEqual({ isDefault: false, periods });
    const add = await app.inject(`/api/calendar/add?from=2026-03-02T11:00:00%2B07:00&hours=1&agency=${agencyId}`);
    expect(add.json().due).toBe('2026-03-02T06:30:00.000Z');
  });

  it('refuses bad hours, unknown agencies and other roles', async () => {
    const bad = { periods: [{ start: '11:00', end: '08:00' }] };
    expectProblem(await app.inject({ method: 'PUT', url: `/api/calendar/working-hours/${agencyId}`, headers: bearer(adminToken), payload: bad }), 400);
    expectProblem(await app.inject({ method: 'PUT', url: `/api/calendar/working-hours/${agencyId}`, headers: bearer(adminToken), payload: { periods: [{ start: '7h', end: '8h' }] } }), 400);
    expectProblem(await app.inject(`/api/calendar/working-hours/01234567-89ab-7def-8123-456789abcdef`), 404);
    expectProblem(await app.inject(`/api/calendar/working-hours/not-a-uuid`), 400);
    const officer = await loginAs(app, 'chuyenvien');
    expectProblem(await app.inject({ method: 'PUT', url: `/api/calendar/working-hours/${agencyId}`, headers: bearer(officer), payload: { periods: [{ start: '08:00', end: '12:00' }] } }), 403);
    expect((await app.inject(`/api/calendar/working-hours/${agencyId}`)).json().periods[0].start).toBe('07:30');
  });
});
