import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../platform/db/pool.ts';
import { ADMIN_UNITS_FILE } from './admin-units-import.ts';
import { adminUnitsImportCommand, seedDemoCommand } from './cli.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-org-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs a command against `url` as the CLI would (config from the environment); returns its output. */
const run = async (command: typeof seedDemoCommand, url: string, args: string[] = []) => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, TINHSO_DATA_DIR: process.env.TINHSO_DATA_DIR };
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  Object.assign(process.env, { DATABASE_URL: url, TINHSO_DATA_DIR: dataDir });
  try {
    const code = await command.run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};

const counts = async (db: Db) =>
  (
    await db.query(`SELECT (SELECT count(*)::int FROM admin_provinces) AS provinces, (SELECT count(*)::int FROM admin_communes) AS communes,
       (SELECT count(*)::int FROM admin_legacy_communes) AS legacy, (SELECT count(*)::int FROM admin_commune_conversion) AS conversion,
       (SELECT count(*)::int FROM admin_commune_code_aliases) AS aliases, (SELECT count(*)::int FROM admin_district_conversion) AS islands`)
  ).rows[0];

describe('tinhso admin-units import', () => {
  it('is idempotent: an unchanged file is reported as already imported and changes nothing', async () => {
    const { db, url } = await createTestDb('base');
    const before = await counts(db);
    expect(before).toEqual({ provinces: 34, communes: 3321, legacy: 10054, conversion: 10565, aliases: 7, islands: 5 });
    const first = await run(adminUnitsImportCommand, url);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/already imported \(34 provinces, 3321 communes/);
    expect(await counts(db)).toEqual(before);
  });

  it('imports a database that lacks the units, then reports the second run as already imported', async () => {
    const { db, url } = await createTestDb('base');
    await db.query('DELETE FROM admin_commune_conversion; DELETE FROM admin_commune_code_aliases; DELETE FROM data_imports');
    const importAudits = async () => (await db.query(`SELECT 1 FROM audit_log WHERE action = 'admin_units.import'`)).rowCount;
    const auditsBefore = await importAudits();
    const first = await run(adminUnitsImportCommand, url);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Đã nạp \/ imported 34 provinces, 3321 communes, 10054 old communes, 10565 conversion pairs/);
    expect(await counts(db)).toMatchObject({ conversion: 10565, aliases: 7 });
    const { rows } = await db.query<{ source: string; row_count: number }>(`SELECT source, row_count FROM data_imports WHERE dataset = 'admin-units-2025'`);
    expect(rows[0]!.source).toMatch(/VietnamProvinces/);
    const second = await run(adminUnitsImportCommand, url);
    expect(second.out).toMatch(/already imported/);
    expect(await importAudits()).toBe(auditsBefore! + 1);
  });

  it('takes --file, updating changed rows and dropping conversion pairs the file no longer has', async () => {
    const { db, url } = await createTestDb('base');
    const data = JSON.parse(readFileSync(ADMIN_UNITS_FILE, 'utf8')) as { provinces: { code: string; name: string }[]; conversion: string[][] };
    data.provinces.find((p) => p.code === '80')!.name = 'Tỉnh Tây Ninh (thử)';
    data.conversion = data.conversion.slice(1);
    const file = path.join(dataDir, 'units.json');
    writeFileSync(file, JSON.stringify(data));
    const res = await run(adminUnitsImportCommand, url, ['--file', file]);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/imported 34 provinces/);
    expect((await db.query(`SELECT name FROM admin_provinces WHERE code = '80'`)).rows[0]).toEqual({ name: 'Tỉnh Tây Ninh (thử)' });
    expect(await counts(db)).toMatchObject({ conversion: 10564 });
  });

  it('fails on a missing file or an unknown option, writing nothing', async () => {
    const { db, url } = await createTestDb('base');
    const audits = (await db.query('SELECT 1 FROM audit_log')).rowCount;
    await expect(run(adminUnitsImportCommand, url, ['--file', path.join(dataDir, 'nope.json')])).rejects.toThrow(/ENOENT/);
    await expect(run(adminUnitsImportCommand, url, ['--force'])).rejects.toThrow(/Unknown option/);
    expect((await db.query('SELECT 1 FROM audit_log')).rowCount).toBe(audits);
  });
});

describe('tinhso seed demo', () => {
  it('refuses a database that has users, with a clear message and a non-zero exit, writing nothing', async () => {
    const { db, url } = await createTestDb('demo');
    const before = (await db.query('SELECT (SELECT count(*)::int FROM users) AS u, (SELECT count(*)::int FROM agencies) AS a')).rows[0];
    const res = await run(seedDemoCommand, url);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/Refused: the database already has users/);
    expect((await db.query('SELECT (SELECT count(*)::int FROM users) AS u, (SELECT count(*)::int FROM agencies) AS a')).rows[0]).toEqual(before);
  });

  it('loads the demo province into an empty database, once', async () => {
    const { db, url } = await createTestDb('base');
    const res = await run(seedDemoCommand, url);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/demo province loaded: \d+ agencies/);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username IN ('admin', 'congdan', 'dangvien')`);
    expect(rows[0]!.n).toBe(3);
    expect((await run(seedDemoCommand, url)).code).toBe(1);
  });
});
