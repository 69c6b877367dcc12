import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { listPublicReports } from './reports/list-reports.ts';
import { actAs, as, countRows, fileVia, reportBody, signIn, TAN_AN } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { RATE_LIMIT_ALLOW: '127.0.0.1' });
const t = await signIn(app, 'congdan', 'congdan2', 'pakn.xa01', 'pakn.xa02', 'cb.sxd.1', 'kiemduyet', 'lanhdaotinh', 'admin');

const post = (username: string | null, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/feedback/reports', headers: { ...(username ? as(t, username) : {}), ...headers }, payload: payload as object });

describe('GET /api/feedback/topics', () => {
  it('lists the active topics to anyone, each an Open311 service code', async () => {
    const res = await app.inject({ url: '/api/feedback/topics' });
    expect(res.statusCode).toBe(200);
    const topics = res.json<{ code: string; name: string; limitWorkingDays: number }[]>();
    expect(topics.length).toBeGreaterThanOrEqual(10);
    expect(topics.map((x) => x.code)).toContain('ha-tang-giao-thong');
  });
});

describe('POST /api/feedback/reports', () => {
  it('files a report for the signed-in citizen (201, code, due date) and replays an Idempotency-Key', async () => {
    const before = await countRows(db, 'feedback_reports');
    const res = await post('congdan', reportBody(), { 'idempotency-key': 'file-once-0001' });
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json<{ id: string; code: string; state: string; dueAt: string }>();
    expect(filed.code).toMatch(/^PA-\d{6}-\d{4}$/);
    expect(filed.state).toBe('submitted');
    const again = await post('congdan', reportBody(), { 'idempotency-key': 'file-once-0001' });
    expect(again.json()).toEqual(filed);
    expect(await countRows(db, 'feedback_reports')).toBe(before + 1);
    const audit = await countRows(db, 'audit_log', `action = 'feedback.file' AND target_id = $1`, [filed.id]);
    expect(audit).toBe(1);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const before = await countRows(db, 'feedback_reports');
    const cases: [unknown, number, string?][] = [
      [reportBody({ lat: 10.776, lng: 106.7 }), 422, 'outside-province'],
      [reportBody({ lat: 48.85, lng: 2.35 }), 422, 'outside-province'],
      [reportBody({ topicCode: 'khong-ton-tai' }), 400],
      [reportBody({ title: '' }), 400],
      [{ ...reportBody(), description: undefined }, 400],
      [reportBody({ lat: 'abc' }), 400],
      [reportBody({ lat: 200 }), 400],
      [reportBody({ privacy: 'everyone' }), 400],
      [reportBody({ photoFileIds: ['not-a-uuid'] }), 400],
      [reportBody({ photoFileIds: ['0190a6b2-0000-7000-8000-000000000000'] }), 400],
      [reportBody({ communeCode: '25747' }), 422, 'outside-province'],
      [reportBody({ extra: 1 }), 400],
      ['not json at all', 400],
    ];
    for (const [payload, status, type] of cases) {
      const body = expectProblem(await post('congdan', payload, typeof payload === 'string' ? { 'content-type': 'application/json' } : {}), status);
      if (type) expect(body.type).toBe(`/problems/${type}`);
    }
    expectProblem(await post('congdan', reportBody(), { 'idempotency-key': 'short' }), 400);
    expect(await countRows(db, 'feedback_reports')).toBe(before);
  });

  it('refuses anonymous callers (401) and roles without feedback.submit (403) before reading the body', async () => {
    expectProblem(await post(null, reportBody()), 401);
    for (const who of ['pakn.xa01', 'kiemduyet', 'lanhdaotinh', 'admin']) expectProblem(await post(who, { nonsense: true }), 403);
  });
});

describe('reading one report', () => {
  it('gives each viewer their view; another citizen and another agency get 404', async () => {
    const id = await fileVia(app, t, 'congdan', { privacy: 'secret' });
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    const get = (who: string) => app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, who) });

    const owner = (await get('congdan')).json<Record<string, unknown>>();
    expect(owner).toMatchObject({ viewer: 'owner', reporterName: 'Nguyễn Văn An', contact: { phone: '0912000001' }, privacy: 'secret' });

    const agency = (await get('pakn.xa01')).json<Record<string, unknown>>();
    expect(agency).toMatchObject({ viewer: 'agency', reporterName: 'Nguyễn Văn An', contact: { phone: '0912000001' } });
    expect(agency.allowedActions).toEqual(expect.arrayContaining(['start', 'return_wrong_agency']));

    const moderator = (await get('kiemduyet')).json<Record<string, unknown>>();
    expect(moderator).toMatchObject({ viewer: 'moderator', reporterName: null, contact: null });
    expect(JSON.stringify(moderator)).not.toContain('0912000001');
    expect(JSON.stringify(moderator)).not.toContain('Nguyễn Văn An');

    expectProblem(await get('congdan2'), 404);
    expectProblem(await get('pakn.xa02'), 404);
    expectProblem(await get('cb.sxd.1'), 404);
    expectProblem(await app.inject({ url: `/api/feedback/reports/${id}` }), 401);
    expectProblem(await app.inject({ url: '/api/feedback/reports/not-a-uuid', headers: as(t, 'congdan') }), 400);
  });

  it('hides an anonymous reporter from the agency too', async () => {
    const id = await fileVia(app, t, 'congdan', { privacy: 'anonymous' });
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    const agency = (await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'pakn.xa01') })).json<Record<string, unknown>>();
    expect(agency).toMatchObject({ viewer: 'agency', reporterName: null, contact: null });
    expect(JSON.stringify(agency)).not.toContain('Nguyễn Văn An');
  });
});

describe('GET /api/feedback/reports/mine', () => {
  it('lists only the caller’s reports', async () => {
    const id = await fileVia(app, t, 'congdan2', { title: 'Đèn đường hỏng trước nhà văn hóa', topicCode: 'chieu-sang-cong-cong' });
    const mine = (await app.inject({ url: '/api/feedback/reports/mine?pageSize=100', headers: as(t, 'congdan2') })).json<{ items: { id: string }[]; total: number }>();
    expect(mine.items.map((r) => r.id)).toContain(id);
    const other = (await app.inject({ url: '/api/feedback/reports/mine?pageSize=100', headers: as(t, 'congdan') })).json<{ items: { id: string }[] }>();
    expect(other.items.map((r) => r.id)).not.toContain(id);
    const rows = await db.query<{ reporter_id: string }>('SELECT DISTINCT reporter_id FROM feedback_reports r JOIN users u ON u.id = r.reporter_id WHERE u.username = $1', ['congdan2']);
    expect(mine.total).toBe(await countRows(db, 'feedback_reports', 'reporter_id = $1', [rows.rows[0]!.reporter_id]));
    expectProblem(await app.inject({ url: '/api/feedback/reports/mine', headers: as(t, 'pakn.xa01') }), 403);
    expectProblem(await app.inject({ url: '/api/feedback/reports/mine?pageSize=1000', headers: as(t, 'congdan') }), 400);
  });
});

describe('public list, map and detail', () => {
  it('shows only moderated public reports, with filters and diacritic-insensitive search', async () => {
    const publicId = await fileVia(app, t, 'congdan', { title: 'Cống thoát nước bị vỡ ở hẻm Đồng Khởi', topicCode: 'ngap-ung-thoat-nuoc', ...TAN_AN, address: 'Hẻm Đồng Khởi' });
    const privateId = await fileVia(app, t, 'congdan', { title: 'Cống thoát nước bị vỡ ở hẻm Đồng Khởi (riêng)', topicCode: 'ngap-ung-thoat-nuoc', ...TAN_AN });
    const waitingId = await fileVia(app, t, 'congdan', { title: 'Cống thoát nước bị vỡ ở hẻm Đồng Khởi (chờ)', topicCode: 'ngap-ung-thoat-nuoc', ...TAN_AN });
    expect((await actAs(app, t, 'kiemduyet', publicId, 'moderate', { isPublic: true })).statusCode).toBe(200);
    expect((await actAs(app, t, 'kiemduyet', privateId, 'moderate', { isPublic: false, reason: 'Có thông tin cá nhân' })).statusCode).toBe(200);

    const list = async (qs: string) => (await app.inject({ url: `/api/feedback/public/reports?${qs}` })).json<{ items: { id: string }[]; total: number }>();
    const found = await list('q=cong thoat nuoc dong khoi');
    expect(found.items.map((r) => r.id)).toEqual([publicId]);
    expect((await list('q=CỐNG THOÁT&topic=ngap-ung-thoat-nuoc&commune=27712')).items.map((r) => r.id)).toContain(publicId);
    expect((await list('q=dong khoi&topic=rac-thai-ve-sinh')).total).toBe(0);
    expect((await list('q=dong khoi&bbox=10.5,106.3,10.6,106.5')).items.map((r) => r.id)).toEqual([publicId]);
    expect((await list('q=dong khoi&bbox=11.2,106.0,11.4,106.2')).total).toBe(0);
    expect((await list('q=dong khoi&state=assigned')).total).toBe(1);
    expect((await list('q=dong khoi&state=closed')).total).toBe(0);
    expect((await list('q=dong khoi&from=2000-01-01&to=2000-12-31')).total).toBe(0);
    expect((await list('q=dong khoi&pageSize=1&page=2')).items).toEqual([]);
    for (const id of [privateId, waitingId]) {
      expectProblem(await app.inject({ url: `/api/feedback/public/reports/${id}` }), 404);
    }

    const map = (await app.inject({ url: '/api/feedback/public/map?topic=ngap-ung-thoat-nuoc' })).json<{ id: string; lat: number }[]>();
    expect(map.map((p) => p.id)).toContain(publicId);
    expect(map.map((p) => p.id)).not.toContain(privateId);

    const bad = ['bbox=1,2,3', 'from=05-12-2026', 'pageSize=0', 'page=abc', 'bbox=11,106,10,107'];
    for (const qs of bad) expectProblem(await app.inject({ url: `/api/feedback/public/reports?${qs}` }), 400);
  });

  it('counts public matches up to a limit and says when there are more (totalCapped)', async () => {
    const title = 'Đèn đường hỏng trên đường Trưng Nữ Vương';
    for (let i = 0; i < 3; i += 1) {
      const id = await fileVia(app, t, 'congdan', { title: `${title} ${i}`, topicCode: 'ngap-ung-thoat-nuoc', ...TAN_AN });
      expect((await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true })).statusCode).toBe(200);
    }
    const query = { q: 'trung nu vuong', page: 1, pageSize: 1 };
    expect(await listPublicReports(db, query, new Date(), 2)).toMatchObject({ total: 2, totalCapped: true });
    expect(await listPublicReports(db, query, new Date(), 3)).toMatchObject({ total: 3, totalCapped: false });
    expect(await listPublicReports(db, { ...query, pageSize: 20 }, new Date(), 2)).toMatchObject({ total: 3, totalCapped: false });
    const answer = (await app.inject({ url: '/api/feedback/public/reports?q=trung%20nu%20vuong&pageSize=2' })).json<{ items: unknown[]; total: number; totalCapped: boolean }>();
    expect(answer).toMatchObject({ total: 3, totalCapped: false });
    expect(answer.items).toHaveLength(2);
  });

  it('searches whole words, marks and case optional, newest first for a common word and a rare one', async () => {
    const file = async (title: string, address: string) => {
      const id = await fileVia(app, t, 'congdan', { title, description: `${title}, mong được xử lý.`, topicCode: 'ngap-ung-thoat-nuoc', ...TAN_AN, address });
      expect((await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true })).statusCode).toBe(200);
      return id;
    };
    const oldest = await file('Ngập sâu trước chợ Trà Vinh', 'Số 12/3 hẻm Phượng Vĩ');
    const middle = await file('Đường ngập sau cơn mưa chiều', 'Ấp Trà Vinh');
    const newest = await file('NGẬP nước trước trường học', 'Hẻm Phượng Vĩ');
    const ids = async (qs: string) => (await app.inject({ url: `/api/feedback/public/reports?${qs}` })).json<{ items: { id: string }[] }>().items.map((r) => r.id);

    // "ngập" is common in the demo province: the newest reports come first, page by page.
    for (const q of ['ngap', 'NGẬP', 'Ngập']) expect((await ids(`q=${encodeURIComponent(q)}`)).slice(0, 3), q).toEqual([newest, middle, oldest]);
    expect(await ids('q=ngap&pageSize=2&page=1')).toEqual([newest, middle]);
    expect((await ids('q=ngap&pageSize=2&page=2'))[0]).toBe(oldest);
    expect((await ids('q=tra%20vinh')).slice(0, 2)).toEqual([middle, oldest]);
    expect((await ids(`q=${encodeURIComponent('trà vinh ngập')}`)).slice(0, 2)).toEqual([middle, oldest]);
    // Whole words: a part of a word finds nothing; a word written with other characters matches
    // its letters and digits side by side.
    expect(await ids('q=nga%20tra%20vinh')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('12/3 phượng')}`)).toEqual([oldest]);
    expect(await ids('q=3%2F12')).toEqual([]);
    // Punctuation alone is no word: the list is unfiltered.
    expect((await ids(`q=${encodeURIComponent('–?')}`)).length).toBeGreaterThan(0);

    // A rare word in an old report, past the newest reports a search reads one by one.
    await db.query(`UPDATE feedback_reports SET created_at = '2021-03-01T03:00:00Z' WHERE id = $1`, [oldest]);
    expect(await listPublicReports(db, { q: 'phuong vi', page: 1, pageSize: 1 })).toMatchObject({ items: [{ id: newest }], total: 2, totalCapped: false });
    expect(await listPublicReports(db, { q: 'phuong vi', page: 2, pageSize: 1 })).toMatchObject({ items: [{ id: oldest }], total: 2 });
    expect((await listPublicReports(db, { q: 'cho tra vinh', page: 1, pageSize: 1 })).items.map((r) => r.id)).toEqual([oldest]);
  });

  it('never leaks a secret reporter, contact or original photo publicly', async () => {
    const id = await fileVia(app, t, 'congdan', { privacy: 'secret', title: 'Đèn tín hiệu hỏng ở ngã tư', contact: { phone: '0912000001', email: 'congdan@example.vn' } });
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    const byId = await app.inject({ url: `/api/feedback/public/reports/${id}` });
    expect(byId.statusCode).toBe(200);
    const body = byId.json<Record<string, unknown>>();
    const code = body.code as string;
    const byCode = await app.inject({ url: `/api/feedback/public/reports/${code}` });
    expect(byCode.json()).toEqual(body);
    const text = JSON.stringify(body) + (await app.inject({ url: '/api/feedback/public/reports?pageSize=100' })).body + (await app.inject({ url: '/api/feedback/public/map' })).body;
    for (const secret of ['Nguyễn Văn An', '0912000001', 'congdan@example.vn', 'contact', 'fileId"']) expect(text).not.toContain(secret);
    expect(body.reporterName).toBeNull();
    expect((body.timeline as { actorName: unknown }[]).every((e) => e.actorName === null)).toBe(true);

    const named = await fileVia(app, t, 'congdan2', { privacy: 'public', title: 'Cây xanh nghiêng sắp đổ' });
    await actAs(app, t, 'kiemduyet', named, 'moderate', { isPublic: true });
    expect((await app.inject({ url: `/api/feedback/public/reports/${named}` })).json()).toMatchObject({ reporterName: 'Trần Thị Bình' });
  });

  it('never lists complaints and denunciations publicly', async () => {
    const id = await fileVia(app, t, 'congdan', { topicCode: 'khieu-nai-to-cao', title: 'Tố cáo cán bộ xã' });
    const res = await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });
    expectProblem(res, 400);
    expect((await app.inject({ url: `/api/feedback/public/reports/${id}` })).statusCode).toBe(404);
  });
});
