import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../../../cli/main.ts';
import { withMigratedDatabase } from '../../../cli/database.ts';
import { AppError } from '../../../platform/http/problems.ts';
import { exportCatalogue } from './export-catalogue.ts';
import { CATALOGUE_FILE, importProcedureCatalogue } from './import-catalogue.ts';
import { importProcedures } from './import-procedures.ts';
import type { ImportSummary } from './schema.ts';
import { parseCatalogue } from './validate-catalogue.ts';

const CLI_ACTOR = { id: null, name: 'cli' };


const describe = (s: ImportSummary) =>
  `${s.total} thủ tục / procedures: ${s.created} mới / new, ${s.updated} cập nhật / updated, ${s.unchanged} không đổi / unchanged, ${s.deactivated} ngừng áp dụng / deactivated`;

/** A catalogue file, JSON or .xlsx by its extension, validated; problems printed one a line. */
const readCatalogue = async (file: string) => {
  const bytes = await readFile(file);
  try {
    const isExcel = file.toLowerCase().endsWith('.xlsx');
    return parseCatalogue(isExcel ? await (await import('./excel-read.ts')).xlsxToCatalogue(bytes) : JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${file}: không phải JSON hợp lệ / not valid JSON (${error.message})`, { cause: error });
    if (!(error instanceof AppError)) throw error;
    const lines = (error.extra.errors ?? []).map((e) => `  ${e.field}: ${e.message}`);
    throw new Error([`${file}: ${error.detail ?? error.message}`, ...lines].join('\n'), { cause: error });
  }
};

export const proceduresImportCommand: Command = {
  name: 'procedures import',
  summary: 'Nạp danh mục thủ tục hành chính (JSON/Excel) / import the procedure catalogue',
  usage: [
    'tinhso procedures import [--file PATH] [--replace]',
    '',
    `Without --file, loads the shipped catalogue (${path.relative(process.cwd(), CATALOGUE_FILE)}); it is`,
    'skipped when already imported (same checksum), as at every start.',
    'With --file, loads PATH (.json in the shipped layout, or .xlsx as `procedures export` writes it):',
    'new procedures are added, changed ones updated, identical ones left alone; nothing is deleted.',
    '--replace also deactivates (hides from search) the procedures the file does not list.',
    'An invalid file changes nothing; its problems are printed and the exit code is 1.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { file: { type: 'string' }, replace: { type: 'boolean', default: false } }, strict: true });
    if (!values.file) {
      if (values.replace) throw new Error('--replace cần --file / --replace needs --file');
      return withMigratedDatabase(async (db) => {
        const result = await importProcedureCatalogue(db);
        console.log(result.skipped ? `Đã nạp trước đó / already imported (${result.total} procedures)` : `Đã nạp / imported ${describe(result)}`);
        return 0;
      });
    }
    const file = path.resolve(values.file);
    const catalogue = await readCatalogue(file);
    return withMigratedDatabase(async (db) => {
      const summary = await importProcedures(db, catalogue, { actor: CLI_ACTOR, replace: values.replace });
      console.log(`Đã nạp / imported ${describe(summary)}`);
      return 0;
    });
  },
};

export const proceduresExportCommand: Command = {
  name: 'procedures export',
  summary: 'Xuất danh mục thủ tục ra JSON hoặc Excel / export the procedure catalogue',
  usage: [
    'tinhso procedures export [--format json|xlsx] [--out FILE]',
    '',
    'Writes the whole catalogue (inactive procedures included, flagged) in the layout `procedures import`',
    'reads. --format defaults to the extension of FILE, else json; without --out, JSON goes to stdout.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' } }, strict: true });
    const format = values.format ?? (values.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'json');
    if (format !== 'json' && format !== 'xlsx') throw new Error(`--format json|xlsx, không phải / not "${format}"`);
    if (format === 'xlsx' && !values.out) throw new Error('--format xlsx cần --out FILE / needs --out FILE');
    return withMigratedDatabase(async (db) => {
      const catalogue = await exportCatalogue(db);
      const bytes = format === 'xlsx' ? await (await import('./excel-write.ts')).catalogueToXlsx(catalogue) : `${JSON.stringify(catalogue, null, 2)}\n`;
      if (!values.out) {
        process.stdout.write(bytes);
        return 0;
      }
      await writeFile(path.resolve(values.out), bytes);
      console.error(`Đã xuất / exported ${catalogue.procedures.length} procedures to ${values.out}`);
      return 0;
    });
  },
};

export const procedureCommands: Command[] = [proceduresImportCommand, proceduresExportCommand];
