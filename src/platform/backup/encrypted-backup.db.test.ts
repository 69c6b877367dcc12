import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { main } from '../../cli/main.ts';
import { auditSigningKeyOf, verifyAuditLog } from '../audit/index.ts';
import { createPool, type Db } from '../db/pool.ts';
import { LocalFileStore } from '../files/store.ts';
import { writeBackup } from './backup.ts';
import { EncryptedFileError, EncryptionKeyError, encryptionKeyId, MAGIC } from './encryption.ts';
import { restoreBackup } from './restore.ts';
import { lastBackupRun } from './runs.ts';
import { walkBackup } from './walk.ts';

/**
 * Encrypted backups: round trip, a wrong key, a flipped byte and a cut file are refused before the
 * target database is touched (it stays without even a migrations table), the plaintext of a seeded
 * citizen's name is nowhere in the file, and production refuses an unencrypted backup.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'tinhso-encbackup-'));
chmodSync(dir, 0o755);
const key = randomBytes(32);
const CITIZEN_NAME = 'Nguyễn Văn An';
let source: { db: Db; url: string };
const blanks: string[] = [];
const pools: Db[] = [];
const file = path.join(dir, 'encrypted.backup');

const blankDatabase = async () => {
  const suffix = inject('templates').base.split('_').slice(-2).join('_');
  const name = `tinhso_test_${randomBytes(4).toString('hex')}_${suffix}_encrestore`;
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  blanks.push(name);
  const u = new URL(inject('adminUrl'));
  u.pathname = `/${name}`;
  const db = createPool(u.toString(), 5);
  pools.push(db);
  return { db, url: u.toString() };
};

/** Nothing at all was created in the database. */
const untouched = async (db: Db) => (await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n === 0;

const store = (name: string) => new LocalFileStore(path.join(dir, name, 'files'));

beforeAll(async () => {
  source = await createTestDb('demo');
  await writeBackup(source.db, store('source'), file, key);
}, 60_000);

afterAll(async () => {
  for (const p of pools) await p.end();
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  for (const name of blanks) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('encrypted backups (BACKUP_ENCRYPTION_KEY)', () => {
  it('hides the content: no seeded citizen name, not even a gzip stream', async () => {
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, MAGIC.length)).toEqual(MAGIC);
    expect((await source.db.query('SELECT 1 FROM users WHERE full_name = $1', [CITIZEN_NAME])).rowCount).toBe(1);
    expect(bytes.includes(Buffer.from(CITIZEN_NAME))).toBe(false);
    expect(bytes.includes(Buffer.from('congdan@example.vn'))).toBe(false);
    expect(() => gunzipSync(bytes)).toThrow();
    expect(bytes.toString('latin1')).toContain(encryptionKeyId(key));
  });

  it('round-trips with the key: every table, and the audit chain verifies', async () => {
    const { manifest } = await walkBackup(file, {}, key);
    const target = await blankDatabase();
    await restoreBackup(target.db, store('target'), file, () => undefined, key);
    const restored = await target.db.query<{ full_name: string }>(`SELECT full_name FROM users WHERE username = 'congdan'`);
    expect(restored.rows[0]?.full_name).toBe(CITIZEN_NAME);
    for (const t of manifest.tables.filter((x) => ['users', 'audit_log', 'agencies'].includes(x.name))) {
      expect((await target.db.query(`SELECT count(*)::int AS n FROM ${t.name}`)).rows[0].n, t.name).toBe(t.rows);
    }
    expect((await verifyAuditLog(target.db, auditSigningKeyOf(testConfig()))).intact).toBe(true);
  }, 60_000);

  it('refuses a wrong or missing key, a flipped byte and a cut file before touching the database', async () => {
    const target = await blankDatabase();
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x40;
    const cases: [string, Buffer, Buffer | undefined, RegExp, new (...a: never[]) => Error][] = [
      ['wrong key', bytes, randomBytes(32), /wrong key/, EncryptionKeyError],
      ['no key', bytes, undefined, /set BACKUP_ENCRYPTION_KEY/, EncryptionKeyError],
      ['flipped byte', flipped, key, /tampered/, EncryptedFileError],
      ['cut short', bytes.subarray(0, bytes.length - 100), key, /cut short|tampered/, EncryptedFileError],
    ];
    for (const [name, content, k, message, kind] of cases) {
      const bad = path.join(dir, `${name}.backup`);
      writeFileSync(bad, content);
      await expect(restoreBackup(target.db, store('bad'), bad, () => undefined, k), name).rejects.toThrow(message);
      await expect(restoreBackup(target.db, store('bad'), bad, () => undefined, k), name).rejects.toBeInstanceOf(kind);
      await expect(walkBackup(bad, {}, k), name).rejects.toThrow();
      expect(await untouched(target.db), name).toBe(true);
    }
  });

  it('the CLI encrypts with the configured key, records and audits backup and restore, and production refuses a plain backup', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { DATABASE_URL: source.url, TINHSO_DATA_DIR: path.join(dir, 'source'), NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
      delete process.env.BACKUP_ENCRYPTION_KEY;
      const plain = path.join(dir, 'cli-plain.backup');
      expect(await main(['backup', plain])).toBe(1);
      expect(await lastBackupRun(source.db)).toBeUndefined();
      expect(await main(['backup', plain, '--unencrypted'])).toBe(0);
      expect(readFileSync(plain).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect((await lastBackupRun(source.db))?.encrypted).toBe(false);

      process.env.BACKUP_ENCRYPTION_KEY = key.toString('base64');
      const encrypted = path.join(dir, 'cli-encrypted.backup');
      expect(await main(['backup', encrypted])).toBe(0);
      expect(readFileSync(encrypted).subarray(0, MAGIC.length)).toEqual(MAGIC);
      const run = await lastBackupRun(source.db);
      expect(run).toMatchObject({ file: encrypted, encrypted: true, keyId: encryptionKeyId(key) });
      const audited = await source.db.query(`SELECT actor_name FROM audit_log WHERE action = 'backup.create' AND target_id = $1`, [run!.id]);
      expect(audited.rowCount).toBe(1);
      expect(await main(['restore', encrypted, '--check'])).toBe(0);
      const target = await blankDatabase();
      Object.assign(process.env, { DATABASE_URL: target.url, TINHSO_DATA_DIR: path.join(dir, 'cli-target') });
      expect(await main(['restore', encrypted])).toBe(0);
      expect((await target.db.query(`SELECT actor_name FROM audit_log WHERE action = 'backup.restore'`)).rows).toEqual([{ actor_name: 'tinhso restore' }]);
      process.env.BACKUP_ENCRYPTION_KEY = randomBytes(32).toString('hex');
      expect(await main(['restore', encrypted, '--check'])).toBe(1);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  }, 60_000);
});
