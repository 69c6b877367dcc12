import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { NOTIFY_QUEUE } from '../dossiers/outbox.ts';
import { act, insertFixtureProcedure, userIdOf } from '../dossiers/testing.ts';
import { PORTAL_SYNC_QUEUE } from '../portal/index.ts';
import { DEV_INTAKE_SECRET, deliver, forwardedDossier } from './testing.ts';

/**
 * Dossiers forwarded by the national portal (issue 11): signed, idempotent by the portal's code,
 * filed under the mapped local procedure as ordinary dossiers with `channel: national-portal`,
 * and pushed back under the portal's code. Refusals write nothing.
 */
let db: Db;
let app: FastifyInstance;
let admin: string;
let procedure: string;
let communeProcedure: string;

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const writes = async () => ({
  users: await count('users'),
  dossiers: await count('dossiers'),
  intakes: await count('national_intakes'),
  ids: await count('citizen_id_numbers'),
  outbox: await count('job_outbox'),
  audit: await count('audit_log'),
});
const mapCode = async (nationalCode: string, procedureCode: string) => {
  const res = await app.inject({ method: 'PUT', url: `/api/portal/procedure-map/${nationalCode}`, headers: bearer(admin), payload: { procedureCode } });
  expect([200, 201], res.body).toContain(res.statusCode);
};

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  admin = await loginAs(app, 'admin');
  procedure = await insertFixtureProcedure(db);
  communeProcedure = await insertFixtureProcedure(db, { level: 'commune' });
  await mapCode('1.001193', procedure);
  await mapCode('2.000042', communeProcedure);
});

describe('POST /api/intake/national-portal/dossiers', () => {
  it('files a forwarded dossier for a new citizen: national-portal channel, status 1, the portal’s code kept, papers listed', async () => {
    const body = forwardedDossier();
    const res = await deliver(app, body);
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json();
    expect(answer).toMatchObject({ received: true, duplicate: false, nationalCode: body.MaHoSo, status: 1 });
    expect(answer.code).toMatch(/^000\.00\.04\.H59-261120-\d{4}$/);
    const row = (await db.query('SELECT * FROM dossiers WHERE id = $1', [answer.dossierId])).rows[0];
    expect(row).toMatchObject({ channel: 'national-portal', national_code: body.MaHoSo, procedure_code: procedure, state: 'submitted', status: 1, filed_by: null });
    expect(row.submitted_at.toISOString()).toBe('2026-11-20T01:30:00.000Z');
    expect(row.data).toEqual(body.DuLieuToKhai);
    // The citizen: a claimable walk-in account with the phone, and the ID number recorded.
    const owner = (await db.query('SELECT full_name, phone, password_hash FROM users WHERE id = $1', [row.owner_id])).rows[0];
    expect(owner).toEqual({ full_name: 'Phạm Thị Hồng', phone: '0912000111', password_hash: null });
    expect((await db.query('SELECT user_id, source FROM citizen_id_numbers WHERE id_number = $1', ['072190001234'])).rows).toEqual([{ user_id: row.owner_id, source: 'national-portal' }]);
    expect((await db.query('SELECT national_procedure_code, documents FROM national_intakes WHERE national_code = $1', [body.MaHoSo])).rows[0]).toEqual({
      national_procedure_code: '1.001193',
      documents: [{ code: 'to-khai', name: 'to-khai.pdf', url: 'https://dichvucong.gov.vn/f/abc' }],
    });
    // Pushed back under the portal's code as an update (the portal holds it already); the citizen is told.
    const push = (await db.query(`SELECT payload FROM job_outbox WHERE queue = $1 AND payload->'snapshot'->>'id' = $2`, [PORTAL_SYNC_QUEUE, answer.dossierId])).rows;
    expect(push.map((p) => [p.payload.snapshot.channel, p.payload.snapshot.nationalCode, p.payload.snapshot.nationalProcedureCode])).toEqual([
      ['national-portal', body.MaHoSo, '1.001193'],
    ]);
    expect((await db.query('SELECT known_to_portal FROM portal_sync_state WHERE dossier_id = $1', [answer.dossierId])).rows[0]).toEqual({ known_to_portal: true });
    const notices = (await db.query(`SELECT payload FROM job_outbox WHERE queue = $1 AND payload->>'code' = $2`, [NOTIFY_QUEUE, answer.code])).rows;
    expect(notices.map((n) => [n.payload.kind, n.payload.channel])).toEqual([['submitted', 'national-portal']]);
    // Tracked publicly by either code, with the same fields.
    for (const code of [answer.code, body.MaHoSo]) {
      const tracked = await app.inject({ url: `/api/public/dossiers/${encodeURIComponent(code)}` });
      expect(tracked.statusCode, tracked.body).toBe(200);
      expect(Object.keys(tracked.json()).sort()).toEqual(['agencyName', 'code', 'dueAt', 'onTime', 'receivedAt', 'status', 'statusName']);
      expect(tracked.json()).toMatchObject({ code: answer.code, status: 1 });
    }
    // An ordinary dossier: the one-stop officer receives it, and that goes back to the portal too.
    const motcua = await loginAs(app, 'motcua');
    const received = await act(app, motcua, answer.dossierId, 'receive');
    expect(received.statusCode, received.body).toBe(200);
    const pushes = (await db.query(`SELECT payload FROM job_outbox WHERE queue = $1 AND payload->'snapshot'->>'id' = $2 ORDER BY id`, [PORTAL_SYNC_QUEUE, answer.dossierId])).rows;
    expect(pushes.map((p) => [p.payload.snapshot.status, p.payload.snapshot.nationalCode])).toEqual([[1, body.MaHoSo], [2, body.MaHoSo]]);
  });

  it('answers a repeat of the same code with the first dossier (200, duplicate), creating nothing', async () => {
    const body = forwardedDossier();
    const first = (await deliver(app, body)).json();
    const before = await writes();
    const again = await deliver(app, { ...body, TrichYeuHoSo: 'gửi lại' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ ...first, duplicate: true });
    expect(await writes()).toEqual(before);
    expect((await db.query('SELECT repeats FROM national_intakes WHERE national_code = $1', [body.MaHoSo])).rows[0].repeats).toBe(1);
  });

  it('files once when the portal delivers the same code several times at once', async () => {
    const body = forwardedDossier({ ChuHoSo: { HoTen: 'Lý Văn Tư', SoDienThoai: '0912000333' } });
    const answers = await Promise.all([1, 2, 3, 4].map(() => deliver(app, body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().dossierId)).size).toBe(1);
    expect(await count('dossiers WHERE national_code = $1', [body.MaHoSo])).toBe(1);
    expect(await count(`users WHERE phone = '0912000333'`)).toBe(1);
  });

  it('finds the citizen: by a recorded ID number, else by phone or e-mail of an account we know', async () => {
    const congdan = await userIdOf(db, 'congdan');
    const byPhone = (await deliver(app, forwardedDossier({ ChuHoSo: { HoTen: 'Nguyễn Văn An', SoDienThoai: '+84912000001', SoDinhDanh: '072090000001' } }))).json();
    expect((await db.query('SELECT owner_id FROM dossiers WHERE id = $1', [byPhone.dossierId])).rows[0].owner_id).toBe(congdan);
    const byId = (await deliver(app, forwardedDossier({ ChuHoSo: { HoTen: 'Nguyễn Văn An', SoDinhDanh: '072090000001' } }))).json();
    expect((await db.query('SELECT owner_id FROM dossiers WHERE id = $1', [byId.dossierId])).rows[0].owner_id).toBe(congdan);
    const byEmail = (await deliver(app, forwardedDossier({ ChuHoSo: { HoTen: 'Trần Thị Bình', Email: 'CongDan2@example.vn' } }))).json();
    expect((await db.query('SELECT owner_id FROM dossiers WHERE id = $1', [byEmail.dossierId])).rows[0].owner_id).toBe(await userIdOf(db, 'congdan2'));
    // A phone we know under another ID number is not that person: a new account, without the phone.
    const other = (await deliver(app, forwardedDossier({ ChuHoSo: { HoTen: 'Người Khác', SoDienThoai: '0912000001', SoDinhDanh: '072090000002' } }))).json();
    const owner = (await db.query('SELECT u.id, u.phone FROM dossiers d JOIN users u ON u.id = d.owner_id WHERE d.id = $1', [other.dossierId])).rows[0];
    expect(owner.id).not.toBe(congdan);
    expect(owner.phone).toBeNull();
  });

  it('files a commune-level procedure at the commune named (MaXa); without it, 422 and nothing written', async () => {
    const commune = (await db.query<{ commune_code: string }>(`SELECT commune_code FROM agencies WHERE kind = 'commune_committee' ORDER BY code LIMIT 1`)).rows[0]!.commune_code;
    const ok = await deliver(app, forwardedDossier({ MaTTHC: '2.000042', MaXa: commune, ChuHoSo: { HoTen: 'Hồ Văn Năm', SoDienThoai: '0912000555' } }));
    expect(ok.statusCode, ok.body).toBe(201);
    const before = await writes();
    const missing = expectProblem(await deliver(app, forwardedDossier({ MaTTHC: '2.000042', ChuHoSo: { HoTen: 'Hồ Văn Sáu', SoDienThoai: '0912000666' } })), 422);
    expect(missing.type).toBe('/problems/dossier-incomplete');
    expect(missing.errors).toEqual([expect.objectContaining({ field: 'communeCode' })]);
    expect(await writes()).toEqual(before);
  });

  it('refuses an unmapped national procedure code with 422 listing the mapped codes, writing nothing', async () => {
    const before = await writes();
    const res = await deliver(app, forwardedDossier({ MaTTHC: '9.999999' }));
    const problem = expectProblem(res, 422);
    expect(problem.type).toBe('/problems/unmapped-procedure');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'MaTTHC' })]);
    expect(res.json().mappedCodes).toEqual(['1.001193', '2.000042']);
    expect(await writes()).toEqual(before);
  });

  it('refuses unsigned, wrongly signed and stale deliveries (401) — a session does not help — writing nothing', async () => {
    const body = forwardedDossier();
    const raw = JSON.stringify(body);
    const before = await writes();
    const citizen = await loginAs(app, 'congdan');
    const beforeLogin = { ...before, audit: before.audit + 1 };
    expectProblem(await deliver(app, raw, { signature: '' }), 401);
    expectProblem(await deliver(app, raw, { secret: 'x'.repeat(40) }), 401);
    expectProblem(await deliver(app, raw, { ts: Math.floor(Date.now() / 1000) - 3600 }), 401);
    expectProblem(await deliver(app, raw, { signature: '', headers: bearer(citizen) }), 401);
    expectProblem(await app.inject({ method: 'POST', url: '/api/intake/national-portal/dossiers', payload: raw, headers: { 'content-type': 'application/json' } }), 401);
    expect(await writes()).toEqual(beforeLogin);
  });

  it('refuses a body that is not JSON or lacks fields (400 naming each), writing nothing', async () => {
    const before = await writes();
    expectProblem(await deliver(app, '{ not json'), 400);
    const bad = expectProblem(await deliver(app, { ...forwardedDossier(), MaHoSo: '', NgayNopHoSo: '20261345250000', ChuHoSo: { HoTen: '', SoDinhDanh: '123' } }), 400);
    expect(bad.errors!.map((e) => e.field).sort()).toEqual(['ChuHoSo.HoTen', 'ChuHoSo.SoDinhDanh', 'MaHoSo', 'NgayNopHoSo']);
    expect(await writes()).toEqual(before);
  });

  it('answers 503 when PORTAL_INTAKE_SECRET is not set (production)', async () => {
    const production = await buildTestApp(db, { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), TINHSO_ALLOW_EMBEDDED_DB: 'true' });
    const before = await writes();
    const raw = JSON.stringify(forwardedDossier());
    const ts = Math.floor(Date.now() / 1000);
    const { signCallback } = await import('../../../platform/payments/index.ts');
    expectProblem(
      await production.inject({
        method: 'POST',
        url: '/api/intake/national-portal/dossiers',
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signCallback(DEV_INTAKE_SECRET, ts, raw) },
      }),
      503,
    );
    expect(await writes()).toEqual(before);
  });
});
