import { describe, expect, it } from 'vitest';
import type { ZodObject } from 'zod';
import { fileThroughApi, insertFixtureProcedure, VALID_DATA } from '../../src/modules/services/dossiers/testing.ts';
import { buildTestApp } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { sessionFor, userIdOf } from './callers.ts';
import { apiRoutes, fillPath } from './routes.ts';

/**
 * Public endpoints (no session) expose no personal data: every public GET route of the app, read
 * from the running app, is called with real codes and ids of a filed dossier, and its answer must
 * carry no citizen's name, e-mail, phone number, account id or form data, and no ID-card number.
 */
const { db } = await createTestDb('demo');
const app = await buildTestApp(db);

const procedureCode = await insertFixtureProcedure(db);
const citizen = await sessionFor(app, await userIdOf(db, 'congdan'));
const filed = await fileThroughApi(app, db, citizen.token, procedureCode);
const justiceId = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.04.H59'`)).rows[0]!.id;

/** Values for path parameters: by `<route> <param>` first, then by parameter name. */
const SAMPLES: Record<string, string> = {
  '/api/public/dossiers/:code code': filed.code,
  '/api/public/dossiers/:code/results/:sha256 code': filed.code,
  '/api/procedures/:code code': procedureCode,
  '/api/admin-units/provinces/:code/communes code': '80',
  '/api/admin-units/communes/:code code': (await db.query<{ code: string }>(`SELECT code FROM admin_communes WHERE province_code = '80' LIMIT 1`)).rows[0]!.code,
  sha256: '0'.repeat(64),
  year: '2026',
  agencyId: justiceId,
  id: justiceId,
  oldCommuneCode: (await db.query<{ code: string }>('SELECT code FROM admin_legacy_communes LIMIT 1')).rows[0]!.code,
};

const citizens = (await db.query<{ id: string; full_name: string; email: string | null; phone: string | null }>(
  `SELECT id, full_name, email, phone FROM users WHERE 'citizen' = ANY (roles)`,
)).rows;
const MARKERS = [
  ...citizens.flatMap((c) => [c.full_name, c.full_name.normalize('NFD'), c.email, c.phone, c.id]),
  VALID_DATA.fullName,
  VALID_DATA.birthDate,
].filter((m): m is string => Boolean(m));
/** A 12-digit citizen ID-card number (CCCD): 0, a province code, then digits. */
/** A CCCD number standing alone, not the last group of a UUID (which may be twelve digits). */
const CCCD = /(?<![\w-])0\d{11}(?![\w-])/;

const publicReads = apiRoutes(app).filter((r) => r.access === 'public' && r.method === 'GET');

describe('public endpoints expose no personal data', () => {
  it('include the public tracking of a dossier', () => {
    expect(publicReads.map((r) => r.key)).toContain('GET /api/public/dossiers/:code');
    expect(MARKERS).toContain('Nguyễn Văn An');
  });

  it.each(publicReads.map((r) => [r.key, r] as const))('%s', async (_key, route) => {
    const url = fillPath(route.url, (name) => SAMPLES[`${route.url} ${name}`] ?? SAMPLES[name] ?? 'x');
    const query = route.schema?.querystring as ZodObject | undefined;
    const urls = [url, ...(query?.shape && 'q' in query.shape ? [`${url}?q=${encodeURIComponent(citizens[0]!.full_name)}`] : [])];
    for (const u of urls) {
      const res = await app.inject({ method: 'GET', url: u });
      expect(res.statusCode, `${u}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      const text = res.body;
      for (const marker of MARKERS) expect(text.includes(marker), `${u} answers "${marker}"`).toBe(false);
      expect(CCCD.exec(text)?.[0], `${u} answers an ID-card number`).toBeUndefined();
    }
  });

  it('the tracking answer is the dossier (so the test looks at real data) and names no person', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/public/dossiers/${filed.code}` });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['agencyName', 'code', 'dueAt', 'onTime', 'receivedAt', 'status', 'statusName']);
  });
});
