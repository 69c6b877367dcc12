import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseKeyOf } from './pool.ts';

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
