import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/platform/db/embedded.ts';

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
