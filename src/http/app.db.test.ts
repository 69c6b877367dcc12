import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../test/helpers/app.ts';
import { createTestDb } from '../../test/helpers/db.ts';
import { PROBLEMS } from '../platform/http/problems.ts';
import type { Db } from '../platform/db/pool.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb('base'));
  app = await buildTestApp(db);
});

describe('health', () => {
  it('answers /healthz and /readyz on a migrated database', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while a migration is pending', async () => {
    const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name DESC LIMIT 1');
    const last = rows[0]!;
    await db.query('DELETE FROM schema_migrations WHERE name = $1', [last.name]);
    try {
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'migrations-pending', pending: [last.name] });
    } finally {
      await db.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [last.name, last.checksum]);
    }
  });
});

describe('problem+json for every error', () => {
  it('answers an unknown API route with 404', async () => {
    const body = expectProblem(await app.inject('/api/does-not-exist'), 404);
    expect(body.type).toBe('/problems/not-found');
    expect(body.title).toBe('Không tìm thấy');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expectProblem(res, 400);
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expectProblem(res, 415);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }) });
    expectProblem(res, 413);
  });

  it('documents every problem type', async () => {
    for (const code of Object.keys(PROBLEMS)) {
      const res = await app.inject(`/problems/${code}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ type: `/problems/${code}`, title: PROBLEMS[code as keyof typeof PROBLEMS].title });
    }
    expectProblem(await app.inject('/problems/nope'), 400);
  });

  it('carries the request id, and echoes a given one', async () => {
    const res = await app.inject({ url: '/api/nope', headers: { 'x-request-id': 'req-12345678' } });
    expect(res.json().requestId).toBe('req-12345678');
  });
});

describe('OpenAPI', () => {
  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/calendar/convert', '/api/admin-units/provinces', '/api/files']));
    expect(doc.paths['/api/calendar/convert'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['solar', 'lunar', 'leap']));
  });

  it('serves the documentation page', async () => {
    const res = await app.inject('/docs/');
    expect([200, 302]).toContain(res.statusCode);
  });
});

describe('security headers', () => {
  it('sends a CSP without inline scripts, nosniff and frame protection', async () => {
    const res = await app.inject('/healthz');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });
});
