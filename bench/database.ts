import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDemoProvince } from '../src/generate/cli.ts';
import { generatedRun, generateProvince, type GenerateSummary } from '../src/generate/generate-province.ts';
import { vietnamToday } from '../src/generate/options.ts';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createPool, type Db } from '../src/platform/db/pool.ts';

/**
 * The database the bench measures on: DATABASE_URL's (created when missing; `fresh` drops and
 * recreates it), or an embedded PostgreSQL in a temporary directory, removed afterwards. It holds
 * the generated province at the asked scale: generated now, or — with DATABASE_URL — reused when
 * an earlier run generated the same scale and seed (then the import rate is the one recorded).
 */
export type BenchDatabase = { url: string; db: Db; run: GenerateSummary; generatedNow: boolean; embedded: boolean; close: () => Promise<void> };

export type BenchDatabaseOptions = { scale: number; seed: number; fresh: boolean; log: (m: string) => void };

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const adminQuery = async (url: string, sql: string) => {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
};

const ensureDatabase = async (url: string, fresh: boolean) => {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench: database name "${name}" must be a plain identifier`);
  if (fresh) await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    await adminQuery(url, `CREATE DATABASE ${name}`);
  }
};

const fill = async (db: Db, o: BenchDatabaseOptions): Promise<{ run: GenerateSummary; generatedNow: boolean }> => {
  await migrate(db);
  const earlier = await generatedRun(db);
  if (earlier) {
    if (earlier.scale !== o.scale || earlier.seed !== o.seed) {
      throw new Error(`bench: the database holds scale ${earlier.scale} (seed ${earlier.seed}), not ${o.scale}; add --fresh to regenerate`);
    }
    o.log(`reusing the province generated at scale ${earlier.scale} on ${earlier.until} (${earlier.totalRows} rows in ${earlier.seconds} s)`);
    return { run: earlier, generatedNow: false };
  }
  await prepareDemoProvince(db);
  const run = await generateProvince(db, { scale: o.scale, seed: o.seed, until: vietnamToday(), log: o.log });
  return { run, generatedNow: true };
};

export const openBenchDatabase = async (o: BenchDatabaseOptions): Promise<BenchDatabase> => {
  const given = process.env.DATABASE_URL;
  if (given) {
    await ensureDatabase(given, o.fresh);
    const db = createPool(given, 4);
    try {
      return { url: given, db, ...(await fill(db, o)), embedded: false, close: () => db.end() };
    } catch (error) {
      await db.end();
      throw error;
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tinhso-bench-'));
  chmodSync(dir, 0o755);
  const embedded = await startEmbedded({ dataDir: dir });
  const db = createPool(embedded.url, 4);
  const close = async () => {
    await db.end().catch(() => undefined);
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { url: embedded.url, db, ...(await fill(db, o)), embedded: true, close };
  } catch (error) {
    await close();
    throw error;
  }
};

/**
 * Vacuums the tables earlier loads left dead rows in (the job outbox and queue, the operations
 * centre's deltas, …) when the server's autovacuum is off, as on this machine's CI server: left
 * alone they pile up run after run (150,000 dead outbox rows after a few filing runs, which the
 * relay then steps over) and each figure measures the litter of the runs before it. A server
 * with autovacuum on, as any production one, is left to it. Returns the tables vacuumed.
 */
export const vacuumWithoutAutovacuum = async (db: Db): Promise<string[]> => {
  const { rows: setting } = await db.query<{ autovacuum: string }>("SELECT current_setting('autovacuum') AS autovacuum");
  if (setting[0]?.autovacuum !== 'off') return [];
  const { rows } = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_all_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n_dead_tup > 1000 AND n_dead_tup > n_live_tup / 10
      ORDER BY n_dead_tup DESC`,
  );
  for (const { name } of rows) await db.query(`VACUUM (ANALYZE) ${name}`);
  return rows.map((r) => r.name);
};
