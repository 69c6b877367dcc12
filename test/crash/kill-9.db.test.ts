import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { fileOwnedBy, insertFixtureProcedure, VALID_DATA } from '../../src/modules/services/dossiers/testing.ts';
import { auditSigningKeyOf, verifyAuditLog } from '../../src/platform/audit/index.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { loadConfig } from '../../src/platform/config/index.ts';
import { isProcessAlive } from '../../src/platform/db/data-dir-lock.ts';
import { freePort, runningEmbeddedUrl } from '../../src/platform/db/embedded.ts';
import { createPool, type Db } from '../../src/platform/db/pool.ts';

/**
 * Crash safety of the real `tinhso serve` process on its embedded PostgreSQL: 200 dossier
 * submissions at once, `kill -9` part-way, restart with no manual repair. Every submission that got
 * 201 must be there with its code, codes must be unique, the audit chain must verify, and sending
 * every submission again with its Idempotency-Key must give each one exactly one dossier.
 */
const BIN = path.resolve('bin/tinhso.js');
const SUBMISSIONS = 200;
const KILL_AFTER = 40;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-crash-'));
chmodSync(dataDir, 0o755);
const env = { TINHSO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', RATE_LIMIT_ALLOW: '127.0.0.1' };
const config = loadConfig({ ...process.env, ...env });
const children: ChildProcess[] = [];
const pools: Db[] = [];

type Server = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

const serve = async (): Promise<Server> => {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
};

const waitReady = async (server: Server, timeoutMs: number) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    if (await fetch(`http://127.0.0.1:${server.port}/readyz`).then((r) => r.ok, () => false)) return (Date.now() - started) / 1000;
    await sleep(100);
  }
  throw new Error(`not ready within ${timeoutMs} ms: ${server.output()}`);
};

const database = () => {
  const url = runningEmbeddedUrl(dataDir);
  if (!url) throw new Error('no embedded PostgreSQL runs on the data dir');
  const db = createPool(url, 4);
  pools.push(db);
  return db;
};

const postgresPid = () => {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
};

afterAll(async () => {
  for (const p of pools) await p.end().catch(() => undefined);
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sleep(300);
  // A postgres orphaned by a failed run is stopped too.
  const pid = postgresPid();
  if (pid && isProcessAlive(pid)) process.kill(pid, 'SIGINT');
  for (let i = 0; i < 50 && pid && isProcessAlive(pid); i += 1) await sleep(100);
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { status: number; body: { id?: string; code?: string } } | { error: string };

describe('kill -9 during 200 concurrent submissions', () => {
  it('loses no acknowledged dossier, duplicates no code, keeps the audit chain, restarts unaided', async () => {
    const first = await serve();
    await waitReady(first, 120_000);

    // 22 citizens of the demo province, each with a session and two uploaded documents.
    const db = database();
    const procedure = await insertFixtureProcedure(db);
    const citizens = (await db.query<{ id: string }>(`SELECT id FROM users WHERE roles = ARRAY['citizen'] ORDER BY username`)).rows;
    expect(citizens.length).toBeGreaterThan(10);
    const filers = await Promise.all(
      citizens.map(async (c) => ({
        token: (await createSession(db, { secret: config.sessionSecret, userId: c.id, via: 'password', ttlHours: 1 })).token,
        documents: [{ code: 'to-khai', fileId: await fileOwnedBy(db, c.id) }, { code: 'can-cuoc', fileId: await fileOwnedBy(db, c.id) }],
      })),
    );
    await db.end();
    pools.pop();

    const submit = (server: Server, i: number): Promise<Outcome> => {
      const filer = filers[i % filers.length]!;
      return fetch(`http://127.0.0.1:${server.port}/api/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${filer.token}`, 'content-type': 'application/json', 'idempotency-key': `crash-test-${i}` },
        body: JSON.stringify({ procedureCode: procedure, data: VALID_DATA, documents: filer.documents, submit: true }),
      }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; code?: string } }),
        (error: Error) => ({ error: error.message }),
      );
    };

    let created = 0;
    let killed = false;
    const outcomes = await Promise.all(
      Array.from({ length: SUBMISSIONS }, (_, i) =>
        submit(first, i).then((o) => {
          if ('status' in o && o.status === 201) created += 1;
          if (created >= KILL_AFTER && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
          return o;
        }),
      ),
    );
    await first.exited;
    const acknowledged = outcomes.flatMap((o, i) => ('status' in o && o.status === 201 ? [{ i, id: o.body.id!, code: o.body.code! }] : []));
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length, 'some submissions must have been cut off by the kill').toBeLessThan(SUBMISSIONS);
    expect(outcomes.filter((o) => 'status' in o && o.status >= 500)).toEqual([]);
    // The killed server left its lock and its PostgreSQL behind.
    expect(existsSync(path.join(dataDir, 'tinhso.lock'))).toBe(true);

    const second = await serve();
    const restart = await waitReady(second, 60_000);
    expect(restart).toBeLessThan(30);
    expect(second.output()).toMatch(/took over a stale lock/);
    const after = database();

    const { rows } = await after.query<{ id: string; code: string; state: string }>('SELECT id, code, state FROM dossiers WHERE id = ANY($1::uuid[])', [acknowledged.map((a) => a.id)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of acknowledged) {
      expect(byId.get(a.id)?.code, `acknowledged dossier ${a.code}`).toBe(a.code);
      expect(byId.get(a.id)?.state).toBe('submitted');
    }
    const duplicates = await after.query('SELECT code FROM dossiers WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1');
    expect(duplicates.rows).toEqual([]);
    // Every filed dossier is whole: its workflow case and its audit entry committed with it.
    const partial = await after.query(
      `SELECT d.code FROM dossiers d WHERE d.code IS NOT NULL AND (d.case_id IS NULL
          OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.stream = 'dossier:' || d.id AND a.action = 'dossier.submit'))`,
    );
    expect(partial.rows).toEqual([]);
    const report = await verifyAuditLog(after, auditSigningKeyOf(config));
    expect(report.intact, JSON.stringify(report.firstBreak)).toBe(true);

    // Every submission again, with its key: one dossier each, the acknowledged ones unchanged.
    const retried = await Promise.all(Array.from({ length: SUBMISSIONS }, (_, i) => submit(second, i)));
    for (const [i, o] of retried.entries()) expect('status' in o && [200, 201].includes(o.status), `retry ${i}: ${JSON.stringify(o)}`).toBe(true);
    for (const a of acknowledged) expect((retried[a.i] as { body: { code?: string } }).body.code).toBe(a.code);
    const total = await after.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers WHERE idempotency_key LIKE 'crash-test-%'`);
    expect(total.rows[0]!.n).toBe(SUBMISSIONS);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 300_000);
});
