import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One app instance per data dir. The lock is a file created exclusively (O_EXCL) holding the
 * owner's pid; a lock whose owner is no longer alive (the app was killed) is stale and is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `Một phiên bản Tỉnh số khác đang chạy trên thư mục dữ liệu ${dataDir} (PID ${ownerPid}).\n` +
        `Another Tỉnh số instance is running on data dir ${dataDir} (PID ${ownerPid}); stop it first or set TINHSO_DATA_DIR.`,
    );
  }
}

type LockOwner = { pid: number; host: string; startedAt: string };

export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readOwner = (file: string): LockOwner | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
};

export type DataDirLock = { file: string; staleTakenOver: boolean; release: () => void };

export const lockDataDir = (dataDir: string): DataDirLock => {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const file = path.join(dataDir, 'tinhso.lock');
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  let staleTakenOver = false;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o644 });
      const release = () => {
        if (readOwner(file)?.pid === process.pid) unlinkSync(file);
      };
      return { file, staleTakenOver, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid && owner.host === me.host && isProcessAlive(owner.pid)) {
      throw new DataDirLockedError(dataDir, owner.pid);
    }
    // Stale: the owner died without releasing. Move it aside (kept for inspection) and retry.
    try {
      renameSync(file, `${file}.stale`);
      staleTakenOver = true;
    } catch {
      /* another starter moved it first; retry */
    }
  }
  throw new DataDirLockedError(dataDir, readOwner(file)?.pid ?? -1);
};
