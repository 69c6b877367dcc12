import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { Role } from '../../src/platform/auth/scopes.ts';
import { buildTestApp, testConfig } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { sessionFor, oneUserPerRole } from './callers.ts';
import { apiRoutes, type ApiRoute, CALLERS, type Caller, expectedVerdict, fillPath, isApiPath, isWrite } from './routes.ts';

/**
 * The authorisation matrix: every API route, read from the running app, × every role (and no
 * session at all). What each caller must get follows from the route's declared access and the
 * role's scopes (src/platform/auth/scopes.ts) alone, so a new route or role is covered the moment
 * it exists. The request carries nonsense parameters and body: the access check comes before
 * validation, so a refused caller gets 401/403, and an allowed one never does.
 */
const { db } = await createTestDb('demo');
const app = await buildTestApp(db);
const routes = apiRoutes(app);
const users = await oneUserPerRole(db);

type Problem = { type?: string; requiredScopes?: string[] };
const problemOf = (res: LightMyRequestResponse): Problem | undefined =>
  /^application\/problem\+json/.test(String(res.headers['content-type'])) ? res.json<Problem>() : undefined;

/**
 * What the access layer itself answered: 401, or a 403 naming the scopes the declaration asks for
 * (a handler may still refuse with a 403 of its own, e.g. counter intake outside a one-stop centre).
 */
const accessRefusal = (res: LightMyRequestResponse) => {
  const problem = problemOf(res);
  if (res.statusCode === 401 && problem?.type === '/problems/unauthenticated') return 'unauthenticated';
  if (res.statusCode === 403 && problem?.type === '/problems/forbidden' && problem.requiredScopes) return 'forbidden';
  if (res.statusCode === 403 && problem?.type === '/problems/csrf-failed') return 'csrf';
  return undefined;
};

const callAsJunk = async (route: ApiRoute, caller: Caller) => {
  // A fresh session per call: some routes (logout, logout-all) end the session they are called with.
  const headers: Record<string, string> = caller === 'anonymous' ? {} : { authorization: `Bearer ${(await sessionFor(app, users[caller as Role])).token}` };
  return app.inject({
    method: route.method as 'GET',
    url: fillPath(route.url, () => 'x'),
    headers,
    ...(isWrite(route.method) ? { payload: { 'không-hợp-lệ': '<script>' } } : {}),
  });
};

describe('route declarations', () => {
  it('finds the API routes of every module in the running app', () => {
    const keys = routes.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/dossiers/:id', 'POST /api/files', 'PATCH /api/users/:id']));
    expect(routes.length).toBeGreaterThan(40);
  });

  it('has no route without a declaration except the documentation pages and the built web files', () => {
    const webDist = path.resolve('web/dist');
    const undeclared = app.declaredRoutes.filter((r) => r.access === undefined);
    const unexplained = undeclared.filter((r) => {
      if (isApiPath(r.url) || !['GET', 'HEAD'].includes(r.method)) return true;
      if (r.url === '/docs' || r.url.startsWith('/docs/')) return false;
      return !existsSync(path.join(webDist, r.url));
    });
    expect(unexplained.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('refuses to start an app with an API route that declares nothing', async () => {
    const bare = await buildApp({ config: testConfig(), db, logger: false });
    try {
      await expect(
        (async () => {
          bare.post('/api/matrix-undeclared', async () => 'x');
          bare.get('/open311/v2/matrix-undeclared.json', async () => 'x');
          await bare.ready();
        })(),
      ).rejects.toThrow(/declares no access/);
    } finally {
      await bare.close().catch(() => undefined);
    }
  });
});

describe('every route × every role', () => {
  it.each(routes.map((r) => [r.key, r] as const))('%s', async (_key, route) => {
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const verdict = expectedVerdict(route.access, caller);
      const res = await callAsJunk(route, caller);
      const refusal = accessRefusal(res);
      const got = `${res.statusCode} ${problemOf(res)?.type ?? res.headers['content-type']}`;
      if (res.statusCode >= 500) wrong.push(`${caller}: ${got} (server error)`);
      else if (verdict === 'allow' && refusal) wrong.push(`${caller}: expected to pass the access check, got ${got}`);
      else if (verdict !== 'allow' && refusal !== verdict) wrong.push(`${caller}: expected the access check to answer ${verdict}, got ${got}`);
      else if (verdict === 'forbidden' && typeof route.access === 'object') {
        expect(problemOf(res)?.requiredScopes, `${route.key} as ${caller}`).toEqual(route.access.anyOf);
      }
    }
    expect(wrong, `declared access ${JSON.stringify(route.access)}`).toEqual([]);
  });

  it('answers 401 to a revoked, an expired and a forged token on every non-public route', async () => {
    const revoked = await sessionFor(app, users.admin);
    await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [users.admin]);
    const expired = await sessionFor(app, users.citizen);
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [users.citizen]);
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public')) {
      for (const token of [revoked.token, expired.token, 'Zm9yZ2VkLXRva2VuLW5vdC1pc3N1ZWQtYnktdXM']) {
        const res = await app.inject({ method: route.method as 'GET', url: fillPath(route.url, () => 'x'), headers: { authorization: `Bearer ${token}` } });
        if (res.statusCode !== 401) wrong.push(`${route.key}: ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
