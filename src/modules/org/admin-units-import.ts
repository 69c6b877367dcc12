import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTransaction, type Db } from '../../platform/db/pool.ts';

/**
 * Loads the shipped 2025 administrative units (assets/admin-units, generated from the national
 * lists by scripts/admin-units/build.ts) into PostgreSQL. Idempotent: a file already imported
 * (same checksum) is skipped; a changed file upserts every row and keeps its source recorded.
 */
export const ADMIN_UNITS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../assets/admin-units/admin-units-2025.json',
);
const DATASET = 'admin-units-2025';

type AdminUnitsFile = {
  source: string;
  columns: Record<string, readonly string[]>;
  provinces: { code: string; name: string; type: string }[];
  communes: string[][];
  legacyCommunes: string[][];
  conversion: string[][];
};

/** Column `name` of every array row of `table`, by the column list the file ships. */
const column = (file: AdminUnitsFile, table: keyof AdminUnitsFile & string, name: string): string[] => {
  const index = file.columns[table]?.indexOf(name) ?? -1;
  if (index < 0) throw new Error(`admin-units file: no column ${table}.${name}`);
  return (file[table] as string[][]).map((row) => row[index] ?? '');
};

export type ImportResult = { skipped: boolean; provinces: number; communes: number; legacyCommunes: number; conversion: number };

export const importAdminUnits = async (db: Db, file = ADMIN_UNITS_FILE): Promise<ImportResult> => {
  const text = await readFile(file, 'utf8');
  const checksum = createHash('sha256').update(text).digest('hex');
  const data = JSON.parse(text) as AdminUnitsFile;
  const counts = {
    provinces: data.provinces.length,
    communes: data.communes.length,
    legacyCommunes: data.legacyCommunes.length,
    conversion: data.conversion.length,
  };
  const done = await db.query('SELECT 1 FROM data_imports WHERE dataset = $1 AND checksum = $2', [DATASET, checksum]);
  if (done.rowCount) return { skipped: true, ...counts };

  await withTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO admin_provinces (code, name, type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type`,
      [data.provinces.map((p) => p.code), data.provinces.map((p) => p.name), data.provinces.map((p) => p.type)],
    );
    await tx.query(
      `INSERT INTO admin_communes (code, name, type, province_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, province_code = EXCLUDED.province_code`,
      ['code', 'name', 'type', 'provinceCode'].map((c) => column(data, 'communes', c)),
    );
    await tx.query(
      `INSERT INTO admin_legacy_communes (code, name, district_code, district_name, province_code, province_name, level)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
         district_name = EXCLUDED.district_name, province_code = EXCLUDED.province_code,
         province_name = EXCLUDED.province_name, level = EXCLUDED.level`,
      ['code', 'name', 'districtCode', 'districtName', 'provinceCode', 'provinceName', 'level'].map((c) => column(data, 'legacyCommunes', c)),
    );
    await tx.query(
      `INSERT INTO admin_commune_conversion (old_code, new_code)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [column(data, 'conversion', 'oldCode'), column(data, 'conversion', 'newCode')],
    );
    const rows = counts.provinces + counts.communes + counts.legacyCommunes + counts.conversion;
    await tx.query(
      `INSERT INTO data_imports (dataset, source, checksum, row_count) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dataset) DO UPDATE SET source = EXCLUDED.source, checksum = EXCLUDED.checksum,
         row_count = EXCLUDED.row_count, imported_at = now()`,
      [DATASET, data.source, checksum, rows],
    );
  });
  return { skipped: false, ...counts };
};
