import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('gives development defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.isProduction).toBe(false);
    expect(c.seedDemo).toBe(true);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TINHSO_SEED_DEMO: 'maybe' })).toThrow(/TINHSO_SEED_DEMO/);
  });

  it('refuses production without a session secret and says which variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@localhost/db' })).toThrow(/SESSION_SECRET/);
  });

  it('refuses the embedded database in production unless explicitly allowed', () => {
    const secret = 'x'.repeat(40);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret })).toThrow(/DATABASE_URL/);
    const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, TINHSO_ALLOW_EMBEDDED_DB: 'true' });
    expect(c.isProduction).toBe(true);
    expect(c.seedDemo).toBe(false);
    expect(c.sessionSecret).toBe(secret);
  });

  it('runs the API and the background work in one process unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ workerMode: 'shared', workerNice: 10 });
    expect(loadConfig({ TINHSO_WORKER_MODE: 'worker', TINHSO_WORKER_NICE: '19' })).toMatchObject({ workerMode: 'worker', workerNice: 19 });
    expect(() => loadConfig({ TINHSO_WORKER_MODE: 'jobs' })).toThrow(/TINHSO_WORKER_MODE/);
    expect(() => loadConfig({ TINHSO_WORKER_NICE: '20' })).toThrow(/TINHSO_WORKER_NICE/);
    expect(() => loadConfig({ TINHSO_WORKER_NICE: '-5' })).toThrow(/TINHSO_WORKER_NICE/);
  });

  it('refuses a short session secret', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });
});
