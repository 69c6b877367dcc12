import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, buildTestApp, loginAs, testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { main } from '../../cli/main.ts';
import { act, insertFixtureProcedure, VALID_DATA } from '../../modules/services/dossiers/testing.ts';
import { auditSigningKeyOf, sealAuditLog, verifyAuditLog } from '../audit/index.ts';
import { createPool, type Db } from '../db/pool.ts';
import { multipartBody, samplePdf, samplePng } from '../files/testing.ts';
import { LocalFileStore } from '../files/store.ts';
import { writeBackup } from './backup.ts';
import { CANONICAL_OUTPUT, readTables } from './schema-info.ts';
import { digestTable } from './table-rows.ts';
import { restoreBackup, RestoreRefusedError } from './restore.ts';
import { walkBackup } from './walk.ts';

/**
 * Round trip on the demo database with dossiers and uploaded files: back up, restore into a blank
 * database and a new data dir, and compare every table's count and checksum, every stored file,
 * the audit chain and a working login. Then the refusals: a non-empty database, a damaged or cut
 * short file (the database stays empty), and the CLI.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'tinhso-backup-'));
chmodSync(dir, 0o755);
const sourceDir = path.join(dir, 'source');
const key = auditSigningKeyOf(testConfig());
let source: { db: Db; url: string };
const blanks: string[] = [];
const pools: Db[] = [];

/** A new, blank database (no schema at all), dropped after the file's tests. */
const blankDatabase = async () => {
  const adminUrl = inject('adminUrl');
  const suffix = inject('templates').base.split('_').slice(-2).join('_');
  const name = `tinhso_test_${randomBytes(4).toString('hex')}_${suffix}_restore`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  blanks.push(name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = createPool(u.toString(), 5);
  pools.push(db);
  return { db, url: u.toString() };
};

/** Count and checksum of every table, read as backup reads them. */
const digestAll = async (db: Db) => {
  const client = await db.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const s of CANONICAL_OUTPUT) await client.query(s);
    const out: Record<string, string> = {};
    for (const t of await readTables(client)) {
      const d = await digestTable(client, t);
      out[t.name] = `${d.rows}:${d.sha256}`;
    }
    await client.query('COMMIT');
    return out;
  } finally {
    client.release();
  }
};

const upload = async (app: Awaited<ReturnType<typeof buildTestApp>>, token: string, bytes: Buffer, name: string) => {
  const form = await multipartBody({ bytes, name });
  const res = await app.inject({ method: 'POST', url: '/api/files', headers: { ...bearer(token), ...form.headers }, payload: form.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; sha256: string }>();
};

const backupFile = path.join(dir, 'tinh-so.backup.gz');
let uploaded: { id: string; sha256: string }[];

beforeAll(async () => {
  source = await createTestDb('demo');
  const app = await buildTestApp(source.db, { TINHSO_DATA_DIR: sourceDir });
  const citizen = await loginAs(app, 'congdan');
  const officer = await loginAs(app, 'motcua');
  const procedure = await insertFixtureProcedure(source.db);
  uploaded = [await upload(app, citizen, samplePdf(4096), 'Tờ khai.pdf'), await upload(app, citizen, samplePng(), 'căn cước.png'), await upload(app, citizen, samplePdf(300_000), 'bản sao.pdf')];
  for (let i = 0; i < 3; i += 1) {
    const documents = [{ code: 'to-khai', fileId: uploaded[0]!.id }, { code: 'can-cuoc', fileId: uploaded[i % 2 === 0 ? 1 : 2]!.id }];
    const res = await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(citizen), payload: { procedureCode: procedure, data: VALID_DATA, documents, submit: true } });
    expect(res.statusCode, res.body).toBe(201);
    if (i === 0) expect((await act(app, officer, res.json().id, 'receive')).statusCode).toBe(200);
  }
  // Part of the log sealed into signed checkpoints, the rest still only chained.
  expect((await sealAuditLog(source.db, key)).length).toBeGreaterThan(0);
  await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(citizen), payload: { procedureCode: procedure, submit: false } });
  // No background work (rollup folding) changes the source after this: it is compared with copies.
  await app.close();
}, 60_000);

afterAll(async () => {
  for (const p of pools) await p.end();
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  for (const name of blanks) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('tinhso backup → tinhso restore', () => {
  it('round-trips every table, every stored file and the audit chain', async () => {
    const summary = await writeBackup(source.db, new LocalFileStore(path.join(sourceDir, 'files')), backupFile);
    expect(summary.manifest.files.map((f) => f.sha256).sort()).toEqual(uploaded.map((f) => f.sha256).sort());
    expect(summary.manifest.tables.find((t) => t.name === 'dossiers')!.rows).toBe(4);
    expect(summary.manifest.schemaMigrations.length).toBeGreaterThan(5);
    expect(summary.manifest.tables.map((t) => t.name)).not.toContain('schema_migrations');

    const target = await blankDatabase();
    const targetDir = path.join(dir, 'target');
    const result = await restoreBackup(target.db, new LocalFileStore(path.join(targetDir, 'files')), backupFile);
    expect(result.migratedAfter).toEqual([]);

    expect(await digestAll(target.db)).toEqual(await digestAll(source.db));
    const store = new LocalFileStore(path.join(targetDir, 'files'));
    for (const f of uploaded) {
      expect(readFileSync(store.pathOf(f.sha256))).toEqual(readFileSync(new LocalFileStore(path.join(sourceDir, 'files')).pathOf(f.sha256)));
    }
    const report = await verifyAuditLog(target.db, key);
    expect(report.intact, JSON.stringify(report.firstBreak)).toBe(true);
    expect(report.checkpoints).toBeGreaterThan(0);
    expect(report.unsealedEntries).toBeGreaterThan(0);

    // The restored province works: a login, a dossier with its file, and new writes get fresh ids.
    const app = await buildTestApp(target.db, { TINHSO_DATA_DIR: targetDir });
    const token = await loginAs(app, 'congdan');
    const mine = await app.inject({ url: '/api/dossiers', headers: bearer(token) });
    expect(mine.json().total).toBe(4);
    expect((await app.inject({ url: `/api/files/${uploaded[2]!.id}`, headers: bearer(token) })).rawPayload).toEqual(samplePdf(300_000));
    await sealAuditLog(target.db, key);
    expect((await verifyAuditLog(target.db, key)).intact).toBe(true);
  });

  it('refuses a database that holds data, and changes nothing in it', async () => {
    const before = await digestAll(source.db);
    await expect(restoreBackup(source.db, new LocalFileStore(path.join(dir, 'unused')), backupFile)).rejects.toThrow(RestoreRefusedError);
    await expect(restoreBackup(source.db, new LocalFileStore(path.join(dir, 'unused')), backupFile)).rejects.toThrow(/not empty/);
    expect(await digestAll(source.db)).toEqual(before);
  });

  it('refuses a damaged or cut-short file and leaves the database empty', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const rowsLine = lines.findIndex((l) => l.includes('"kind":"rows","table":"users"'));
    const damaged = [...lines];
    damaged[rowsLine] = damaged[rowsLine]!.replace('Nguyễn Văn An', 'Nguyễn Văn Ăn');
    const cases = {
      damaged: gzipSync(damaged.join('\n')),
      'cut short': gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')),
      'file bytes changed': gzipSync(lines.map((l) => (l.startsWith('{"kind":"chunk"') ? l.replace(/"data":"[A-Za-z0-9+/]{4}/, '"data":"AAAA') : l)).join('\n')),
    };
    // One blank database for every attempt: each failure must leave it empty, ready for the next.
    const target = await blankDatabase();
    const store = new LocalFileStore(path.join(dir, 'damaged-target', 'files'));
    for (const [name, bytes] of Object.entries(cases)) {
      const file = path.join(dir, `${name}.gz`);
      writeFileSync(file, bytes);
      await expect(walkBackup(file), name).rejects.toThrow();
      await expect(restoreBackup(target.db, store, file), name).rejects.toThrow();
      for (const table of ['users', 'audit_log', 'dossiers', 'files']) expect((await target.db.query(`SELECT 1 FROM ${table}`)).rowCount, `${name}: ${table}`).toBe(0);
    }
    await restoreBackup(target.db, store, backupFile);
    expect(await digestAll(target.db)).toEqual(await digestAll(source.db));
  }, 60_000);

  it('works from the command line: tinhso backup FILE, tinhso restore [--check] FILE', async () => {
    const saved = { DATABASE_URL: process.env.DATABASE_URL, TINHSO_DATA_DIR: process.env.TINHSO_DATA_DIR, NODE_ENV: process.env.NODE_ENV };
    const file = path.join(dir, 'cli.backup.gz');
    try {
      Object.assign(process.env, { DATABASE_URL: source.url, TINHSO_DATA_DIR: sourceDir, NODE_ENV: 'test' });
      expect(await main(['backup', file])).toBe(0);
      expect(await main(['backup', file])).toBe(1);
      expect(await main(['restore', file, '--check'])).toBe(0);
      const target = await blankDatabase();
      Object.assign(process.env, { DATABASE_URL: target.url, TINHSO_DATA_DIR: path.join(dir, 'cli-target') });
      expect(await main(['restore', file])).toBe(0);
      expect(existsSync(new LocalFileStore(path.join(dir, 'cli-target', 'files')).pathOf(uploaded[0]!.sha256))).toBe(true);
      expect(await main(['restore', file])).toBe(1);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
