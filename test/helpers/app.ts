import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, expect } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { loadConfig, type Config } from '../../src/platform/config/index.ts';
import type { Db } from '../../src/platform/db/pool.ts';
import { isMfaAnswer, type MfaAnswer, nextLoginCode } from './second-factor.ts';

export const DEMO_PASSWORD = 'demo1234';

export const testConfig = (overrides: Record<string, string> = {}): Config =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TINHSO_DATA_DIR: '/tmp/tinhso-test-data', ...overrides });

/** The whole app on a test database, closed when the file's tests end. Nothing listens on a port. */
export const buildTestApp = async (db: Db, overrides: Record<string, string> = {}): Promise<FastifyInstance> => {
  const app = await buildApp({ config: testConfig(overrides), db, logger: false });
  await app.ready();
  afterAll(() => app.close());
  return app;
};

/**
 * Signs in with the demo password and returns a bearer token. Staff accounts answer
 * `{ mfaRequired, ticket }`: the helper completes with the current TOTP code of the demo secret
 * (or of the secret offered for enrolment) through `POST /api/auth/totp`.
 */
export const loginAs = async (app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, `login as ${username}: ${res.body}`).toBe(200);
  const body = res.json<{ token: string } | MfaAnswer>();
  if (!isMfaAnswer(body)) return body.token;
  const code = await nextLoginCode(app.db, username, body.enrol?.secret);
  const done = await app.inject({ method: 'POST', url: '/api/auth/totp', payload: { ticket: body.ticket, code } });
  expect(done.statusCode, `second factor of ${username}: ${done.body}`).toBe(200);
  return done.json<{ token: string }>().token;
};

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Asserts an RFC 9457 problem+json answer with this status; returns its body. */
export const expectProblem = (res: LightMyRequestResponse, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ type: string; title: string; status: number; errors?: { field: string; message: string }[] }>();
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^\/problems\//);
  expect(body.title.length).toBeGreaterThan(0);
  return body;
};

export type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;
