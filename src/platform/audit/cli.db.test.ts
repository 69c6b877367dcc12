import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import { auditCommands } from './cli.ts';
import { asDba, writeEntries } from './testing.ts';

const SIGNING_KEY = 'cli-test-audit-signing-key-0123456789abcdef';

/** Runs `tinhso <name> <args>` in-process and captures what it prints. */
const runCli = async (name: string, args: string[] = []) => {
  const command = auditCommands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  try {
    const code = await command.run(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
};

describe('tinhso audit verify | seal | checkpoints', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-audit-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => vi.unstubAllEnvs());

  const useDatabase = (url: string) => {
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('DATABASE_URL', url);
    vi.stubEnv('TINHSO_DATA_DIR', dataDir);
    vi.stubEnv('AUDIT_SIGNING_KEY', SIGNING_KEY);
  };

  it('exits 0 with the summary when intact, seals and exports checkpoints, and exits 1 naming the broken entry', async () => {
    const { db, url } = await createTestDb('base');
    useDatabase(url);
    const ids = await writeEntries(db, 'cli', 3);
    const { rows } = await db.query<{ n: number; s: number }>('SELECT count(*)::int AS n, count(DISTINCT stream)::int AS s FROM audit_log');

    const intact = await runCli('audit verify');
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`${rows[0]!.n} entries in ${rows[0]!.s} streams, 0 checkpoints, chain intact`);

    const seal = await runCli('audit seal');
    expect(seal.code).toBe(0);
    expect(seal.stdout).toMatch(/sealed checkpoint #1: \d+ entries/);
    expect((await runCli('audit seal')).stdout).toContain('nothing new to seal');

    const exported = await runCli('audit checkpoints', ['--json']);
    expect(exported.code).toBe(0);
    const published = JSON.parse(exported.stdout) as { id: number; hash: string; entryCount: number }[];
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ id: 1, entryCount: rows[0]!.n });
    const file = path.join(dataDir, 'published.json');
    writeFileSync(file, exported.stdout);
    const against = await runCli('audit verify', ['--published', file]);
    expect(against.code).toBe(0);
    expect(against.stdout).toContain('1 checkpoints, chain intact');

    await asDba(db, `UPDATE audit_log SET action = 'test.rewritten' WHERE id = $1`, [ids[1]]);
    const broken = await runCli('audit verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('chain BROKEN');
    expect(broken.stderr).toContain(`First broken: entry id ${ids[1]}, stream test:cli, seq 2: hash-mismatch`);

    const json = await runCli('audit verify', ['--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: false, firstBreak: { entryId: ids[1], reason: 'hash-mismatch' } });
  });

  it('refuses a published file that is not a checkpoint export', async () => {
    const { url } = await createTestDb('base');
    useDatabase(url);
    const file = path.join(dataDir, 'junk.json');
    writeFileSync(file, JSON.stringify([{ id: 'one' }]));
    await expect(runCli('audit verify', ['--published', file])).rejects.toThrow(/not a checkpoint export/);
  });
});
