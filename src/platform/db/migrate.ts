import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './pool.ts';

/**
 * Plain-SQL migrations. Each module owns a `migrations/` folder beside its code; files are named
 * `YYYYMMDDHHMM_<what>.sql` and applied in name order across all modules, each in a transaction,
 * under an advisory lock so that two starting instances never race. Applied files are recorded
 * with a checksum: editing an applied migration is refused rather than silently ignored.
 */
const SRC_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOCK_KEY = 727_001;

export type Migration = { name: string; file: string; sql: string; checksum: string };

export const listMigrations = async (root = SRC_ROOT): Promise<Migration[]> => {
  const entries = await readdir(root, { recursive: true });
  const files = entries
    .map((e) => e.toString())
    .filter((e) => e.split(path.sep).at(-2) === 'migrations' && e.endsWith('.sql'))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
  return Promise.all(
    files.map(async (rel) => {
      const sql = await readFile(path.join(root, rel), 'utf8');
      return { name: path.basename(rel, '.sql'), file: rel, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
};

const ensureTable = (db: Db) =>
  db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);

export class MigrationError extends Error {}

/** `only`: apply just these migrations (by name), e.g. the schema a backup was made on (platform/backup). */
export type MigrateOptions = { only?: ReadonlySet<string> };

export const migrate = async (db: Db, log: (msg: string) => void = () => undefined, opts: MigrateOptions = {}): Promise<string[]> => {
  const migrations = (await listMigrations()).filter((m) => !opts.only || opts.only.has(m.name));
  const client = await db.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await ensureTable(db);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) throw new MigrationError(`Migration ${m.name} was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(m.name);
      log(`migrated ${m.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
};

/** Names of migrations present in the code but not yet applied (empty = schema current). */
export const pendingMigrations = async (db: Db): Promise<string[]> => {
  const migrations = await listMigrations();
  const exists = await db.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return migrations.map((m) => m.name);
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
};
