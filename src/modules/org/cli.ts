import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../../cli/main.ts';
import { withMigratedDatabase } from '../../cli/database.ts';
import { isDatabaseEmpty, seedDemo } from '../../seed/demo.ts';
import { totpKeyOf } from '../../platform/auth/totp-secrets.ts';
import { ADMIN_UNITS_FILE, importAdminUnits } from './admin-units-import.ts';


export const adminUnitsImportCommand: Command = {
  name: 'admin-units import',
  summary: 'Nạp danh mục đơn vị hành chính 2025 / import the administrative units',
  usage: [
    'tinhso admin-units import [--file PATH]',
    '',
    'Loads the 34 provinces, 3,321 communes, the communes before 1 July 2025 and the official',
    `conversion table from PATH (default ${path.relative(process.cwd(), ADMIN_UNITS_FILE)}).`,
    'Idempotent: a file already imported is skipped ("already imported"); a changed file updates every row.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { file: { type: 'string' } }, strict: true });
    const file = path.resolve(values.file ?? ADMIN_UNITS_FILE);
    return withMigratedDatabase(async (db) => {
      const result = await importAdminUnits(db, file);
      const counts = `${result.provinces} provinces, ${result.communes} communes, ${result.legacyCommunes} old communes, ${result.conversion} conversion pairs`;
      console.log(result.skipped ? `Đã nạp trước đó / already imported (${counts})` : `Đã nạp / imported ${counts}`);
      return 0;
    });
  },
};

export const seedDemoCommand: Command = {
  name: 'seed demo',
  summary: 'Nạp tỉnh mẫu (Tây Ninh) vào CSDL trống / load the demo province into an empty database',
  usage: [
    'tinhso seed demo',
    '',
    'Loads the demo province (agencies of every commune, Party organisations, demo accounts with',
    'password demo1234) into a database that has no users yet. Refuses (exit code 1) otherwise.',
    'Imports the administrative units first when they are missing.',
  ].join('\n'),
  run: async (args) => {
    parseArgs({ args, options: {}, strict: true });
    return withMigratedDatabase(async (db, config) => {
      if (!(await isDatabaseEmpty(db))) {
        console.error('Từ chối: cơ sở dữ liệu đã có người dùng; chỉ nạp dữ liệu mẫu vào CSDL trống.\nRefused: the database already has users; the demo seed only loads into an empty database.');
        return 1;
      }
      await importAdminUnits(db);
      const result = await seedDemo(db, totpKeyOf(config));
      if (!result.seeded) {
        console.error('Từ chối: cơ sở dữ liệu vừa có người dùng. / Refused: users appeared meanwhile.');
        return 1;
      }
      console.log(`Đã nạp tỉnh mẫu / demo province loaded: ${result.agencies} agencies, ${result.partyOrgs} Party organisations, ${result.users} accounts (password demo1234)`);
      return 0;
    });
  },
};

export const orgCommands: Command[] = [adminUnitsImportCommand, seedDemoCommand];
