import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Db } from '../db/pool.ts';
import { authCommands } from './cli.ts';
import { verifyPassword } from './passwords.ts';
import { totpCode } from './totp.ts';

let db: Db;
let dataDir: string;
const saved = { ...process.env };

beforeAll(async () => {
  const test = await createTestDb('demo');
  db = test.db;
  dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-cli-'));
  // The command reads its configuration from the environment, like `tinhso users create` does.
  Object.assign(process.env, { DATABASE_URL: test.url, TINHSO_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
});
afterAll(() => {
  for (const key of ['DATABASE_URL', 'TINHSO_DATA_DIR', 'NODE_ENV', 'LOG_LEVEL', 'TINHSO_NEW_PASSWORD']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const command = (name: string) => authCommands.find((c) => c.name === name)!;

/** Runs a command, capturing what it prints. */
const run = async (name: string, args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await command(name).run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
};

const userRow = async (username: string) =>
  (await db.query<{ id: string; full_name: string; roles: string[]; agency_code: string | null; password_hash: string; email: string | null; phone: string | null }>(
    `SELECT u.id, u.full_name, u.roles, a.code AS agency_code, u.password_hash, u.email, u.phone
       FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`,
    [username],
  )).rows[0];

describe('tinhso users create', () => {
  it('creates the user, prints its id, and audits', async () => {
    const res = await run('users create', [
      '--username', 'cb.cli.1', '--password', 'mat-khau-cli-1', '--name', 'Võ Thị  Thuỷ',
      '--role', 'officer', '--role', 'party_member', '--agency', '000.00.04.H59', '--email', 'CLI@example.vn', '--phone', '+84911222333',
    ]);
    expect(res.code, res.err).toBe(0);
    const row = await userRow('cb.cli.1');
    expect(res.out.trim()).toBe(row!.id);
    expect(row).toMatchObject({ full_name: 'Võ Thị Thủy', roles: ['officer', 'party_member'], agency_code: '000.00.04.H59', email: 'cli@example.vn', phone: '0911222333' });
    expect(await verifyPassword(row!.password_hash, 'mat-khau-cli-1')).toBe(true);
    const { rows } = await db.query(`SELECT actor_name FROM audit_log WHERE action = 'user.create' AND target_id = $1`, [row!.id]);
    expect(rows).toEqual([{ actor_name: 'cli' }]);
  });

  it('reads the password from TINHSO_NEW_PASSWORD', async () => {
    process.env.TINHSO_NEW_PASSWORD = 'mat-khau-tu-env';
    try {
      const res = await run('users create', ['--username', 'cb.cli.env', '--name', 'Từ Biến Môi Trường', '--role', 'citizen']);
      expect(res.code, res.err).toBe(0);
    } finally {
      delete process.env.TINHSO_NEW_PASSWORD;
    }
    expect(await verifyPassword((await userRow('cb.cli.env'))!.password_hash, 'mat-khau-tu-env')).toBe(true);
  });

  it.each([
    [['--username', 'admin', '--password', 'mat-khau-1234', '--name', 'Trùng', '--role', 'citizen'], 1, /Tên đăng nhập đã được dùng/],
    [['--username', 'cb.cli.x', '--password', 'mat-khau-1234', '--name', 'Không Cơ Quan', '--role', 'officer'], 1, /cần thuộc một cơ quan/],
    [['--username', 'cb.cli.x', '--password', 'mat-khau-1234', '--name', 'Sai Mã', '--role', 'officer', '--agency', '999.99.99.H59'], 1, /999\.99\.99\.H59/],
    [['--username', 'cb.cli.x', '--password', 'short', '--name', 'Ngắn', '--role', 'citizen'], 1, /ít nhất 8/],
    [['--username', 'cb.cli.x', '--password', 'mat-khau-1234', '--name', 'Vua', '--role', 'king'], 2, /king/],
    [['--username', 'cb.cli.x', '--name', 'Không Mật Khẩu', '--role', 'citizen'], 2, /--password/],
    [['--username', 'cb.cli.x', '--password', 'mat-khau-1234', '--role', 'citizen'], 2, /--name/],
  ])('refuses %j with exit code %i and a reason', async (args, exitCode, reason) => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
    const res = await run('users create', args as string[]);
    expect(res.code).toBe(exitCode);
    expect(res.err).toMatch(reason);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(before);
  });

  it('rejects unknown options', async () => {
    await expect(command('users create').run(['--usrname', 'x'])).rejects.toThrow(/usrname/);
  });
});

describe('tinhso users list', () => {
  it('prints one line per matching user', async () => {
    const res = await run('users list', ['--role', 'agency_leader']);
    expect(res.code).toBe(0);
    const lines = res.out.split('\n').filter(Boolean);
    const expected = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE 'agency_leader' = ANY(roles)`)).rows[0]!.n;
    expect(lines).toHaveLength(expected);
    expect(lines.every((l) => l.includes('agency_leader'))).toBe(true);
    expect(res.out).toContain('lanhdao');
    const search = await run('users list', ['--search', 'pham minh duc']);
    expect(search.out).toMatch(/chuyenvien .*Phạm Minh Đức/);
  });
});

describe('tinhso users totp-reset, tinhso totp code', () => {
  it('prints the current code of a secret, refuses anything else', async () => {
    const res = await run('totp code', ['JBSWY3DPEHPK3PXP']);
    expect(res.code).toBe(0);
    expect(res.out).toBe(totpCode('JBSWY3DPEHPK3PXP'));
    expect((await run('totp code', [])).code).toBe(2);
    expect((await run('totp code', ['not-base32!'])).code).toBe(2);
  });

  it('--demo-secret clears every account still holding the demo secret, audited', async () => {
    const holders = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE totp_secret IS NOT NULL')).rows[0]!.n;
    expect(await holders()).toBeGreaterThan(10);
    const one = await run('users totp-reset', ['--username', 'motcua']);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toBe('motcua');
    expect(await run('users totp-reset', ['--username', 'khong-co-ai'])).toMatchObject({ code: 1 });
    expect((await run('users totp-reset', [])).code).toBe(2);
    const all = await run('users totp-reset', ['--demo-secret']);
    expect(all.code, all.err).toBe(0);
    expect(all.out.split('\n')).toContain('chuyenvien');
    expect(await holders()).toBe(0);
    const audited = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.totp-reset' AND actor_name = 'cli'`);
    expect(audited.rows[0]!.n).toBeGreaterThan(10);
  });
});
