import { describe, expect, it } from 'vitest';
import { reportBody } from '../../src/modules/feedback/testing.ts';
import { insertFixtureProcedure, fileThroughApi } from '../../src/modules/services/dossiers/testing.ts';
import { multipartBody, samplePdf } from '../../src/platform/files/testing.ts';
import { addToInbox } from '../../src/platform/notify/inbox.ts';
import { bearer, buildTestApp, expectProblem } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { sessionFor, userIdOf } from './callers.ts';
import { changedTables, fingerprintOf } from './fingerprint.ts';
import { apiRoutes, fillPath, isWrite } from './routes.ts';

/**
 * Records of one owner or organisation, asked for by another citizen or another agency's staff
 * (IDOR): they answer 404, as for a record that does not exist, and a refused write changes
 * nothing. One entry per kind of record; adding a resource is adding an entry to RESOURCES.
 * Callers are demo accounts: congdan and congdan2 (citizens), chuyenvien and lanhdao (Sở Tư pháp),
 * motcua (one-stop centre), cb.sxd.1 and ld.sxd (Sở Xây dựng), dangvien (member of Sở Tư pháp's
 * Party cell), dangbo.cqd (committee of the Party agencies' đảng bộ), tinhuy (provincial committee),
 * kiemduyet (feedback moderator).
 */
const { db } = await createTestDb('demo');
const app = await buildTestApp(db);
const routeKeys = new Set(apiRoutes(app).map((r) => r.key));

const tokenCache = new Map<string, string>();
const tokenOf = async (username: string) => {
  if (!tokenCache.has(username)) tokenCache.set(username, (await sessionFor(app, await userIdOf(db, username))).token);
  return tokenCache.get(username)!;
};

type Values = Record<string, string>;
type Check = {
  /** `METHOD /path/:param`, exactly as the app declares it. */
  route: string;
  /** May read (or do) it: 2xx. Writes are listed here only when doing them twice is harmless. */
  allowed?: string[];
  /** Must get 404 and change nothing. */
  hidden: string[];
  body?: object;
};
type Resource = { name: string; create: () => Promise<Values>; checks: Check[] };

const justice = await insertFixtureProcedure(db);

const RESOURCES: Resource[] = [
  {
    name: 'filed dossier (congdan, Sở Tư pháp)',
    create: async () => {
      const filed = await fileThroughApi(app, db, await tokenOf('congdan'), justice);
      return { id: filed.id, action: 'receive' };
    },
    checks: [
      { route: 'GET /api/dossiers/:id', allowed: ['congdan', 'chuyenvien', 'lanhdao', 'motcua'], hidden: ['congdan2', 'cb.sxd.1', 'ld.sxd', 'admin'] },
      { route: 'GET /api/dossiers/:id/receipt', allowed: ['congdan', 'chuyenvien', 'motcua'], hidden: ['congdan2', 'cb.sxd.1', 'ld.sxd'] },
      { route: 'GET /api/dossiers/:id/assignees', allowed: ['chuyenvien', 'lanhdao'], hidden: ['cb.sxd.1', 'ld.sxd'] },
      { route: 'POST /api/dossiers/:id/actions/:action', hidden: ['congdan2', 'cb.sxd.1', 'ld.sxd'], body: {} },
    ],
  },
  {
    name: 'draft dossier (congdan)',
    create: async () => {
      const res = await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(await tokenOf('congdan')), payload: { procedureCode: justice, submit: false } });
      expect(res.statusCode, res.body).toBe(201);
      return { id: res.json<{ id: string }>().id, action: 'withdraw' };
    },
    checks: [
      // The handling agency's staff are left out here: see 'open findings' below.
      { route: 'GET /api/dossiers/:id', allowed: ['congdan'], hidden: ['congdan2', 'cb.sxd.1', 'dangvien'] },
      { route: 'PATCH /api/dossiers/:id', allowed: ['congdan'], hidden: ['congdan2'], body: { data: { fullName: 'Kẻ Lạ Mặt' } } },
      { route: 'POST /api/dossiers/:id/submit', hidden: ['congdan2'] },
      { route: 'POST /api/dossiers/:id/actions/:action', hidden: ['congdan2', 'cb.sxd.1'], body: {} },
    ],
  },
  {
    name: 'uploaded file (congdan)',
    create: async () => {
      const form = await multipartBody({ bytes: samplePdf(), name: 'giay-to-ca-nhan.pdf', type: 'application/pdf' });
      const res = await app.inject({ method: 'POST', url: '/api/files', headers: { ...bearer(await tokenOf('congdan')), ...form.headers }, payload: form.payload });
      expect(res.statusCode, res.body).toBe(201);
      return { id: res.json<{ id: string }>().id };
    },
    checks: [
      { route: 'GET /api/files/:id', allowed: ['congdan', 'chuyenvien'], hidden: ['congdan2', 'dangvien', 'admin'] },
      { route: 'GET /api/files/:id/meta', allowed: ['congdan', 'chuyenvien'], hidden: ['congdan2', 'dangvien', 'admin'] },
    ],
  },
  {
    name: 'notification (congdan)',
    create: async () => ({ id: await addToInbox(db, { userId: await userIdOf(db, 'congdan'), kind: 'test', title: 'Thông báo riêng', body: 'Nội dung riêng tư' }) }),
    checks: [{ route: 'POST /api/notifications/:id/read', allowed: ['congdan'], hidden: ['congdan2', 'chuyenvien', 'admin'] }],
  },
  {
    name: 'user account (chuyenvien, Sở Tư pháp)',
    create: async () => ({ id: await userIdOf(db, 'chuyenvien') }),
    checks: [{ route: 'GET /api/users/:id', allowed: ['lanhdao', 'admin'], hidden: ['ld.sxd', 'lanhdaotinh'] }],
  },
  {
    name: 'feedback report, not yet moderated (congdan, secret)',
    create: async () => {
      const res = await app.inject({ method: 'POST', url: '/api/feedback/reports', headers: bearer(await tokenOf('congdan')), payload: reportBody() });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<{ id: string }>().id;
      return { id, ref: id, action: 'rate' };
    },
    checks: [
      { route: 'GET /api/feedback/reports/:id', allowed: ['congdan', 'kiemduyet'], hidden: ['congdan2', 'chuyenvien', 'cb.sxd.1', 'admin'] },
      { route: 'GET /api/feedback/public/reports/:ref', hidden: ['congdan2', 'chuyenvien'] },
      { route: 'POST /api/feedback/reports/:id/rate', hidden: ['congdan2'], body: { rating: 5 } },
    ],
  },
  {
    name: 'Party cell (Chi bộ Sở Tư pháp)',
    create: async () => ({ id: (await db.query<{ id: string }>(`SELECT id FROM party_orgs WHERE code = 'CB-80-STP'`)).rows[0]!.id }),
    checks: [{ route: 'GET /api/party-orgs/:id', allowed: ['dangvien', 'tinhuy'], hidden: ['dangbo.cqd'] }],
  },
];

const send = async (check: Check, values: Values, username: string) => {
  const [method, url] = check.route.split(' ') as [string, string];
  return app.inject({
    method: method as 'GET',
    url: fillPath(url, (name) => values[name] ?? 'missing-value'),
    headers: bearer(await tokenOf(username)),
    ...(isWrite(method) ? { payload: check.body ?? {} } : {}),
  });
};

describe.each(RESOURCES.map((r) => [r.name, r] as const))('%s', (_name, resource) => {
  let values: Values;
  it('exists through its routes', async () => {
    values = await resource.create();
    for (const check of resource.checks) expect(routeKeys.has(check.route), `${check.route} is not a route of the app`).toBe(true);
  });

  it.each(resource.checks.map((c) => [c.route, c] as const))('%s: hidden from the wrong callers (404, nothing written), open to the right ones', async (_route, check) => {
    for (const username of check.hidden) {
      await tokenOf(username);
      const before = await fingerprintOf(db);
      const res = await send(check, values, username);
      expect(res.statusCode, `${username}: ${res.body}`).toBe(404);
      expectProblem(res, 404);
      expect(changedTables(before, await fingerprintOf(db)), `${username} changed data`).toEqual([]);
    }
    for (const username of check.allowed ?? []) {
      const res = await send(check, values, username);
      expect(res.statusCode, `${username}: ${res.body}`).toBeLessThan(300);
    }
  });
});

describe('drafts', () => {
  // A draft is the citizen's unsent work: staff of the handling agency and the one-stop centre must
  // not learn that it exists (services/dossiers/access.ts, canRead).
  it('a draft is hidden from the handling agency and the one-stop centre until it is filed', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(await tokenOf('congdan')), payload: { procedureCode: justice, submit: false } });
    const id = res.json<{ id: string }>().id;
    for (const username of ['chuyenvien', 'lanhdao', 'motcua']) {
      expectProblem(await app.inject({ method: 'GET', url: `/api/dossiers/${id}`, headers: bearer(await tokenOf(username)) }), 404);
      expectProblem(await app.inject({ method: 'POST', url: `/api/dossiers/${id}/actions/receive`, headers: bearer(await tokenOf(username)), payload: {} }), 404);
    }
  });
});
