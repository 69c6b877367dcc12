import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { SESSION_COOKIE } from '../../platform/auth/access.ts';
import { OIDC_COOKIE } from '../../platform/auth/oidc.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { followToCallback, startFakeOidcProvider, type TestAccount } from '../../platform/auth/testing/fake-oidc-provider.ts';
import type { Db } from '../../platform/db/pool.ts';
import { fileOwnedBy, insertFixtureProcedure, userIdOf, VALID_DATA } from '../services/dossiers/testing.ts';

const PUBLIC_URL = 'http://tinhso.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const ACCOUNTS: TestAccount[] = [
  { sub: 'vneid-l1', acr: 'vneid:level1', claims: { name: 'Lê Văn Một', id_number: '079200000001' } },
  { sub: 'vneid-l2', acr: 'vneid:level2', claims: { name: 'Phan Thị Hai', id_number: '079200000002' } },
  { sub: 'sso-none', claims: { name: 'Đỗ Văn Không' } },
];

let db: Db;
let app: FastifyInstance;
let provider: Awaited<ReturnType<typeof startFakeOidcProvider>>;
let level2Procedure: string;
let level1Procedure: string;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  provider = await startFakeOidcProvider({ clientId: 'tinhso', clientSecret: 'client-secret-for-tests', redirectUri: CALLBACK, accounts: ACCOUNTS });
  app = await buildTestApp(db, { PUBLIC_URL, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'tinhso', OIDC_CLIENT_SECRET: 'client-secret-for-tests' });
  level2Procedure = await insertFixtureProcedure(db);
  level1Procedure = await insertFixtureProcedure(db);
  await db.query('UPDATE procedures SET min_identity_level = 2 WHERE code = $1', [level2Procedure]);
  await db.query('UPDATE procedures SET min_identity_level = 1 WHERE code = $1', [level1Procedure]);
});
afterAll(() => provider.close());

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const userOf = async (sub: string) =>
  (await db.query<{ id: string }>('SELECT user_id AS id FROM user_identities WHERE provider = $1 AND subject = $2', [provider.issuer, sub])).rows[0]!.id;

/** Signs on at the fake VNeID as `sub`; answers the session token (usable as a bearer token). */
const signOn = async (sub: string) => {
  provider.signInAs(sub);
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
  expect(new URL(start.headers.location as string).searchParams.get('acr_values')).toBe('vneid:level2 vneid:level1');
  const state = start.cookies.find((c) => c.name === OIDC_COOKIE)!.value;
  const back = await followToCallback(start.headers.location as string, CALLBACK);
  const callback = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { [OIDC_COOKIE]: state } });
  expect(callback.statusCode, callback.body).toBe(302);
  return callback.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
};

const papersOf = async (token: string) => {
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  const ownerId = me.json<{ user: { id: string } }>().user.id;
  return [
    { code: 'to-khai', fileId: await fileOwnedBy(db, ownerId) },
    { code: 'can-cuoc', fileId: await fileOwnedBy(db, ownerId) },
  ];
};
const createDossier = async (token: string, procedureCode: string, submit: boolean) =>
  app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(token), payload: { procedureCode, data: VALID_DATA, documents: await papersOf(token), submit } });
const submit = (token: string, id: string) => app.inject({ method: 'POST', url: `/api/dossiers/${id}/submit`, headers: bearer(token), payload: {} });

describe('VNeID identity levels from the sign-on', () => {
  it('records level 2 with its acr, the ID number and when it was verified; the session acts at level 2', async () => {
    const token = await signOn('vneid-l2');
    const { rows } = await db.query('SELECT level, acr, provider, id_number, verified_at FROM identity_levels WHERE user_id = $1', [await userOf('vneid-l2')]);
    expect(rows).toEqual([{ level: 2, acr: 'vneid:level2', provider: provider.issuer, id_number: '079200000002', verified_at: expect.any(Date) }]);
    const identity = await app.inject({ method: 'GET', url: '/api/me/identity', headers: bearer(token) });
    expect(identity.statusCode).toBe(200);
    expect(identity.json()).toMatchObject({ level: 2, recordedLevel: 2, hasIdNumber: true, verifiedAt: expect.any(String) });
    expect(identity.body).not.toContain('079200000002');
  });

  it('records level 1, and nothing for a sign-on that states no level (level 0)', async () => {
    await signOn('vneid-l1');
    expect((await db.query('SELECT level FROM identity_levels WHERE user_id = $1', [await userOf('vneid-l1')])).rows).toEqual([{ level: 1 }]);
    const token = await signOn('sso-none');
    expect(await count('identity_levels WHERE user_id = $1', [await userOf('sso-none')])).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/me/identity', headers: bearer(token) })).json()).toMatchObject({ level: 0, recordedLevel: 0, hasIdNumber: false, verifiedAt: null });
  });

  it('a password session of a level-2 citizen acts at level 0', async () => {
    const session = await createSession(db, { secret: app.config.sessionSecret, userId: await userOf('vneid-l2'), via: 'password', ttlHours: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/me/identity', headers: bearer(session.token) })).json()).toMatchObject({ level: 0, recordedLevel: 2 });
  });

  it('answers the identity only to citizens (401 without a session, 403 for staff)', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/me/identity' }), 401);
    for (const user of ['motcua', 'admin']) {
      expectProblem(await app.inject({ method: 'GET', url: '/api/me/identity', headers: bearer(await loginAs(app, user)) }), 403);
    }
  });
});

describe('filing is held to the procedure’s identity level', () => {
  it('refuses to submit a level-2 procedure’s draft at level 1 (403 identity-level-required), leaving the draft as it was', async () => {
    const token = await signOn('vneid-l1');
    const draft = await createDossier(token, level2Procedure, false);
    expect(draft.statusCode, draft.body).toBe(201);
    const { id } = draft.json<{ id: string }>();
    const audits = await count(`audit_log WHERE target_id = $1`, [id]);
    const body = expectProblem(await submit(token, id), 403);
    expect(body).toMatchObject({ type: '/problems/identity-level-required', requiredLevel: 2, currentLevel: 1, procedureCode: level2Procedure });
    expect(body.title).toContain('VNeID mức độ 2');
    expect((await db.query('SELECT state, code FROM dossiers WHERE id = $1', [id])).rows).toEqual([{ state: 'draft', code: null }]);
    expect(await count(`audit_log WHERE target_id = $1`, [id])).toBe(audits);
  });

  it('refuses filing at once (submit: true) below the level and writes no dossier', async () => {
    const token = await signOn('vneid-l1');
    const before = await count('dossiers');
    expectProblem(await createDossier(token, level2Procedure, true), 403);
    const password = await createSession(db, { secret: app.config.sessionSecret, userId: await userOf('vneid-l2'), via: 'password', ttlHours: 1 });
    const res = await createDossier(password.token, level2Procedure, true);
    expect(expectProblem(res, 403)).toMatchObject({ type: '/problems/identity-level-required', currentLevel: 0 });
    expect(await count('dossiers')).toBe(before);
  });

  it('files at the level or above: level 2 files a level-2 procedure, level 1 a level-1 one, anyone a level-0 one', async () => {
    const two = await signOn('vneid-l2');
    const draft = (await createDossier(two, level2Procedure, false)).json<{ id: string }>();
    expect((await submit(two, draft.id)).statusCode).toBe(201);
    expect((await createDossier(await signOn('vneid-l1'), level1Procedure, true)).statusCode).toBe(201);
    expect((await createDossier(await loginAs(app, 'congdan'), await insertFixtureProcedure(db), true)).statusCode).toBe(201);
    expectProblem(await createDossier(await loginAs(app, 'congdan'), level1Procedure, true), 403);
  });

  it('a later VNeID sign-in at a lower level lowers the level of the sessions opened before it', async () => {
    const earlier = await signOn('vneid-l2');
    ACCOUNTS[1]!.acr = 'vneid:level1';
    try {
      await signOn('vneid-l2');
      expect(expectProblem(await createDossier(earlier, level2Procedure, true), 403)).toMatchObject({ currentLevel: 0 });
      expect((await db.query('SELECT level FROM identity_levels WHERE user_id = $1', [await userOf('vneid-l2')])).rows).toEqual([{ level: 1 }]);
    } finally {
      ACCOUNTS[1]!.acr = 'vneid:level2';
    }
  });

  it('never holds counter filing by an officer to it (the officer checked the papers)', async () => {
    const officer = await loginAs(app, 'motcua');
    const citizen = await app.inject({ method: 'POST', url: '/api/intake/counter/citizens', headers: bearer(officer), payload: { fullName: 'Võ Thị Lan', phone: '0987654001' } });
    expect(citizen.statusCode, citizen.body).toBe(201);
    const papers = [
      { code: 'to-khai', fileId: await fileOwnedBy(db, await userIdOf(db, 'motcua')) },
      { code: 'can-cuoc', fileId: await fileOwnedBy(db, await userIdOf(db, 'motcua')) },
    ];
    const res = await app.inject({
      method: 'POST',
      url: '/api/intake/counter/dossiers',
      headers: bearer(officer),
      payload: { citizenId: citizen.json<{ id: string }>().id, procedureCode: level2Procedure, data: VALID_DATA, documents: papers },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('the catalogue states each procedure’s identity level', () => {
  it('answers minIdentityLevel in the detail; the shipped residence registrations ask for level 2', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/procedures/${level2Procedure}` })).json()).toMatchObject({ minIdentityLevel: 2 });
    expect((await app.inject({ method: 'GET', url: `/api/procedures/${level1Procedure}` })).json()).toMatchObject({ minIdentityLevel: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/procedures/cu-tru.thuong-tru' })).json()).toMatchObject({ minIdentityLevel: 2 });
    expect((await app.inject({ method: 'GET', url: '/api/procedures/ho-tich.khai-sinh' })).json()).toMatchObject({ minIdentityLevel: 0 });
  });

  it('imports and exports it (admin), defaulting to 0, and refuses a level outside 0–2 writing nothing', async () => {
    const admin = await loginAs(app, 'admin');
    const exported = (await app.inject({ method: 'GET', url: '/api/procedures/export', headers: bearer(admin) })).json<{ source: string; procedures: Record<string, unknown>[] }>();
    const mine = exported.procedures.find((p) => p.code === level2Procedure)!;
    expect(mine.minIdentityLevel).toBe(2);
    const { minIdentityLevel: _dropped, ...withoutLevel } = mine;
    const load = (procedures: object[]) =>
      app.inject({ method: 'POST', url: '/api/procedures/import', headers: bearer(admin), payload: { source: 'Kiểm thử', procedures } });

    const bad = expectProblem(await load([{ ...mine, minIdentityLevel: 3 }]), 400);
    expect(bad.errors?.some((e) => e.field.endsWith('minIdentityLevel'))).toBe(true);
    expect(await count(`procedures WHERE code = $1 AND min_identity_level = 2`, [level2Procedure])).toBe(1);

    expect((await load([withoutLevel])).json()).toMatchObject({ updated: 1 });
    expect(await count(`procedures WHERE code = $1 AND min_identity_level = 0`, [level2Procedure])).toBe(1);
    expect((await load([{ ...mine, minIdentityLevel: 2 }])).json()).toMatchObject({ updated: 1 });
    expect(await count(`procedures WHERE code = $1 AND min_identity_level = 2`, [level2Procedure])).toBe(1);
  });
});
