import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { startFakeSmsGateway } from '../../../platform/notify/testing/fake-sms-gateway.ts';
import { NOTIFY_QUEUE } from '../dossiers/outbox.ts';
import { fileOwnedBy, insertFixtureProcedure, userIdOf, VALID_DATA } from '../dossiers/testing.ts';
import { PORTAL_SYNC_QUEUE } from '../portal/index.ts';

/**
 * Counter filing (issue 11): a one-stop officer finds or registers the citizen who came in person,
 * files the dossier with the scanned papers, and it is received at once with `channel: counter`.
 * Every endpoint: success, bad input (nothing written), refused roles (403 before validation),
 * idempotency; and the walk-in citizen claiming the account by OTP sign-up.
 */
let db: Db;
let app: FastifyInstance;
let sms: Awaited<ReturnType<typeof startFakeSmsGateway>>;
const t: Record<string, string> = {};
let procedure: string;
let communeProcedure: string;
let officerId: string;

const USERS = ['motcua', 'cb.cn-ta.1', 'cb.xa01', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'admin', 'congdan', 'dangvien'];
const REFUSED = ['lanhdaotinh', 'admin', 'congdan', 'dangvien'];
/** Staff holding dossier.process outside a one-stop centre: the counter is not theirs (404). */
const ELSEWHERE = ['chuyenvien', 'lanhdao'];

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const writes = async () => ({
  users: await count('users'),
  dossiers: await count('dossiers'),
  files: await count('files'),
  ids: await count('citizen_id_numbers'),
  counters: await count('dossier_code_counters'),
  outbox: await count('job_outbox'),
});
const get = (url: string, user?: string) => app.inject({ method: 'GET', url, headers: user ? bearer(t[user]!) : {} });
/** The counter search: the identifier goes in the body, never in the URL. */
const search = (query: object, user?: string) => app.inject({ method: 'POST', url: '/api/intake/counter/citizens/search', payload: query, headers: user ? bearer(t[user]!) : {} });
const post = (url: string, payload: object, user?: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers: { ...(user ? bearer(t[user]!) : {}), ...headers } });

let phoneSerial = 0;
const freshPhone = () => `0987${String(100000 + (phoneSerial += 1)).slice(-6)}`;
const walkIn = async (over: Record<string, string> = {}) => {
  const res = await post('/api/intake/counter/citizens', { fullName: 'Võ Thị Lan', phone: freshPhone(), ...over }, 'motcua');
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; phone: string | null; fullName: string }>();
};
const scans = async (userId: string) => [
  { code: 'to-khai', fileId: await fileOwnedBy(db, userId) },
  { code: 'can-cuoc', fileId: await fileOwnedBy(db, userId) },
];

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  sms = await startFakeSmsGateway();
  app = await buildTestApp(db, { SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: 'gateway-token' });
  for (const u of USERS) t[u] = await loginAs(app, u);
  procedure = await insertFixtureProcedure(db);
  communeProcedure = await insertFixtureProcedure(db, { level: 'commune' });
  officerId = await userIdOf(db, 'motcua');
});
afterAll(() => sms?.close());

describe('who may use the counter', () => {
  it('answers 401 without a session, on every endpoint', async () => {
    expectProblem(await search({ phone: '0912000001' }), 401);
    expectProblem(await post('/api/intake/counter/citizens', { fullName: 'A' }), 401);
    expectProblem(await post('/api/intake/counter/dossiers', {}), 401);
  });

  it.each(REFUSED)('%s (no dossier.process) gets 403, before the input is even read', async (user) => {
    expectProblem(await search({ phone: 'not-a-phone' }, user), 403);
    expectProblem(await post('/api/intake/counter/citizens', { fullName: '' }, user), 403);
    expectProblem(await post('/api/intake/counter/dossiers', { citizenId: 'x' }, user), 403);
  });

  it.each(ELSEWHERE)('%s (dossier.process, but not at a one-stop centre) gets 404, before the input is read', async (user) => {
    expectProblem(await search({ phone: 'not-a-phone' }, user), 404);
    expectProblem(await post('/api/intake/counter/citizens', { fullName: '' }, user), 404);
    expectProblem(await post('/api/intake/counter/dossiers', { citizenId: 'x' }, user), 404);
  });

  it.each(['motcua', 'cb.cn-ta.1', 'cb.xa01'])('%s (a one-stop centre or branch) may look citizens up', async (user) => {
    expect((await search({ phone: '0912000001' }, user)).statusCode).toBe(200);
  });
});

describe('POST /api/intake/counter/citizens/search', () => {
  it('finds a citizen by exact phone (any way it is written) or e-mail, never by anything else', async () => {
    const byPhone = await search({ phone: '+84 912 000 001' }, 'motcua');
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json().items).toEqual([
      { id: await userIdOf(db, 'congdan'), fullName: 'Nguyễn Văn An', phone: '0*******01', email: 'c*******@example.vn', idNumber: null, hasAccount: true, walkIn: false },
    ]);
    expect((await search({ email: 'CongDan@Example.vn' }, 'motcua')).json().items).toHaveLength(1);
    expect((await search({ phone: '0912999999' }, 'motcua')).json().items).toEqual([]);
    expect((await search({ idNumber: '072090009999' }, 'motcua')).json().items).toEqual([]);
    // Staff are not citizens: the one-stop officer's own phone finds nobody.
    const staffPhone = (await db.query<{ phone: string | null }>(`SELECT phone FROM users WHERE username = 'chuyenvien'`)).rows[0]?.phone;
    if (staffPhone) expect((await search({ phone: staffPhone }, 'motcua')).json().items).toEqual([]);
  });

  it('refuses a query without exactly one valid key (400)', async () => {
    for (const query of [{}, { phone: '12345' }, { idNumber: '12345' }, { email: 'not-mail' }, { phone: '0912000001', idNumber: '072090001234' }]) {
      expectProblem(await search(query, 'motcua'), 400);
    }
  });
});

describe('POST /api/intake/counter/citizens', () => {
  it('registers a walk-in citizen without a password, findable by phone and ID number; a repeat answers the same', async () => {
    const phone = freshPhone();
    const body = { fullName: '  Võ Thị  Hoà ', phone, idNumber: '072190005678' };
    const res = await post('/api/intake/counter/citizens', body, 'motcua');
    expect(res.statusCode, res.body).toBe(201);
    const card = res.json();
    expect(card).toMatchObject({ fullName: 'Võ Thị Hòa', phone, email: null, idNumber: '072190005678', hasAccount: false, walkIn: true });
    const user = (await db.query('SELECT roles, password_hash FROM users WHERE id = $1', [card.id])).rows[0];
    expect(user).toEqual({ roles: ['citizen'], password_hash: null });
    expect((await db.query('SELECT opened_by, claimed_at FROM walk_in_accounts WHERE user_id = $1', [card.id])).rows[0]).toEqual({ opened_by: officerId, claimed_at: null });
    // The search answers the same card with its identifiers masked.
    const found = (await search({ idNumber: '072190005678' }, 'cb.cn-ta.1')).json().items;
    expect(found).toEqual([{ ...card, phone: `0*******${phone.slice(-2)}`, idNumber: '072*******78' }]);
    expect(JSON.stringify(found)).not.toContain('072190005678');
    expect(await count(`audit_log WHERE action = 'user.walk-in.open' AND target_id = $1`, [card.id])).toBe(1);

    const before = await writes();
    const again = await post('/api/intake/counter/citizens', { ...body, phone: `+84${phone.slice(1)}` }, 'motcua');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(card);
    expect(await writes()).toEqual(before);
  });

  it('refuses a phone, e-mail or ID number someone holds (409 naming each), and bad input (400), writing nothing', async () => {
    const taken = await walkIn({ idNumber: '072190004321' });
    const before = await writes();
    const clash = expectProblem(await post('/api/intake/counter/citizens', { fullName: 'Người Khác', phone: taken.phone!, idNumber: '072190004321' }, 'motcua'), 409);
    expect(clash.errors!.map((e) => e.field).sort()).toEqual(['idNumber', 'phone']);
    expect(expectProblem(await post('/api/intake/counter/citizens', { fullName: 'Nguyễn Văn An', email: 'congdan@example.vn' }, 'motcua'), 409).errors).toEqual([
      expect.objectContaining({ field: 'email' }),
    ]);
    for (const payload of [{ fullName: 'Không Có Gì' }, { fullName: 'A', phone: freshPhone() }, { fullName: 'Sai Số', idNumber: '0721' }, { fullName: 'Sai Điện Thoại', phone: '12345' }, {}]) {
      expectProblem(await post('/api/intake/counter/citizens', payload, 'motcua'), 400);
    }
    expect(await writes()).toEqual(before);
  });
});

describe('POST /api/intake/counter/dossiers', () => {
  it('files for a walk-in citizen and receives at once: counter channel, appointment, the papers become the citizen’s, one notice, one push', async () => {
    const citizen = await walkIn();
    const papers = await scans(officerId);
    const res = await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure, data: VALID_DATA, documents: papers }, 'motcua', {
      'idempotency-key': 'counter-key-0001',
    });
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({ status: 2, statusName: 'Được tiếp nhận' });
    expect(filed.code).toMatch(/^000\.00\.04\.H59-\d{6}-\d{4}$/);
    expect(filed.trackingUrl).toContain(`/track?code=${encodeURIComponent(filed.code)}`);
    const row = (await db.query('SELECT * FROM dossiers WHERE id = $1', [filed.id])).rows[0];
    expect(row).toMatchObject({ channel: 'counter', owner_id: citizen.id, filed_by: officerId, state: 'received', status: 2 });
    const calendar = await app.calendar.current();
    expect(new Date(filed.dueAt)).toEqual(calendar.addWorkingDays(row.received_at, 3));
    // The scans are now the citizen's own files, with the same bytes.
    const files = (await db.query('SELECT f.id, f.owner_user_id, f.sha256 FROM files f WHERE f.id = ANY($1::uuid[])', [row.documents.map((d: { fileId: string }) => d.fileId)])).rows;
    expect(files.map((f) => f.owner_user_id)).toEqual([citizen.id, citizen.id]);
    const originals = (await db.query('SELECT sha256 FROM files WHERE id = ANY($1::uuid[]) ORDER BY sha256', [papers.map((p) => p.fileId)])).rows.map((r) => r.sha256);
    expect(files.map((f) => f.sha256).sort()).toEqual(originals);
    // One notice (received, with the claim hint) and pushes that carry the channel.
    const notices = (await db.query(`SELECT payload FROM job_outbox WHERE queue = $1 AND payload->>'code' = $2`, [NOTIFY_QUEUE, filed.code])).rows;
    expect(notices.map((n) => [n.payload.kind, n.payload.channel])).toEqual([['received', 'counter']]);
    const pushes = (await db.query(`SELECT payload FROM job_outbox WHERE queue = $1 AND payload->'snapshot'->>'id' = $2`, [PORTAL_SYNC_QUEUE, filed.id])).rows;
    expect(pushes.map((p) => [p.payload.snapshot.channel, p.payload.snapshot.status])).toEqual([['counter', 2]]);
    // The officer sees it in the queue and its history; the public tracks it by code.
    const detail = (await get(`/api/dossiers/${filed.id}`, 'motcua')).json();
    expect(detail).toMatchObject({ channel: 'counter', owner: { fullName: 'Võ Thị Lan' }, status: 2 });
    expect(detail.history.map((h: { action: string; actorName: string }) => [h.action, h.actorName])).toEqual([['submit', 'Võ Thị Lan'], ['receive', 'Lê Thị Cúc']]);
    const receipt = await get(`/api/dossiers/${filed.id}/receipt`, 'motcua');
    expect(receipt.json()).toMatchObject({ code: filed.code, ownerName: 'Võ Thị Lan', status: 2 });
    const tracked = await app.inject({ url: `/api/public/dossiers/${encodeURIComponent(filed.code)}` });
    expect(tracked.json()).toEqual({ code: filed.code, status: 2, statusName: 'Được tiếp nhận', receivedAt: row.received_at.toISOString(), dueAt: filed.dueAt, agencyName: 'Sở Tư pháp', onTime: true });
    expect(await count(`audit_log WHERE target_id = $1 AND action IN ('dossier.create', 'dossier.submit', 'dossier.receive')`, [filed.id])).toBe(3);

    // The same key again: the same dossier, nothing new.
    const before = await writes();
    const again = await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure, data: VALID_DATA, documents: papers }, 'motcua', {
      'idempotency-key': 'counter-key-0001',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(filed);
    expect(await writes()).toEqual(before);
  });

  it('files for a citizen who has an account too; two concurrent requests with one key file once', async () => {
    const congdan = await userIdOf(db, 'congdan');
    const body = { citizenId: congdan, procedureCode: procedure, data: VALID_DATA, documents: await scans(officerId) };
    const answers = await Promise.all([1, 2, 3].map(() => post('/api/intake/counter/dossiers', body, 'motcua', { 'idempotency-key': 'counter-key-race-1' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect((await get(`/api/dossiers/${answers[0]!.json().id}`, 'congdan')).json()).toMatchObject({ channel: 'counter', status: 2 });
  });

  it('refuses incomplete dossiers, papers that are not the officer’s, unknown citizens (422) and malformed bodies (400), writing nothing', async () => {
    const citizen = await walkIn();
    const before = await writes();
    const incomplete = expectProblem(
      await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure, data: { fullName: 'A' }, documents: [{ code: 'to-khai', fileId: await fileOwnedBy(db, officerId) }] }, 'motcua'),
      422,
    );
    expect(incomplete.errors!.map((e) => e.field).sort()).toEqual(['data.birthDate', 'data.fullName', 'documents.can-cuoc']);
    const notMine = expectProblem(
      await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure, data: VALID_DATA, documents: await scans(await userIdOf(db, 'congdan')) }, 'motcua'),
      422,
    );
    expect(notMine.errors!.map((e) => e.field).sort()).toEqual(['documents.can-cuoc', 'documents.to-khai']);
    const staff = await userIdOf(db, 'chuyenvien');
    for (const citizenId of ['01900000-0000-7000-8000-000000000001', staff]) {
      expect(expectProblem(await post('/api/intake/counter/dossiers', { citizenId, procedureCode: procedure, data: VALID_DATA, documents: await scans(officerId) }, 'motcua'), 422).errors).toEqual([
        expect.objectContaining({ field: 'citizenId' }),
      ]);
    }
    expectProblem(await post('/api/intake/counter/dossiers', { citizenId: 'nope', procedureCode: procedure }, 'motcua'), 400);
    expectProblem(await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure }, 'motcua', { 'idempotency-key': 'short' }), 400);
    const after = await writes();
    // The scans made above for the refused requests are the only new rows.
    expect({ ...after, files: before.files }).toEqual(before);
    expect(after.files - before.files).toBe(1 + 2 + 2 * 2);
  });

  it('takes only dossiers of agencies the officer receives for: a commune’s dossier at the commune’s own centre', async () => {
    const citizen = await walkIn();
    const communeOfXa01 = (await db.query<{ commune_code: string }>(`SELECT a.commune_code FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = 'cb.xa01'`)).rows[0]!.commune_code;
    const atProvince = expectProblem(
      await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: communeProcedure, communeCode: communeOfXa01, data: VALID_DATA, documents: await scans(officerId) }, 'motcua'),
      422,
    );
    expect(atProvince.errors).toEqual([expect.objectContaining({ field: 'communeCode' })]);
    const xa01 = await userIdOf(db, 'cb.xa01');
    const atCommune = await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: communeProcedure, communeCode: communeOfXa01, data: VALID_DATA, documents: await scans(xa01) }, 'cb.xa01');
    expect(atCommune.statusCode, atCommune.body).toBe(201);
    expect(atCommune.json().status).toBe(2);
    expectProblem(await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure, data: VALID_DATA, documents: await scans(xa01) }, 'cb.xa01'), 422);
  });
});

describe('the walk-in citizen claims the account', () => {
  it('signs up by OTP with the same phone: the account gets a password, keeps its name, and shows the counter dossier', async () => {
    const citizen = await walkIn({ fullName: 'Đặng Văn Khải' });
    const filed = (await post('/api/intake/counter/dossiers', { citizenId: citizen.id, procedureCode: procedure, data: VALID_DATA, documents: await scans(officerId) }, 'motcua')).json();
    const start = await app.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { phone: citizen.phone }, remoteAddress: '10.9.0.1' });
    expect(start.statusCode, start.body).toBe(202);
    const code = /\b(\d{6})\b/.exec(sms.requests.filter((r) => r.body.to === citizen.phone).at(-1)?.body.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const done = await app.inject({
      method: 'POST',
      url: '/api/auth/signup/verify',
      payload: { phone: citizen.phone, code, fullName: 'Tên Khác', password: 'mat-khau-nhan-1' },
      remoteAddress: '10.9.0.1',
    });
    expect(done.statusCode, done.body).toBe(201);
    const session = done.json<{ token: string; user: { id: string; fullName: string; username: string } }>();
    expect(session.user).toMatchObject({ id: citizen.id, fullName: 'Đặng Văn Khải', username: citizen.phone });
    expect((await db.query('SELECT claimed_at FROM walk_in_accounts WHERE user_id = $1', [citizen.id])).rows[0].claimed_at).not.toBeNull();
    const mine = await app.inject({ url: '/api/dossiers?mine=true', headers: bearer(session.token) });
    expect(mine.json().items.map((d: { code: string; channel: string }) => [d.code, d.channel])).toEqual([[filed.code, 'counter']]);
    expect((await search({ phone: citizen.phone }, 'motcua')).json().items[0]).toMatchObject({ hasAccount: true, walkIn: false });
    // Claimed once: a second sign-up with that phone is told the number is taken, and gets no code.
    const sent = sms.requests.length;
    await app.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { phone: citizen.phone }, remoteAddress: '10.9.0.2' });
    expect(sms.requests.slice(sent).map((r) => /\b\d{6}\b/.test(r.body.text ?? ''))).toEqual([false]);
  });
});
