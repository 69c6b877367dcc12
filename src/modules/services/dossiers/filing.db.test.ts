import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { NOTIFY_QUEUE } from './outbox.ts';
import { agencyIdOf, fileOwnedBy, insertFixtureProcedure, userIdOf, VALID_DATA } from './testing.ts';

/** Filing: drafts, auto-save, submission, validation (422, nothing written), idempotency, routing. */
let db: Db;
let app: FastifyInstance;
let citizen: string;
let citizenId: string;
let procedure: string;
let communeProcedure: string;

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const docsOf = async (ownerId: string) => [
  { code: 'to-khai', fileId: await fileOwnedBy(db, ownerId) },
  { code: 'can-cuoc', fileId: await fileOwnedBy(db, ownerId) },
];
const post = (payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/dossiers', headers: { ...bearer(citizen), ...headers }, payload });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  citizen = await loginAs(app, 'congdan');
  citizenId = await userIdOf(db, 'congdan');
  procedure = await insertFixtureProcedure(db);
  communeProcedure = await insertFixtureProcedure(db, { level: 'commune' });
});

describe('POST /api/dossiers', () => {
  it('saves a draft: no code, no status, no case, no notice', async () => {
    const res = await post({ procedureCode: procedure, data: { fullName: 'Nguyễn' }, documents: [], submit: false });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({ id: body.id, code: null, status: null, state: 'draft' });
    const row = (await db.query('SELECT state, status, code, case_id FROM dossiers WHERE id = $1', [body.id])).rows[0];
    expect(row).toEqual({ state: 'draft', status: null, code: null, case_id: null });
    expect(await count('job_outbox WHERE queue = $1 AND payload->>\'ownerId\' = $2', [NOTIFY_QUEUE, citizenId])).toBe(0);
  });

  it('files a complete dossier: code of the agency and day, status 1, provisional appointment, case, notice', async () => {
    const before = Date.now();
    const res = await post({ procedureCode: procedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: string; code: string; status: number; dueAt: string }>();
    expect(Object.keys(body).sort()).toEqual(['code', 'dueAt', 'id', 'status']);
    expect(body.status).toBe(1);
    expect(body.code).toMatch(/^000\.00\.04\.H59-\d{6}-\d{4}$/);
    const calendar = await app.calendar.current();
    const row = (await db.query('SELECT * FROM dossiers WHERE id = $1', [body.id])).rows[0];
    expect(new Date(body.dueAt)).toEqual(calendar.addWorkingDays(row.submitted_at, 3));
    expect(row.submitted_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.agency_id).toBe(await agencyIdOf(db, '000.00.04.H59'));
    expect(row.procedure_name).toBe(`Thủ tục thử nghiệm ${procedure}`);
    const flow = (await db.query('SELECT state, seq FROM workflow_cases WHERE subject_id = $1', [body.id])).rows[0];
    expect(flow).toEqual({ state: 'submitted', seq: 0 });
    const notices = (await db.query('SELECT payload FROM job_outbox WHERE queue = $1 AND payload->>\'code\' = $2', [NOTIFY_QUEUE, body.code])).rows;
    expect(notices.map((n) => n.payload.kind)).toEqual(['submitted']);
    const inbox = await app.inject({ url: '/api/notifications', headers: bearer(citizen) });
    expect(inbox.json().items[0]).toMatchObject({ kind: 'dossier.submitted', link: `/track?code=${encodeURIComponent(body.code)}`, readAt: null });
    expect(inbox.json().items[0].title).toContain(body.code);
    const audit = await count(`audit_log WHERE target_type = 'dossier' AND target_id = $1 AND action IN ('dossier.create', 'dossier.submit', 'workflow.start')`, [body.id]);
    expect(audit).toBe(3);
  });

  it('refuses an incomplete dossier with 422 naming each field and document, writing nothing', async () => {
    const before = await count('dossiers');
    const countersBefore = await count('dossier_code_counters');
    const res = await post({ procedureCode: procedure, data: { fullName: 'A', birthDate: 'hôm qua' }, documents: [{ code: 'to-khai', fileId: await fileOwnedBy(db, citizenId) }], submit: true });
    const problem = expectProblem(res, 422);
    expect(problem.type).toBe('/problems/dossier-incomplete');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(['data.birthDate', 'data.fullName', 'documents.can-cuoc']);
    expect(await count('dossiers')).toBe(before);
    expect(await count('dossier_code_counters')).toBe(countersBefore);
  });

  it('refuses files that are not the citizen’s, unknown documents and unknown procedures', async () => {
    const before = await count('dossiers');
    const othersFile = await fileOwnedBy(db, await userIdOf(db, 'congdan2'));
    const res = await post({ procedureCode: procedure, data: VALID_DATA, documents: [{ code: 'to-khai', fileId: othersFile }, { code: 'khong-co', fileId: othersFile }], submit: false });
    expect(expectProblem(res, 422).errors).toEqual([
      { field: 'documents.to-khai', message: 'Tệp đính kèm không tồn tại hoặc không thuộc về bạn' },
      { field: 'documents.khong-co', message: 'Giấy tờ này không có trong thành phần hồ sơ của thủ tục' },
    ]);
    expect(expectProblem(await post({ procedureCode: 'khong-co-thu-tuc', submit: false }), 422).errors![0]!.field).toBe('procedureCode');
    expect(await count('dossiers')).toBe(before);
  });

  it('answers 400 for a malformed body, before anything is written', async () => {
    const before = await count('dossiers');
    expectProblem(await post({ procedureCode: procedure, documents: [{ code: 'to-khai', fileId: 'not-a-uuid' }] }), 400);
    expectProblem(await post({ procedureCode: procedure, submit: 'yes' }), 400);
    expectProblem(await post({ procedureCode: procedure }, { 'idempotency-key': 'short' }), 400);
    expect(await count('dossiers')).toBe(before);
  });

  it('routes a commune-level procedure to the People’s Committee of the chosen commune', async () => {
    const commune = (await db.query<{ commune_code: string; code: string; id: string }>(
      `SELECT commune_code, code, id FROM agencies WHERE kind = 'commune_committee' ORDER BY code LIMIT 1`,
    )).rows[0]!;
    expect(expectProblem(await post({ procedureCode: communeProcedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true }), 422).errors).toEqual([
      { field: 'communeCode', message: 'Chọn xã, phường nơi nộp hồ sơ (thủ tục cấp xã)' },
    ]);
    const res = await post({ procedureCode: communeProcedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true, communeCode: commune.commune_code });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code.startsWith(`${commune.code}-`)).toBe(true);
    expect((await db.query('SELECT agency_id, commune_code FROM dossiers WHERE id = $1', [res.json().id])).rows[0]).toEqual({ agency_id: commune.id, commune_code: commune.commune_code });
  });
});

describe('codes under load', () => {
  it('gives 50 citizens filing at the same moment 50 different codes of the day', async () => {
    const payloads = await Promise.all(Array.from({ length: 50 }, async () => ({ procedureCode: procedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true })));
    const answers = await Promise.all(payloads.map((p) => post(p)));
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    const codes = answers.map((a) => a.json<{ code: string }>().code);
    expect(new Set(codes).size).toBe(50);
    const day = codes[0]!.split('-')[1];
    expect(codes.every((c) => c.startsWith(`000.00.04.H59-${day}-`))).toBe(true);
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeated key with the same dossier and creates no second one', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}-a` };
    const payload = { procedureCode: procedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true };
    const first = await post(payload, headers);
    const second = await post(payload, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await count('dossiers WHERE idempotency_key = $1', [headers['idempotency-key']])).toBe(1);
  });

  it('files once when a double click sends two requests at the same time', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}-b` };
    const payload = { procedureCode: procedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true };
    const before = await count('dossiers');
    const answers = await Promise.all([post(payload, headers), post(payload, headers), post(payload, headers)]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(1);
    expect(await count('dossiers')).toBe(before + 1);
    expect(await count('workflow_cases WHERE subject_id = $1', [answers[0]!.json().id])).toBe(1);
  });

  it('keeps keys per citizen: the same key from another citizen is another dossier', async () => {
    const other = await loginAs(app, 'congdan2');
    const headers = { 'idempotency-key': `key-${Date.now()}-c` };
    const mine = await post({ procedureCode: procedure, submit: false }, headers);
    const theirs = await app.inject({ method: 'POST', url: '/api/dossiers', headers: { ...bearer(other), ...headers }, payload: { procedureCode: procedure, submit: false } });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });
});

describe('drafts: PATCH /api/dossiers/{id} and POST /api/dossiers/{id}/submit', () => {
  it('auto-saves a draft, then files it once however often submit is pressed', async () => {
    const draft = (await post({ procedureCode: procedure, data: { fullName: 'Nguyễn' }, submit: false })).json<{ id: string }>();
    const patch = await app.inject({ method: 'PATCH', url: `/api/dossiers/${draft.id}`, headers: bearer(citizen), payload: { data: VALID_DATA, documents: await docsOf(citizenId) } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ id: draft.id, state: 'draft', status: null, data: VALID_DATA });
    const submits = await Promise.all([1, 2].map(() => app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/submit`, headers: bearer(citizen) })));
    expect(submits.map((s) => s.statusCode).sort()).toEqual([200, 201]);
    expect(submits[0]!.json()).toEqual(submits[1]!.json());
    expect(submits[0]!.json().status).toBe(1);
    expect(await count('workflow_cases WHERE subject_id = $1', [draft.id])).toBe(1);
  });

  it('refuses to submit an incomplete draft (422) and leaves it a draft', async () => {
    const draft = (await post({ procedureCode: procedure, data: { fullName: 'Nguyễn Văn An' }, submit: false })).json<{ id: string }>();
    const res = await app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/submit`, headers: bearer(citizen) });
    expect(expectProblem(res, 422).errors!.map((e) => e.field).sort()).toEqual(['data.birthDate', 'documents.can-cuoc', 'documents.to-khai']);
    expect((await db.query('SELECT state, code FROM dossiers WHERE id = $1', [draft.id])).rows[0]).toEqual({ state: 'draft', code: null });
  });

  it('edits only drafts (409), only its owner (404 for anyone else), and rejects bad input (nothing written)', async () => {
    const draft = (await post({ procedureCode: procedure, data: { fullName: 'Nguyễn' }, submit: false })).json<{ id: string }>();
    const other = await loginAs(app, 'congdan2');
    const officer = await loginAs(app, 'chuyenvien');
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/dossiers/${draft.id}`, headers: bearer(other), payload: { data: { fullName: 'X' } } }), 404);
    expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/submit`, headers: bearer(other) }), 404);
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/dossiers/${draft.id}`, headers: bearer(officer), payload: { data: {} } }), 403);
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/dossiers/${draft.id}`, payload: { data: {} } }), 401);
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/dossiers/${draft.id}`, headers: bearer(citizen), payload: {} }), 400);
    const othersFile = await fileOwnedBy(db, await userIdOf(db, 'congdan2'));
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/dossiers/${draft.id}`, headers: bearer(citizen), payload: { documents: [{ code: 'to-khai', fileId: othersFile }] } }), 422);
    expect((await db.query('SELECT data, documents FROM dossiers WHERE id = $1', [draft.id])).rows[0]).toEqual({ data: { fullName: 'Nguyễn' }, documents: [] });
    const filed = (await post({ procedureCode: procedure, data: VALID_DATA, documents: await docsOf(citizenId), submit: true })).json<{ id: string }>();
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/dossiers/${filed.id}`, headers: bearer(citizen), payload: { data: {} } }), 409);
  });
});
