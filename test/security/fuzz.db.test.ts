import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { testConfig } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { buildWorld, caseArb, hugeCase } from './fuzz-cases.ts';
import { fuzzRoute } from './fuzz-run.ts';
import { apiRoutes, isOpen311, isWrite } from './routes.ts';

/**
 * Fuzzing every write endpoint and every Open311 endpoint of the running app with fast-check:
 * bodies shaped by each route's own schema and hostile ones, query strings, headers, path
 * parameters, sessions by bearer and by cookie. No answer may be a 5xx, every 4xx is problem+json
 * (Open311: its error list), and a refused request leaves the database as it was.
 *
 * `npm test` runs FUZZ_RUNS=200 cases per endpoint with a fixed seed; `npm run fuzz` runs 10,000
 * with a fresh seed (printed, so a failure can be replayed with FUZZ_SEED=<seed>). Set
 * FUZZ_ONLY=<part of a route> to fuzz only the matching routes.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20_261_205);
/** 10 MB bodies are slow to build and send: a few routes in `npm test`, every one in `npm run fuzz`. */
const HUGE_ROUTES = RUNS >= 1000 ? undefined : new Set(['POST /api/dossiers', 'POST /api/files', 'POST /api/auth/login']);

const dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-fuzz-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const { db } = await createTestDb('demo');
// Errors the server logs, by request id, so that a 5xx is reported with its cause.
const serverErrors = new Map<string, string>();
const errorLog = new PassThrough();
createInterface({ input: errorLog }).on('line', (line) => {
  const entry = JSON.parse(line) as { reqId?: string; msg?: string; err?: { type?: string; message?: string; stack?: string } };
  const where = entry.err?.stack?.split('\n').slice(1, 3).join(' ').trim() ?? '';
  if (entry.reqId) serverErrors.set(entry.reqId, entry.err ? `${entry.err.type}: ${entry.err.message} ${where}` : (entry.msg ?? line));
});
// The fuzzer is one address sending thousands of requests: exempt it from the per-address limits.
const app = await buildApp({ config: testConfig({ RATE_LIMIT_ALLOW: '127.0.0.1', TINHSO_DATA_DIR: dataDir, LOG_LEVEL: 'error' }), db, logStream: errorLog });
await app.ready();
afterAll(() => app.close());
const world = await buildWorld(app, db);
const targets = apiRoutes(app).filter((r) => (isWrite(r.method) || isOpen311(r.url)) && r.key.includes(process.env.FUZZ_ONLY ?? ''));

describe(`fuzz (${RUNS} cases per endpoint, seed ${SEED})`, () => {
  it.skipIf(process.env.FUZZ_ONLY)('covers every write endpoint', () => {
    expect(targets.length).toBeGreaterThan(20);
    expect(targets.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/dossiers', 'POST /api/files', 'PATCH /api/users/:id', 'POST /api/payments/callback']));
  });

  it.each(targets.map((r) => [r.key, r] as const))(
    '%s',
    async (_key, route) => {
      // Each route its own seed, the same however many routes there are.
      const seed = (SEED + Number.parseInt(createHash('sha256').update(route.key).digest('hex').slice(0, 8), 16)) % 2 ** 31;
      const cases = fc.sample(caseArb(route, world), { numRuns: RUNS, seed });
      if (!HUGE_ROUTES || HUGE_ROUTES.has(route.key)) cases.push(hugeCase(route, world));
      const result = await fuzzRoute(app, route, world, cases, (id) => serverErrors.get(id));
      expect(result.cases).toBeGreaterThanOrEqual(RUNS);
      expect(result.failures, `seed ${seed}; statuses ${JSON.stringify(result.statuses)}`).toEqual([]);
    },
    60_000 + RUNS * 200,
  );

  it('leaves no half-received upload behind', () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });
});
