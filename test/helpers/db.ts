import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createPool, type Db } from '../../src/platform/db/pool.ts';

export type TestDb = { db: Db; url: string; name: string };

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * A fresh database for this test file, cloned from a migrated template (`base`: schema and
 * administrative units; `demo`: plus the demo province). Dropped when the file's tests end.
 */
export const createTestDb = async (template: 'base' | 'demo' = 'demo'): Promise<TestDb> => {
  const adminUrl = inject('adminUrl');
  const templates = inject('templates');
  const suffix = templates.base.split('_').slice(-2).join('_');
  const name = `tinhso_test_${randomBytes(4).toString('hex')}_${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templates[template]}`);
        break;
      } catch (error) {
        // Two files cloning the same template at once may collide; wait and retry.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await sleep(100 + Math.random() * 200);
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const db = createPool(url, 5);
  afterAll(async () => {
    await db.end();
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  });
  return { db, url, name };
};
