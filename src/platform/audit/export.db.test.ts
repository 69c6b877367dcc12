import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { main } from '../../cli/main.ts';
import type { Db } from '../db/pool.ts';
import { CSV_COLUMNS } from './export.ts';
import { entryHash, GENESIS_HASH } from './record.ts';
import { tokenFor, userIdOf, writeEntries } from './testing.ts';

/**
 * `GET /api/audit/export` and `tinhso audit export`: every entry in the range with its hashes, so
 * the chains can be checked offline; JSON lines or CSV; the export is itself audited; bad input
 * gets 400 and writes nothing; only holders of `audit.read` (administrators) may export.
 */
type Line = { id: number; stream: string; seq: number; at: string; actor: { id: string | null; name: string }; action: string; target: { type: string; id: string }; beforeDigest: string | null; afterDigest: string | null; requestId: string | null; prevHash: string; hash: string };

const dir = mkdtempSync(path.join(tmpdir(), 'tinhso-audit-export-'));
chmodSync(dir, 0o755);
let db: Db;
let url: string;
let app: FastifyInstance;
let admin: string;
let early: Date;
let late: Date;

const recomputed = (e: Line) =>
  entryHash({ stream: e.stream, seq: e.seq, at: e.at, actorId: e.actor.id, actorName: e.actor.name, action: e.action, targetType: e.target.type, targetId: e.target.id, beforeDigest: e.beforeDigest, afterDigest: e.afterDigest, requestId: e.requestId, prevHash: e.prevHash });

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF rows). */
const parseCsv = (text: string) =>
  text.trimEnd().split('\r\n').map((row) => [...row.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2] ?? '')));

const exportCount = async () => (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.export'`)).rows[0].n as number;

beforeAll(async () => {
  ({ db, url } = await createTestDb('demo'));
  app = await buildTestApp(db);
  admin = await tokenFor(db, 'admin');
  // Entries carry millisecond times: a pause on each side of the window keeps them apart from it.
  const pause = () => new Promise((r) => setTimeout(r, 5));
  await writeEntries(db, 'before-window', 2);
  await pause();
  early = new Date();
  await pause();
  await writeEntries(db, 'in-window', 3, 'test.quoted "x", y');
  await pause();
  late = new Date();
  await pause();
  await writeEntries(db, 'after-window', 2);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (query: string, token?: string) => app.inject({ method: 'GET', url: `/api/audit/export${query}`, headers: token ? bearer(token) : {} });

describe('GET /api/audit/export', () => {
  it('streams every entry as JSON lines with hashes that verify offline, and audits the export', async () => {
    const before = await exportCount();
    const res = await get('', admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="nhat-ky-kiem-toan-\d{4}-\d{2}-\d{2}\.jsonl"/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as Line);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(lines.length).toBe(rows[0]!.n);
    expect(lines.map((l) => l.id)).toEqual([...lines.map((l) => l.id)].sort((a, b) => a - b));
    // Offline check: every hash recomputes, and each stream links from the genesis hash on.
    const heads = new Map<string, string>();
    for (const l of lines) {
      expect(recomputed(l), `entry ${l.id}`).toBe(l.hash);
      expect(l.prevHash, `link of entry ${l.id}`).toBe(heads.get(l.stream) ?? GENESIS_HASH);
      heads.set(l.stream, l.hash);
    }
    expect(await exportCount()).toBe(before + 1);
    const audited = await db.query(`SELECT actor_id FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1`);
    expect(audited.rows[0].actor_id).toBe(await userIdOf(db, 'admin'));
  });

  it('limits to the from–to window and writes CSV that keeps values exact', async () => {
    const res = await get(`?from=${early.toISOString()}&to=${encodeURIComponent(late.toISOString())}&format=csv`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r[1])).toEqual(['test:in-window', 'test:in-window', 'test:in-window']);
    expect(rows.map((r) => r[2])).toEqual(['1', '2', '3']);
    expect(rows[0]![6]).toBe('test.quoted "x", y');
    const line = (r: string[]): Line => ({
      id: Number(r[0]), stream: r[1]!, seq: Number(r[2]), at: r[3]!, actor: { id: r[4] || null, name: r[5]! }, action: r[6]!,
      target: { type: r[7]!, id: r[8]! }, beforeDigest: r[9] || null, afterDigest: r[10] || null, requestId: r[11] || null, prevHash: r[12]!, hash: r[13]!,
    });
    for (const r of rows) expect(recomputed(line(r))).toBe(r[13]);
  });

  it('answers 400 problem+json to bad input and writes nothing', async () => {
    const before = await exportCount();
    for (const query of ['?format=xml', '?from=yesterday', `?from=${late.toISOString()}&to=${early.toISOString()}`]) {
      const body = expectProblem(await get(query, admin), 400);
      expect(body.type, query).toBe('/problems/validation-failed');
    }
    expect(await exportCount()).toBe(before);
  });

  it('refuses everyone without audit.read: 401 anonymous, 403 the other roles', async () => {
    const before = await exportCount();
    expectProblem(await get(''), 401);
    for (const user of ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'lanhdaotinh', 'dangvien', 'kiemduyet']) {
      expectProblem(await get('', await tokenFor(db, user)), 403);
    }
    expect(await exportCount()).toBe(before);
  });
});

describe('tinhso audit export', () => {
  it('writes the window to a file, refuses to overwrite it and refuses a bad date', async () => {
    const saved = { DATABASE_URL: process.env.DATABASE_URL, TINHSO_DATA_DIR: process.env.TINHSO_DATA_DIR, NODE_ENV: process.env.NODE_ENV };
    const out = path.join(dir, 'window.jsonl');
    try {
      Object.assign(process.env, { DATABASE_URL: url, TINHSO_DATA_DIR: dir, NODE_ENV: 'test' });
      expect(await main(['audit', 'export', '--from', early.toISOString(), '--to', late.toISOString(), '--out', out])).toBe(0);
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
      expect(lines.map((l) => `${l.stream}#${l.seq}`)).toEqual(['test:in-window#1', 'test:in-window#2', 'test:in-window#3']);
      expect(await main(['audit', 'export', '--out', out])).toBe(1);
      expect(await main(['audit', 'export', '--from', 'hôm qua', '--out', path.join(dir, 'bad.jsonl')])).toBe(1);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
