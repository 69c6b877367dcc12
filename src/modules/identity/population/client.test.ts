import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationClient, PopulationLookupError, type LookupFailure } from './client.ts';
import { DEMO_ID_NUMBERS, DEMO_POPULATION_RECORDS } from './demo-records.ts';
import { type FakePopulationServer, startFakePopulationServer } from './fake-server.ts';

const KEY = 'province-key-for-tests-0001';
let server: FakePopulationServer;

beforeAll(async () => {
  server = await startFakePopulationServer({ records: DEMO_POPULATION_RECORDS, apiKey: KEY });
});
afterAll(() => server.close());

const failureOf = async (promise: Promise<unknown>): Promise<{ kind: LookupFailure; message: string }> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PopulationLookupError);
  return error as PopulationLookupError;
};

describe('population database client', () => {
  it('looks a person up by ID number, sent in the body with the province’s key', async () => {
    const client = populationClient({ baseUrl: server.url, apiKey: KEY, timeoutMs: 2000 });
    const before = server.lookups();
    expect(await client.lookup(DEMO_ID_NUMBERS.congdan)).toMatchObject({ hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-04-12', thuongTru: { maXa: '25459' } });
    expect(server.lookups()).toBe(before + 1);
  });

  it('says not-found for an unknown number, and never puts the number in its message', async () => {
    const failure = await failureOf(populationClient({ baseUrl: server.url, apiKey: KEY, timeoutMs: 2000 }).lookup('001099999999'));
    expect(failure.kind).toBe('not-found');
    expect(failure.message).not.toContain('001099999999');
  });

  it('says refused for a wrong key, unreachable for a server that is down or not there, timeout for a slow one', async () => {
    expect((await failureOf(populationClient({ baseUrl: server.url, apiKey: 'wrong-key-wrong-key', timeoutMs: 2000 }).lookup(DEMO_ID_NUMBERS.congdan))).kind).toBe('refused');
    server.setDown(true);
    try {
      expect((await failureOf(populationClient({ baseUrl: server.url, apiKey: KEY, timeoutMs: 2000 }).lookup(DEMO_ID_NUMBERS.congdan))).kind).toBe('unreachable');
    } finally {
      server.setDown(false);
    }
    expect((await failureOf(populationClient({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY, timeoutMs: 2000 }).lookup(DEMO_ID_NUMBERS.congdan))).kind).toBe('unreachable');
    server.setDelay(800);
    try {
      const started = Date.now();
      expect((await failureOf(populationClient({ baseUrl: server.url, apiKey: KEY, timeoutMs: 300 }).lookup(DEMO_ID_NUMBERS.congdan))).kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(750);
    } finally {
      server.setDelay(0);
    }
  });

  it('says bad-answer when the answer is not a person record for the number asked', async () => {
    const other = await startFakePopulationServer({ records: [{ ...DEMO_POPULATION_RECORDS[0]!, ngaySinh: '12/04/1990' }] });
    try {
      expect((await failureOf(populationClient({ baseUrl: other.url, apiKey: undefined, timeoutMs: 2000 }).lookup(DEMO_ID_NUMBERS.congdan))).kind).toBe('bad-answer');
    } finally {
      await other.close();
    }
  });
});
