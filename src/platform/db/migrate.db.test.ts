import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { listMigrations, migrate, pendingMigrations } from './migrate.ts';

describe('migrations', () => {
  it('leaves nothing pending on a migrated database, and a second run applies nothing', async () => {
    const { db } = await createTestDb('base');
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe((await listMigrations()).length);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const { db } = await createTestDb('base');
    const first = (await listMigrations())[0]!;
    await db.query('UPDATE schema_migrations SET checksum = $1 WHERE name = $2', ['edited', first.name]);
    await expect(migrate(db)).rejects.toThrow(/changed after it was applied/);
  });

  it('works on a server without the schema table (fresh database)', async () => {
    const { db } = await createTestDb('base');
    await db.query('DROP TABLE schema_migrations');
    const pending = await pendingMigrations(db);
    expect(pending.length).toBe((await listMigrations()).length);
  });
});
