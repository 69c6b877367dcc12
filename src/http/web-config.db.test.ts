import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/helpers/app.ts';
import { createTestDb } from '../../test/helpers/db.ts';
import type { Db } from '../platform/db/pool.ts';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb('base'));
});

describe('GET /api/web-config', () => {
  it('gives guests the base map tiles, and lets the page load them (CSP img-src)', async () => {
    const app = await buildTestApp(db);
    const res = await app.inject('/api/web-config');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ map: { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' } });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    // The pages' CSP (the API's own answers allow nothing to load).
    const csp = String((await app.inject('/problems/not-found')).headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org(;|$)/);
  });

  it('answers a null tile URL and allows no outside images when the base map is off', async () => {
    const app = await buildTestApp(db, { MAP_TILE_URL: 'none' });
    const res = await app.inject('/api/web-config');
    expect(res.json()).toEqual({ map: { tileUrl: null, attribution: '' } });
    expect(String((await app.inject('/problems/not-found')).headers['content-security-policy'])).toMatch(/img-src 'self' data: blob:(;|$)/);
  });

  it('is read-only: other methods are refused without writing anything', async () => {
    const app = await buildTestApp(db);
    const res = await app.inject({ method: 'POST', url: '/api/web-config', payload: {} });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
