import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Command } from '../../../cli/main.ts';
import { main } from '../../../cli/main.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { proceduresExportCommand, proceduresImportCommand } from './cli.ts';
import { xlsxToCatalogue } from './excel-read.ts';
import { catalogueToXlsx } from './excel-write.ts';
import type { Catalogue } from './schema.ts';
import { parseCatalogue } from './validate-catalogue.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tinhso-procedures-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs a command against `url` as the CLI would (config from the environment); returns its output. */
const run = async (command: Command | 'main', url: string, args: string[] = []) => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, TINHSO_DATA_DIR: process.env.TINHSO_DATA_DIR };
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  Object.assign(process.env, { DATABASE_URL: url, TINHSO_DATA_DIR: dir });
  try {
    const code = command === 'main' ? await main(args) : await command.run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};
const names = async (db: Db) => (await db.query<{ code: string; name: string; active: boolean }>('SELECT code, name, active FROM procedures ORDER BY code')).rows;

describe('tinhso procedures import / export', () => {
  it('reports the shipped catalogue as already imported', async () => {
    const { db, url } = await createTestDb('base');
    const before = await names(db);
    const res = await run(proceduresImportCommand, url);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toBe(`Đã nạp trước đó / already imported (${before.length} procedures)`);
    expect(await names(db)).toEqual(before);
  });

  it('exports JSON to stdout and to a file, and .xlsx to a file, all the same catalogue', async () => {
    const { db, url } = await createTestDb('base');
    const stdout = await run(proceduresExportCommand, url);
    expect(stdout.code, stdout.err).toBe(0);
    const fromStdout = JSON.parse(stdout.out) as Catalogue;
    expect(fromStdout.procedures.map((p) => p.code)).toEqual((await names(db)).map((p) => p.code));
    const jsonFile = path.join(dir, 'catalogue.json');
    const xlsxFile = path.join(dir, 'catalogue.xlsx');
    expect((await run(proceduresExportCommand, url, ['--format', 'json', '--out', jsonFile])).code).toBe(0);
    const byExtension = await run(proceduresExportCommand, url, ['--out', xlsxFile]);
    expect(byExtension.err).toMatch(/exported \d+ procedures/);
    const fromJson = parseCatalogue(JSON.parse(readFileSync(jsonFile, 'utf8')));
    const fromExcel = parseCatalogue(await xlsxToCatalogue(readFileSync(xlsxFile)));
    expect(fromExcel.procedures).toEqual(fromJson.procedures);
    expect(fromJson.procedures).toEqual(parseCatalogue(fromStdout).procedures);
  });

  it('imports an edited .xlsx with --file, and with --replace deactivates what it leaves out', async () => {
    const { db, url } = await createTestDb('base');
    const exported = JSON.parse((await run(proceduresExportCommand, url)).out) as Catalogue;
    const edited: Catalogue = {
      ...exported,
      procedures: exported.procedures.filter((p) => p.code !== 'giao-duc.chuyen-truong-thpt').map((p) => (p.code === 'ho-tich.khai-tu' ? { ...p, name: 'Đăng ký khai tử (bản tỉnh)' } : p)),
    };
    const file = path.join(dir, 'edited.xlsx');
    writeFileSync(file, await catalogueToXlsx(edited));
    const first = await run(proceduresImportCommand, url, ['--file', file]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/1 cập nhật \/ updated, \d+ không đổi \/ unchanged, 0 ngừng áp dụng/);
    const second = await run('main', url, ['procedures', 'import', '--file', file, '--replace']);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/0 cập nhật \/ updated, .* 1 ngừng áp dụng \/ deactivated/);
    const rows = await names(db);
    expect(rows.find((r) => r.code === 'ho-tich.khai-tu')?.name).toBe('Đăng ký khai tử (bản tỉnh)');
    expect(rows.find((r) => r.code === 'giao-duc.chuyen-truong-thpt')?.active).toBe(false);
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'procedure.update' AND actor_name = 'cli'`);
    expect(audit.rowCount).toBe(1);
  });

  it('refuses an invalid file with exit code 1, naming each problem, and changes nothing', async () => {
    const { db, url } = await createTestDb('base');
    const before = await names(db);
    const exported = JSON.parse((await run(proceduresExportCommand, url)).out) as Catalogue;
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...exported, procedures: exported.procedures.map((p, i) => (i === 0 ? { ...p, level: 'district' } : p)) }));
    const res = await run('main', url, ['procedures', 'import', '--file', bad]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/bad\.json: Danh mục thủ tục không hợp lệ: 1 lỗi/);
    expect(res.err).toMatch(/procedures\.0\.level: Thủ tục /);
    const notJson = path.join(dir, 'bad2.json');
    writeFileSync(notJson, '{');
    expect((await run('main', url, ['procedures', 'import', '--file', notJson])).err).toMatch(/not valid JSON/);
    expect((await run('main', url, ['procedures', 'export', '--format', 'csv'])).code).toBe(1);
    expect((await run('main', url, ['procedures', 'export', '--format', 'xlsx'])).err).toMatch(/needs --out/);
    expect(await names(db)).toEqual(before);
  });
});
