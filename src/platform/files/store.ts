import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { uuidv7 } from '../db/ids.ts';

/**
 * Where uploaded bytes live, addressed by their SHA-256 (content-addressed: equal bytes are stored
 * once). Local disk now; an S3-compatible store implements the same three calls later.
 */
export interface FileStore {
  /**
   * Takes a finished temporary file (from `tempPath`) and stores it under `sha256`: moves it into
   * place, or drops it when those bytes are stored already. Durable when it returns.
   */
  put(sha256: string, tempFile: string): Promise<{ created: boolean }>;
  /** The stored bytes; throws `StoredFileMissingError` when they are not there. */
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  /** A fresh path for an upload being received, on the same volume as the store. */
  tempPath(): Promise<string>;
}

export class StoredFileMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`stored file ${sha256} is missing from the file store`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** fsync a directory so that a rename into it survives a crash (no-op where unsupported). */
const syncDir = async (dir: string) => {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
};

/** Files on local disk: `<root>/<aa>/<bb>/<sha256>`, uploads in progress in `<root>/tmp`. */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  /** The path of stored bytes; the hash is checked so that no value can steer it elsewhere. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async tempPath(): Promise<string> {
    const dir = path.join(this.root, 'tmp');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return path.join(dir, `${uuidv7()}.part`);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async put(sha256: string, tempFile: string): Promise<{ created: boolean }> {
    const target = this.pathOf(sha256);
    if (await this.exists(sha256)) {
      await rm(tempFile, { force: true });
      return { created: false };
    }
    await mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    // Atomic on one volume; a concurrent put of the same bytes just replaces them with equal bytes.
    await rename(tempFile, target);
    await syncDir(path.dirname(target));
    return { created: true };
  }

  async get(sha256: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(sha256), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new StoredFileMissingError(sha256);
      throw error;
    }
  }
}
