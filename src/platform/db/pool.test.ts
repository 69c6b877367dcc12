import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPool, databaseKeyOf, SERVER_IDLE_MS } from './pool.ts';

describe('databaseKeyOf', () => {
  it('names a database the same from a pool and from a client, over TCP or a Unix socket', async () => {
    for (const [url, key] of [
      ['postgres://u:p@127.0.0.1:5433/tinhso', '127.0.0.1:5433/tinhso'],
      ['postgres://u:p@%2Fsrv%2Fdata%2Fpg:5433/tinhso', '/srv/data/pg:5433/tinhso'],
    ] as const) {
      const pool = new pg.Pool({ connectionString: url });
      expect(databaseKeyOf(pool)).toBe(key);
      expect(databaseKeyOf(new pg.Client({ connectionString: url }))).toBe(key);
      await pool.end();
    }
  });
});

describe('createPool', () => {
  it("keeps pg's 10 s for short-lived pools, the server's lull of minutes when asked, and never holds a process open", async () => {
    const short = createPool('postgres://u:p@127.0.0.1:5433/tinhso', 3) as pg.Pool & { options: pg.PoolConfig };
    const serving = createPool('postgres://u:p@127.0.0.1:5433/tinhso', 10, undefined, { idleTimeoutMillis: SERVER_IDLE_MS }) as pg.Pool & { options: pg.PoolConfig };
    expect(short.options).toMatchObject({ max: 3, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    expect(serving.options).toMatchObject({ max: 10, idleTimeoutMillis: SERVER_IDLE_MS, allowExitOnIdle: true });
    expect(SERVER_IDLE_MS).toBeGreaterThanOrEqual(60_000);
    await short.end();
    await serving.end();
  });
});
