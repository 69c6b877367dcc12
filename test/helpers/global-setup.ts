import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../../src/platform/db/embedded.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { createPool } from '../../src/platform/db/pool.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { prepareReferenceData } from '../../src/seed/prepare.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templates: { base: string; demo: string };
  }
}

/**
 * Once per test run: a PostgreSQL server (embedded in a temp dir, or TEST_DATABASE_URL's server)
 * and two migrated template databases, `base` (schema + administrative units) and `demo`
 * (base + the demo province). Each test file clones one (test/helpers/db.ts).
 */
export default async function setup(project: TestProject) {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'tinhso-test-'));
    chmodSync(dir, 0o755);
    const embedded = await startEmbedded({ dataDir: dir });
    adminUrl = embedded.adminUrl;
    stopEmbedded = embedded.stop;
  }
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const templates = { base: `tinhso_tpl_base_${suffix}`, demo: `tinhso_tpl_demo_${suffix}` };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const withDb = (url: string, name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  await admin.query(`CREATE DATABASE ${templates.base}`);
  const base = createPool(withDb(adminUrl, templates.base), 2);
  await migrate(base);
  await prepareReferenceData(base);
  await base.end();
  await admin.query(`CREATE DATABASE ${templates.demo} TEMPLATE ${templates.base}`);
  const demo = createPool(withDb(adminUrl, templates.demo), 2);
  await seedDemo(demo);
  await demo.end();
  await admin.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templates', templates);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tinhso_t%\\_${suffix}' OR datname LIKE 'tinhso_test_%\\_${suffix}%'`,
    );
    for (const r of rows) await cleanup.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await cleanup.end();
    await stopEmbedded?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
