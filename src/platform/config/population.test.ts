import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

/** The message loadConfig stops with, or '' when the environment is accepted. */
const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};
const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://x@localhost/db' };

describe('population database configuration', () => {
  it('is off by default, and takes a URL, a key and a time limit', () => {
    expect(loadConfig({}).population).toEqual({ url: undefined, apiKey: undefined, timeoutMs: 5000 });
    const c = loadConfig({ POPULATION_API_URL: 'https://dancu.example.gov.vn/api', POPULATION_API_KEY: 'k'.repeat(16), POPULATION_API_TIMEOUT_MS: '2000' });
    expect(c.population).toEqual({ url: 'https://dancu.example.gov.vn/api', apiKey: 'k'.repeat(16), timeoutMs: 2000 });
    expect(loadConfig({ POPULATION_API_URL: 'demo' }).population.url).toBe('demo');
  });

  it('names the variable that is wrong', () => {
    expect(refusal({ POPULATION_API_URL: 'not a url' })).toMatch(/POPULATION_API_URL/);
    expect(refusal({ POPULATION_API_KEY: 'short' })).toMatch(/POPULATION_API_KEY/);
    expect(refusal({ POPULATION_API_TIMEOUT_MS: '100' })).toMatch(/POPULATION_API_TIMEOUT_MS/);
  });

  it('refuses the demo database, and a URL without its key, in production', () => {
    expect(refusal({ ...PRODUCTION, POPULATION_API_URL: 'demo' })).toMatch(/POPULATION_API_URL: "demo" chỉ dùng khi phát triển/);
    expect(refusal({ ...PRODUCTION, POPULATION_API_URL: 'https://dancu.example.gov.vn/api' })).toMatch(/POPULATION_API_KEY/);
    expect(refusal({ ...PRODUCTION, POPULATION_API_URL: 'https://dancu.example.gov.vn/api', POPULATION_API_KEY: 'k'.repeat(16) })).not.toMatch(/POPULATION/);
  });
});
