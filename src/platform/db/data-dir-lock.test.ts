import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tinhso-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('data dir lock', () => {
  it('lets one holder in and refuses a second one while the first lives', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    // The same process asking again is treated as stale-free re-entry only after release.
    const other = { ...JSON.parse(readFileSync(lock.file, 'utf8')), pid: process.ppid };
    writeFileSync(lock.file, JSON.stringify(other));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/PID/);
    writeFileSync(lock.file, JSON.stringify({ ...other, pid: process.pid }));
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('takes over a lock whose owner died', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(path.join(dir, 'tinhso.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: new Date().toISOString() }));
    const lock = lockDataDir(dir);
    expect(lock.staleTakenOver).toBe(true);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an unreadable (torn) lock file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'tinhso.lock'), '{"pid":');
    const lock = lockDataDir(dir);
    expect(lock.staleTakenOver).toBe(true);
    lock.release();
  });
});
