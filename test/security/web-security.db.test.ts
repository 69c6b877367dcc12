import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { multipartBody, samplePdf, samplePng } from '../../src/platform/files/testing.ts';
import { bearer, buildTestApp, DEMO_PASSWORD, expectProblem, testConfig } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { oneUserPerRole, sessionFor, userIdOf } from './callers.ts';
import { changedTables, fingerprintOf } from './fingerprint.ts';
import { apiRoutes, fillPath, isWrite, rolesAllowed } from './routes.ts';

/**
 * Web security across the whole app: security headers on every kind of answer, CSRF on every
 * cookie-authenticated write route (read from the running app), session fixation and logout,
 * brute-force limits, and uploads that a browser could run (HTML, SVG, polyglots) never served inline.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-websec-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { TINHSO_DATA_DIR: dataDir });
const routes = apiRoutes(app);
const users = await oneUserPerRole(db);

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);
const login = (username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}, remoteAddress?: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password }, ...(remoteAddress ? { remoteAddress } : {}) });
const me = (headers: Record<string, string>) => app.inject({ url: '/api/auth/me', headers });

describe('security headers', () => {
  const expectHardened = (res: LightMyRequestResponse, where: string) => {
    const csp = String(res.headers['content-security-policy'] ?? '');
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc, `${where}: CSP ${csp}`).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp, where).toMatch(/object-src 'none'|default-src 'none'/);
    const framing = /frame-ancestors 'none'|sandbox/.test(csp) || /^(DENY|SAMEORIGIN)$/i.test(String(res.headers['x-frame-options']));
    expect(framing, `${where}: no frame protection`).toBe(true);
    expect(res.headers['x-content-type-options'], where).toBe('nosniff');
    expect(res.headers['referrer-policy'], where).toBeTruthy();
    expect(res.headers['x-powered-by'], where).toBeUndefined();
  };

  it('on every GET route of the API, whatever it answers', async () => {
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const res = await app.inject({ url: fillPath(route.url, () => 'x'), headers: bearer((await sessionFor(app, users.admin)).token) });
      expectHardened(res, route.key);
    }
  });

  it('on errors, health, problem pages, the documentation and the web app', async () => {
    for (const url of ['/healthz', '/readyz', '/problems/not-found', '/api/nope', '/docs/', '/docs/json', ...(existsSync('web/dist/index.html') ? ['/', '/dossiers/abc'] : [])]) {
      expectHardened(await app.inject(url), url);
    }
    const malformed = await app.inject('/api/dossiers/%E0%A4%A');
    expectProblem(malformed, 400);
  });

  it('gives the data answers of the API and Open311 the short strict set, and pages their own', async () => {
    for (const url of ['/api/public/dossiers/KHONG-CO', '/api/web-config', '/open311/v2/services.json', '/api/nope']) {
      const res = await app.inject(url);
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      for (const pageOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection', 'x-dns-prefetch-control', 'x-download-options']) {
        expect(res.headers[pageOnly], `${url} ${pageOnly}`).toBeUndefined();
      }
      expect(res.headers['strict-transport-security'], `${url}: HSTS only in production`).toBeUndefined();
    }
    const page = await app.inject('/problems/not-found');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('adds HSTS and Secure cookies in production', async () => {
    const prod = await buildApp({
      config: testConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-session-secret-of-enough-length-0123', DATABASE_URL: 'postgres://x@127.0.0.1:1/x', TINHSO_DATA_DIR: dataDir }),
      db,
      logger: false,
    });
    try {
      const res = await prod.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'congdan', password: DEMO_PASSWORD } });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
      for (const c of res.cookies) expect(c.secure, c.name).toBe(true);
      expect((await prod.inject('/healthz')).headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
      expect((await prod.inject('/open311/v2/services.json')).headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    } finally {
      await prod.close();
    }
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  const writes = routes.filter((r) => isWrite(r.method) && r.access !== 'public');

  it('sets the session cookie httpOnly and SameSite, and the CSRF cookie readable by the web app', async () => {
    const res = await login('congdan');
    expect(cookieOf(res, 'tinhso_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookieOf(res, 'tinhso_csrf')?.httpOnly).toBeFalsy();
  });

  it('refuses every write route without or with a wrong x-csrf-token (403), and writes nothing', async () => {
    expect(writes.length).toBeGreaterThan(15);
    const wrong: string[] = [];
    for (const route of writes) {
      const session = await sessionFor(app, users[rolesAllowed(route.access)[0]!]);
      const before = await fingerprintOf(db);
      for (const csrf of [undefined, 'forged-csrf-token-0123456789', `${session.csrfToken}x`]) {
        const headers: Record<string, string> = { cookie: `tinhso_session=${session.token}`, ...(csrf ? { 'x-csrf-token': csrf } : {}) };
        const res = await app.inject({ method: route.method as 'POST', url: fillPath(route.url, () => 'x'), headers, payload: {} });
        if (res.statusCode !== 403 || res.json().type !== '/problems/csrf-failed') wrong.push(`${route.key} (csrf ${csrf ?? 'none'}): ${res.statusCode}`);
      }
      const changed = changedTables(before, await fingerprintOf(db));
      if (changed.length) wrong.push(`${route.key} wrote ${changed.join(', ')}`);
      const right = await app.inject({
        method: route.method as 'POST',
        url: fillPath(route.url, () => 'x'),
        headers: { cookie: `tinhso_session=${session.token}`, 'x-csrf-token': session.csrfToken },
        payload: {},
      });
      if (right.statusCode === 403 && right.json().type === '/problems/csrf-failed') wrong.push(`${route.key}: refused the right token`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('sessions', () => {
  it('never adopts a planted cookie: a login issues a new token and ends the planted session', async () => {
    const attacker = await sessionFor(app, await userIdOf(db, 'congdan2'));
    const res = await login('congdan', DEMO_PASSWORD, { cookie: `tinhso_session=${attacker.token}` });
    expect(res.statusCode).toBe(200);
    const fresh = cookieOf(res, 'tinhso_session')!.value;
    expect(fresh).not.toBe(attacker.token);
    expect(res.json().token).toBe(fresh);
    expectProblem(await me(bearer(attacker.token)), 401);
    expect((await me(bearer(fresh))).json().user.username).toBe('congdan');
    // An invented token is not taken either.
    const invented = 'invented-session-token-abcdefghijklmnop';
    const again = await login('congdan', DEMO_PASSWORD, { cookie: `tinhso_session=${invented}` });
    expect(cookieOf(again, 'tinhso_session')!.value).not.toBe(invented);
  });

  it('logout ends the session for cookie and bearer alike and clears both cookies; logout-all ends every device', async () => {
    const a = (await login('congdan2')).json<{ token: string; csrfToken: string }>();
    const b = (await login('congdan2')).json<{ token: string }>();
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `tinhso_session=${a.token}`, 'x-csrf-token': a.csrfToken } });
    expect(out.statusCode).toBe(204);
    for (const name of ['tinhso_session', 'tinhso_csrf']) expect(new Date(cookieOf(out, name)!.expires!).getTime(), name).toBeLessThan(Date.now());
    expectProblem(await me({ cookie: `tinhso_session=${a.token}` }), 401);
    expectProblem(await me(bearer(a.token)), 401);
    expect((await me(bearer(b.token))).statusCode).toBe(200);

    const c = (await login('congdan2')).json<{ token: string }>();
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: bearer(c.token) })).statusCode).toBe(204);
    for (const token of [b.token, c.token]) expectProblem(await me(bearer(token)), 401);
  });
});

describe('brute-force limits', () => {
  it('lets at most 5 wrong passwords per account through, from any address, then 429 even for the right one', async () => {
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => login('chuyenvien', `sai-${i}`, {}, `10.0.0.${i + 1}`)));
    expect(tries.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    const limited = tries.filter((r) => r.statusCode === 429);
    expect(limited.length).toBeGreaterThanOrEqual(7);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await login('chuyenvien', DEMO_PASSWORD, {}, '10.0.1.1'), 429);
  });

  it('stops one address guessing across accounts after 5 failures', async () => {
    const names = ['motcua', 'lanhdao', 'lanhdaotinh', 'dangvien', 'tinhuy', 'cb.sxd.1'];
    const results = [];
    for (const n of names) results.push((await login(n, 'khong-dung', {}, '10.9.9.9')).statusCode);
    expect(results).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('stops guessing a one-time code after 5 tries', async () => {
    const phone = '0987000111';
    expect((await app.inject({ method: 'POST', url: '/api/auth/signup/start', payload: { phone }, remoteAddress: '10.7.0.1' })).statusCode).toBe(202);
    const statuses = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/signup/verify', payload: { phone, code: String(100000 + i), password: 'mat-khau-dai-1234', fullName: 'Người Thử' }, remoteAddress: `10.7.1.${i}` });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('uploads a browser could run are never served inline', () => {
  const HTML = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
  const upload = async (bytes: Buffer, name: string) => {
    const form = await multipartBody({ bytes, name, type: 'text/html' });
    return app.inject({ method: 'POST', url: '/api/files', headers: { ...bearer((await sessionFor(app, users.citizen)).token), ...form.headers }, payload: form.payload });
  };

  it.each([
    ['HTML', Buffer.from(HTML), 'trang.html'],
    ['HTML named .pdf', Buffer.from(HTML), 'don.pdf'],
    ['SVG with script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'), 'anh.svg'],
    ['XHTML', Buffer.from('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'), 'x.xhtml'],
    ['PDF header with HTML inside', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(HTML), samplePdf()]), 'polyglot.pdf'],
    ['PNG with HTML in its first bytes', Buffer.concat([samplePng().subarray(0, 33), Buffer.from(`<html><script>alert(1)</script>`), samplePng().subarray(33)]), 'polyglot.png'],
  ])('refuses %s (415) and stores nothing', async (_kind, bytes, name) => {
    const before = (await db.query('SELECT count(*)::int AS n FROM files')).rows[0].n;
    expectProblem(await upload(bytes, name), 415);
    expect((await db.query('SELECT count(*)::int AS n FROM files')).rows[0].n).toBe(before);
  });

  it('serves an accepted file with HTML hidden past its head as an attachment of its sniffed type, sandboxed', async () => {
    const tail = Buffer.from(`${' '.repeat(2048)}<html><script>alert(1)</script></html>`);
    for (const [bytes, name] of [[Buffer.concat([samplePng(), tail]), '../../etc/x.html'], [Buffer.concat([samplePdf(), tail]), 'a\r\nContent-Type: text/html.pdf']] as const) {
      const res = await upload(bytes, name);
      expect(res.statusCode, res.body).toBe(201);
      const file = await app.inject({ url: `/api/files/${res.json().id}`, headers: bearer((await sessionFor(app, users.citizen)).token) });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toMatch(/^(image\/png|application\/pdf)$/);
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="[^"\r\n/\\]*"; filename\*=UTF-8''[^\s/\\]*$/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toMatch(/sandbox/);
    }
  });
});
