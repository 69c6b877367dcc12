import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runningEmbeddedUrl } from '../src/platform/db/embedded.ts';

/**
 * The real `tinhso serve` process on its own embedded PostgreSQL: start, data-dir lock, orderly
 * Ctrl-C, restart on existing data, and the production refusals.
 */
const BIN = path.resolve('bin/tinhso.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-serve-'));
chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const run = (args: string[], env: Record<string, string>): Run => {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, TINHSO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
};

const waitReady = async (port: number, timeoutMs: number) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return (Date.now() - started) / 1000;
    await sleep(100);
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
};

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('tinhso serve (process)', () => {
  it('starts on a new data dir, refuses a second instance, stops on Ctrl-C and restarts fast', async () => {
    const port = await freePort();
    const first = run(['serve'], { PORT: String(port) });
    const firstReady = await waitReady(port, 60_000);
    expect(firstReady).toBeLessThan(30);
    const body = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json());
    expect(body).toEqual({ status: 'ready' });

    const lockFile = path.join(dataDir, 'tinhso.lock');
    const lockBefore = readFileSync(lockFile, 'utf8');
    const second = run(['serve'], { PORT: String(await freePort()) });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/Another Tỉnh số instance is running/);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockBefore);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const port2 = await freePort();
    const again = run(['serve'], { PORT: String(port2) });
    const restartReady = await waitReady(port2, 30_000);
    expect(restartReady).toBeLessThan(5);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('runs as an API process and a worker process: only the worker relays and runs jobs, at a lower priority', async () => {
    const apiPort = await freePort();
    const api = run(['serve'], { PORT: String(apiPort), TINHSO_WORKER_MODE: 'server' });
    await waitReady(apiPort, 60_000);
    // Joined through the server's Unix socket in its own directory.
    const url = runningEmbeddedUrl(dataDir);
    expect(url).toContain(`@${encodeURIComponent(path.join(dataDir, 'pg'))}:`);
    const db = new pg.Pool({ connectionString: url, max: 1 });
    try {
      // A job no handler can run: it ends in the dead letters, which shows a worker took it.
      const marker = randomUUID();
      await db.query(`INSERT INTO job_outbox (queue, payload, options) VALUES ('portal.sync-dossier', $1, '{}')`, [JSON.stringify({ marker })]);
      const waiting = async () => (await db.query(`SELECT count(*)::int AS n FROM job_outbox WHERE payload->>'marker' = $1`, [marker])).rows[0].n as number;
      await sleep(2500); // the relay of a shared instance runs every second
      expect(await waiting()).toBe(1);

      const workerPort = await freePort();
      const worker = run(['serve'], { PORT: String(workerPort), TINHSO_WORKER_MODE: 'worker', TINHSO_WORKER_NICE: '12' });
      await waitReady(workerPort, 60_000);
      expect((await fetch(`http://127.0.0.1:${workerPort}/healthz`)).status).toBe(200);
      const notServed = await fetch(`http://127.0.0.1:${workerPort}/api/procedures`);
      expect(notServed.status).toBe(404);
      expect(notServed.headers.get('content-type')).toMatch(/application\/problem\+json/);
      // /proc/<pid>/stat: the 19th field is the nice value (after the parenthesised command name).
      const stat = readFileSync(`/proc/${worker.child.pid}/stat`, 'utf8');
      expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])).toBe(12);

      const deadline = Date.now() + 30_000;
      let dead: { error: string }[] = [];
      while (Date.now() < deadline && dead.length === 0) {
        await sleep(250);
        dead = (await db.query(`SELECT error FROM job_dead_letters WHERE payload->>'marker' = $1`, [marker])).rows;
      }
      expect(await waiting()).toBe(0);
      expect(dead).toEqual([{ error: expect.stringMatching(/invalid portal sync payload/) }]);

      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      await db.end();
    }
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 120_000);

  it('refuses production while demo accounts exist, naming them', async () => {
    const refused = run(['serve'], {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-long-enough-production-session-secret-0123456789',
      TINHSO_ALLOW_EMBEDDED_DB: 'true',
      PORT: String(await freePort()),
    });
    expect(await refused.exited).not.toBe(0);
    expect(refused.output()).toMatch(/demo accounts exist in production/);
    expect(existsSync(path.join(dataDir, 'tinhso.lock'))).toBe(false);
  }, 60_000);

  it('refuses production without a session secret, naming the variable', async () => {
    const refused = run(['serve'], { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x', PORT: '0' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/SESSION_SECRET/);
  }, 30_000);
});
