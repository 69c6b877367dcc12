import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { DEMO_AGENCIES } from '../../../seed/demo-data.ts';
import { CATALOGUE_DATASET, CATALOGUE_FILE, importProcedureCatalogue } from './import-catalogue.ts';
import { exportCatalogue } from './export-catalogue.ts';

type ShippedProcedure = { code: string; level: string; agencyCode: string; field: string; form: object; reviewNote: string; fees: { amount: number }[]; documents: { code: string }[] };
const shipped = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as { source: string; procedures: ShippedProcedure[] };
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let db: Db;
const auditCount = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'procedure%'`)).rows[0]!.n;

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
});

describe('the shipped catalogue (assets/procedures/catalogue.json)', () => {
  it('holds at least 40 procedures across the common fields, each marked for review', () => {
    expect(shipped.procedures.length).toBeGreaterThanOrEqual(40);
    expect(shipped.source).toMatch(/rà soát/);
    const fields = new Set(shipped.procedures.map((p) => p.field));
    for (const f of ['Hộ tịch', 'Cư trú', 'Đăng ký kinh doanh (hộ kinh doanh)', 'Xây dựng', 'Đất đai', 'Bảo trợ xã hội', 'Chứng thực', 'Lý lịch tư pháp', 'Giáo dục và Đào tạo', 'Dược phẩm']) {
      expect(fields, f).toContain(f);
    }
    for (const p of shipped.procedures) {
      expect(p.reviewNote, p.code).toMatch(/^cần rà soát/);
      expect(p.fees.every((f) => Number.isInteger(f.amount) && f.amount >= 0), p.code).toBe(true);
    }
  });

  it('has a valid JSON Schema 2020-12 form for every procedure (ajv strict, with formats)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    for (const p of shipped.procedures) {
      expect(ajv.validateSchema(p.form), `${p.code}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      const validate = ajv.compile(p.form);
      expect(validate({}), p.code).toBe(false); // every form requires something
      ajv.removeSchema(p.form);
    }
  });

  it('names only agencies of the demo province, and "commune" exactly for commune-level procedures', async () => {
    const { rows } = await db.query<{ code: string }>('SELECT code FROM agencies');
    const codes = new Set(rows.map((r) => r.code));
    expect(codes.size).toBeGreaterThan(DEMO_AGENCIES.length);
    for (const p of shipped.procedures) {
      if (p.level === 'commune') expect(p.agencyCode, p.code).toBe('commune');
      else expect(codes.has(p.agencyCode), `${p.code}: ${p.agencyCode}`).toBe(true);
    }
    expect(shipped.procedures.filter((p) => p.level === 'province').length).toBeGreaterThanOrEqual(10);
  });

  it('is loaded into every database with its source, as the file says', async () => {
    const { rows } = await db.query<{ source: string; row_count: number }>('SELECT source, row_count FROM data_imports WHERE dataset = $1', [CATALOGUE_DATASET]);
    expect(rows[0]).toEqual({ source: shipped.source, row_count: shipped.procedures.length });
    const exported = await exportCatalogue(db);
    expect(exported.procedures.map((p) => p.code)).toEqual(shipped.procedures.map((p) => p.code).sort());
    const birth = exported.procedures.find((p) => p.code === 'ho-tich.khai-sinh');
    expect(birth?.form).toEqual(shipped.procedures.find((p) => p.code === 'ho-tich.khai-sinh')?.form);
  });
});

describe('importProcedureCatalogue (at every start)', () => {
  it('skips a file already imported, writing nothing', async () => {
    const audits = await auditCount();
    const result = await importProcedureCatalogue(db);
    expect(result).toMatchObject({ skipped: true, total: shipped.procedures.length, created: 0, updated: 0 });
    expect(await auditCount()).toBe(audits);
  });

  it('re-applies a file whose record is gone without changing identical procedures', async () => {
    await db.query('DELETE FROM data_imports WHERE dataset = $1', [CATALOGUE_DATASET]);
    const before = await db.query('SELECT code, updated_at FROM procedures ORDER BY code');
    const audits = await auditCount();
    const result = await importProcedureCatalogue(db);
    expect(result).toEqual({ skipped: false, total: shipped.procedures.length, created: 0, updated: 0, unchanged: shipped.procedures.length, deactivated: 0 });
    expect((await db.query('SELECT code, updated_at FROM procedures ORDER BY code')).rows).toEqual(before.rows);
    expect(await auditCount()).toBe(audits + 1); // the import itself, no procedure entry
    expect((await importProcedureCatalogue(db)).skipped).toBe(true);
  });

  it('restores a shipped procedure changed in the database when the file is re-applied, and keeps local ones', async () => {
    await db.query(`UPDATE procedures SET name = 'Tên đã sửa' WHERE code = 'ho-tich.khai-tu'`);
    await db.query(`INSERT INTO procedures (code, name, field, level, agency_code, days, online, form, result, legal_basis)
      SELECT 'dia-phuong.rieng', 'Thủ tục riêng của tỉnh', field, level, agency_code, days, online, form, result, legal_basis FROM procedures WHERE code = 'ho-tich.khai-tu'`);
    await db.query('DELETE FROM data_imports WHERE dataset = $1', [CATALOGUE_DATASET]);
    const result = await importProcedureCatalogue(db);
    expect(result).toMatchObject({ skipped: false, updated: 1, created: 0 });
    const { rows } = await db.query<{ code: string; name: string; active: boolean }>(`SELECT code, name, active FROM procedures WHERE code IN ('ho-tich.khai-tu', 'dia-phuong.rieng') ORDER BY code`);
    expect(rows).toEqual([
      { code: 'dia-phuong.rieng', name: 'Thủ tục riêng của tỉnh', active: true },
      { code: 'ho-tich.khai-tu', name: 'Đăng ký khai tử', active: true },
    ]);
    const audit = await db.query<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'procedure.update' AND target_id = 'ho-tich.khai-tu'`);
    expect(audit.rows).toEqual([{ actor_name: 'system' }]);
  });
});
