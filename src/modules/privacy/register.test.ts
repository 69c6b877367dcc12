import { describe, expect, it } from 'vitest';
import { listMigrations } from '../../platform/db/migrate.ts';
import { loadRegister, parseRegister, registeredTables } from './register.ts';
import { scanColumns, tablesWithPersonalData } from './schema-scan.ts';

const register = loadRegister();

describe('processing register (docs/privacy/register.json)', () => {
  it('is valid and names the modules the law asks about', () => {
    expect(register.modules.map((m) => m.id)).toEqual(
      expect.arrayContaining(['accounts', 'services', 'feedback', 'notifications', 'audit', 'files', 'ioc', 'privacy']),
    );
    expect(register.deadlines).toEqual({ breachNotifyHours: 72, requestAcknowledgeHours: 72, requestCompleteWorkingDays: 10 });
  });

  it('covers every table whose columns hold personal data (read from the migrations)', async () => {
    const migrations = await listMigrations();
    const personal = tablesWithPersonalData(scanColumns(migrations.map((m) => m.sql)));
    // The scan itself must find the obvious ones, or it proves nothing.
    expect([...personal.keys()]).toEqual(expect.arrayContaining(['users', 'citizen_id_numbers', 'feedback_reports', 'sessions', 'consents']));
    expect(personal.get('users')).toEqual(expect.arrayContaining(['full_name', 'email', 'phone']));
    const covered = registeredTables(register);
    const missing = [...personal].filter(([table]) => !covered.has(table)).map(([table, cols]) => `${table} (${cols.join(', ')})`);
    expect(missing, 'add these tables to docs/privacy/register.json').toEqual([]);
  });

  it('lists only tables that exist', async () => {
    const tables = scanColumns((await listMigrations()).map((m) => m.sql));
    expect([...registeredTables(register)].filter((t) => !tables.has(t))).toEqual([]);
  });

  it('refuses a register with a missing field or a table claimed twice', () => {
    const broken = structuredClone(register) as unknown as { modules: { purpose?: unknown; tables: string[] }[] };
    delete broken.modules[0]!.purpose;
    expect(() => parseRegister(broken)).toThrow(/modules\.0\.purpose/);
    const twice = structuredClone(register);
    twice.modules[1]!.tables.push(twice.modules[0]!.tables[0]!);
    expect(() => parseRegister(twice)).toThrow(/listed by both/);
  });
});
