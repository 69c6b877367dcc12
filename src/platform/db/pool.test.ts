import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPool, databaseKeyOf } from './pool.ts';

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
  it('keeps idle connections through a lull of minutes and never holds a command-line run open', async () => {
    const pool = createPool('postgres://u:p@127.0.0.1:5433/tinhso', 3) as pg.Pool & { options: pg.PoolConfig };
    expect(pool.options.max).toBe(3);
    expect(pool.options.idleTimeoutMillis).toBeGreaterThanOrEqual(60_000);
    expect(pool.options.allowExitOnIdle).toBe(true);
    await pool.end();
  });
});
