import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';
import { insertFixtureProcedure } from '../services/dossiers/testing.ts';
import { measureOverviewLatency } from './bench.ts';
import { foldIocChanges } from './rollups.ts';
import { extractPdfText } from '../../platform/pdf/testing/pdf-text.ts';
import { idOf, insertDossier } from './testing/fixtures.ts';

/**
 * `/api/ioc` over HTTP: every endpoint × role (province leader all, agency leader only their
 * agency → other agencies 404, officers and citizens 403, nobody 401), bad input (400, nothing
 * written), freshness of `dossiers.received`, and the report files.
 */
let app: FastifyInstance;
let db: Db;
const tokens: Record<string, string> = {};
let stp: string;
let sxd: string;
let procedure: string;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['lanhdaotinh', 'lanhdao', 'chuyenvien', 'congdan', 'motcua']) tokens[u] = await loginAs(app, u);
  stp = await idOf(db, 'agencies', 'code', '000.00.04.H59');
  sxd = await idOf(db, 'agencies', 'code', '000.00.06.H59');
  procedure = await insertFixtureProcedure(db);
});

const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: who ? bearer(tokens[who]!) : {} });

const ENDPOINTS = () => [
  '/api/ioc/overview',
  `/api/ioc/agencies/${stp}`,
  `/api/ioc/agencies/${stp}/procedures/${procedure}/dossiers`,
  '/api/ioc/index-766',
  '/api/ioc/alerts',
  '/api/ioc/alert-settings',
  '/api/ioc/reports/monthly.xlsx',
  '/api/ioc/reports/monthly.pdf',
];

describe('/api/ioc access', () => {
  it('answers province leaders on every endpoint, and the agency leader on their own agency', async () => {
    for (const url of ENDPOINTS()) {
      expect((await get(url, 'lanhdaotinh')).statusCode, url).toBe(200);
      expect((await get(url, 'lanhdao')).statusCode, url).toBe(200);
    }
    const mine = (await get('/api/ioc/overview', 'lanhdao')).json<{ scope: { kind: string; agencyId: string } }>();
    expect(mine.scope).toEqual(expect.objectContaining({ kind: 'agency', agencyId: stp }));
    const all = (await get('/api/ioc/overview', 'lanhdaotinh')).json<{ scope: { kind: string } }>();
    expect(all.scope.kind).toBe('province');
  });

  it("answers 404 for another agency's figures to an agency leader", async () => {
    for (const url of [`/api/ioc/overview?agencyId=${sxd}`, `/api/ioc/agencies/${sxd}`, `/api/ioc/agencies/${sxd}/procedures/${procedure}/dossiers`,
      `/api/ioc/index-766?agencyId=${sxd}`, `/api/ioc/reports/monthly.pdf?agencyId=${sxd}`, `/api/ioc/reports/monthly.xlsx?agencyId=${sxd}`]) {
      expectProblem(await get(url, 'lanhdao'), 404);
    }
    expect((await get(`/api/ioc/agencies/${sxd}`, 'lanhdaotinh')).statusCode).toBe(200);
  });

  it('refuses officers and citizens (403) and anonymous callers (401) before reading input', async () => {
    for (const url of [...ENDPOINTS(), '/api/ioc/overview?period=bogus']) {
      for (const who of ['chuyenvien', 'motcua', 'congdan']) expectProblem(await get(url, who), 403);
      expectProblem(await get(url), 401);
    }
  });

  it('answers 400 for bad input', async () => {
    for (const url of ['/api/ioc/overview?period=week', '/api/ioc/overview?at=2026-13-01', '/api/ioc/overview?agencyId=x', '/api/ioc/agencies/not-a-uuid',
      '/api/ioc/index-766?period=year', `/api/ioc/agencies/${stp}/procedures/${procedure}/dossiers?pageSize=0`, '/api/ioc/reports/monthly.pdf?month=2026-13']) {
      expectProblem(await get(url, 'lanhdaotinh'), 400);
    }
    expectProblem(await get(`/api/ioc/overview?agencyId=${'0'.repeat(8)}-0000-7000-8000-000000000000`, 'lanhdaotinh'), 404);
  });

  it('lets province leaders change the alert threshold (audited); agency leaders may not; bad values change nothing', async () => {
    const patch = (who: string, payload: unknown) => app.inject({ method: 'PATCH', url: '/api/ioc/alert-settings', headers: bearer(tokens[who]!), payload: payload as object });
    expectProblem(await patch('lanhdao', { onTimeThreshold: 0.5 }), 403);
    expectProblem(await patch('congdan', { onTimeThreshold: 0.5 }), 403);
    for (const bad of [{ onTimeThreshold: 2 }, { onTimeThreshold: 'x' }, {}, { other: 1 }]) expectProblem(await patch('lanhdaotinh', bad), 400);
    expect((await get('/api/ioc/alert-settings', 'lanhdao')).json()).toEqual({ onTimeThreshold: 0.95, dailyEmail: true });
    const ok = await patch('lanhdaotinh', { onTimeThreshold: 0.9 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ onTimeThreshold: 0.9, dailyEmail: true });
    const audit = await db.query("SELECT actor_name FROM audit_log WHERE action = 'ioc.alert-settings.update'");
    expect(audit.rows).toEqual([{ actor_name: 'lanhdaotinh' }]);
    expect((await get('/api/ioc/alerts', 'lanhdaotinh')).json<{ threshold: number }>().threshold).toBe(0.9);
  });
});

describe('/api/ioc figures', () => {
  it('counts a new dossier in dossiers.received of the current month once the rollup step has run', async () => {
    const received = async () => (await get('/api/ioc/overview', 'lanhdaotinh')).json<{ dossiers: { received: number } }>().dossiers.received;
    await foldIocChanges(db);
    const before = await received();
    const owner = await idOf(db, 'users', 'username', 'congdan');
    await insertDossier(db, { agencyId: stp, procedureCode: procedure, ownerId: owner, status: 1, submittedAt: new Date().toISOString(), dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    expect(await received()).toBe(before); // the dashboard reads only the rollups
    await foldIocChanges(db);
    expect(await received()).toBe(before + 1);
    const mine = (await get('/api/ioc/overview', 'lanhdao')).json<{ dossiers: { received: number; inProgress: number } }>();
    expect(mine.dossiers.received).toBe(before + 1);
    const other = (await get(`/api/ioc/overview?agencyId=${sxd}`, 'lanhdaotinh')).json<{ dossiers: { received: number } }>();
    expect(other.dossiers.received).toBe(0);
  });

  it('exports the monthly report as a PDF that reads right and as Excel', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const pdf = await get(`/api/ioc/reports/monthly.pdf?month=${month}`, 'lanhdaotinh');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`bao-cao-${month}.pdf`);
    const text = extractPdfText(pdf.rawPayload);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH TÂY NINH');
    expect(text).toMatch(/Tây Ninh, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(text).toContain(`tháng ${Number(month.slice(5))} năm ${month.slice(0, 4)}`);
    expect(text).toContain('Sở Tư pháp');
    expect(text).not.toContain('\uFFFD');
    const mine = extractPdfText((await get(`/api/ioc/reports/monthly.pdf?month=${month}`, 'lanhdao')).rawPayload);
    expect(mine).toContain('SỞ TƯ PHÁP');
    expect(mine).not.toContain('Sở Xây dựng');
    const xlsx = await get(`/api/ioc/reports/monthly.xlsx?month=${month}`, 'lanhdaotinh');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('measures the overview latency for the bench', async () => {
    const r = await measureOverviewLatency(app, tokens.lanhdaotinh!, { requests: 20, concurrency: 2, warmup: 2 });
    expect(r.requests).toBe(20);
    expect(r.p95).toBeGreaterThan(0);
    expect(r.received).toBeGreaterThan(0);
  });
});
