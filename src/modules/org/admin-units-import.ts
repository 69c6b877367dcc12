import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { withTransaction, type Db, type DbClient } from '../../platform/db/pool.ts';

/**
 * Loads the shipped 2025 administrative units (assets/admin-units, generated from the national
 * lists by scripts/admin-units/build.ts) into PostgreSQL. Idempotent: a file already imported
 * (same checksum) is skipped; a changed file updates the rows that differ (units are never
 * deleted: agencies and addresses point at them), replaces the conversion tables whole, keeps its
 * source recorded in data_imports, and is audited (`admin_units.import`).
 */
export const ADMIN_UNITS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../assets/admin-units/admin-units-2025.json',
);
export const DATASET = 'admin-units-2025';
/** Bumped when the importer loads more of the file, so that a database imported before re-imports. */
const IMPORTER_VERSION = 2;

type AdminUnitsFile = {
  source: string;
  columns: Record<string, readonly string[]>;
  provinces: { code: string; name: string; type: string }[];
  communes: string[][];
  legacyCommunes: string[][];
  conversion: string[][];
  legacyDistrictsWithoutCommunes: string[][];
  districtConversion: string[][];
  oldCodeAliases: string[][];
};

/** Column `name` of every array row of `table`, by the column list the file ships. */
const column = (file: AdminUnitsFile, table: keyof AdminUnitsFile & string, name: string): string[] => {
  const index = file.columns[table]?.indexOf(name) ?? -1;
  if (index < 0) throw new Error(`admin-units file: no column ${table}.${name}`);
  return (file[table] as string[][]).map((row) => row[index] ?? '');
};

export type ImportResult = {
  skipped: boolean;
  provinces: number;
  communes: number;
  legacyCommunes: number;
  conversion: number;
  codeAliases: number;
  districtConversion: number;
};

/** The conversion table's codes for listed old communes, and the island districts turned special zones. */
const importAliasesAndIslands = async (tx: DbClient, data: AdminUnitsFile) => {
  await tx.query(
    `INSERT INTO admin_commune_code_aliases (alias_code, legacy_code)
     SELECT * FROM unnest($1::text[], $2::text[])`,
    [column(data, 'oldCodeAliases', 'conversionTableCode'), column(data, 'oldCodeAliases', 'legacyCode')],
  );
  const [codes, names, provinceCodes, provinceNames] = ['code', 'name', 'provinceCode', 'provinceName'].map((c) =>
    column(data, 'legacyDistrictsWithoutCommunes', c),
  ) as [string[], string[], string[], string[]];
  const newCodes = column(data, 'districtConversion', 'newCode');
  const pairs = column(data, 'districtConversion', 'oldDistrictCode').map((oldCode, i) => {
    const d = codes.indexOf(oldCode);
    if (d < 0) throw new Error(`admin-units file: district ${oldCode} of districtConversion is not in legacyDistrictsWithoutCommunes`);
    return [oldCode, names[d] ?? '', provinceCodes[d] ?? '', provinceNames[d] ?? '', newCodes[i] ?? ''];
  });
  await tx.query(
    `INSERT INTO admin_district_conversion (old_district_code, old_district_name, old_province_code, old_province_name, new_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [0, 1, 2, 3, 4].map((i) => pairs.map((p) => p[i])),
  );
};

export const importAdminUnits = async (db: Db, file = ADMIN_UNITS_FILE): Promise<ImportResult> => {
  const text = await readFile(file, 'utf8');
  const checksum = createHash('sha256').update(`v${IMPORTER_VERSION}\n`).update(text).digest('hex');
  const data = JSON.parse(text) as AdminUnitsFile;
  const counts = {
    provinces: data.provinces.length,
    communes: data.communes.length,
    legacyCommunes: data.legacyCommunes.length,
    conversion: data.conversion.length,
    codeAliases: data.oldCodeAliases.length,
    districtConversion: data.districtConversion.length,
  };
  const done = await db.query('SELECT 1 FROM data_imports WHERE dataset = $1 AND checksum = $2', [DATASET, checksum]);
  if (done.rowCount) return { skipped: true, ...counts };

  const imported = await withTransaction(db, async (tx) => {
    // Two instances starting at once: the second waits, then finds the file imported.
    await tx.query('SELECT pg_advisory_xact_lock(727002)');
    const again = await tx.query('SELECT 1 FROM data_imports WHERE dataset = $1 AND checksum = $2', [DATASET, checksum]);
    if (again.rowCount) return false;
    await tx.query(
      `INSERT INTO admin_provinces (code, name, type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type
       WHERE (admin_provinces.name, admin_provinces.type) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type)`,
      [data.provinces.map((p) => p.code), data.provinces.map((p) => p.name), data.provinces.map((p) => p.type)],
    );
    await tx.query(
      `INSERT INTO admin_communes (code, name, type, province_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, province_code = EXCLUDED.province_code
       WHERE (admin_communes.name, admin_communes.type, admin_communes.province_code)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.province_code)`,
      ['code', 'name', 'type', 'provinceCode'].map((c) => column(data, 'communes', c)),
    );
    await tx.query(
      `INSERT INTO admin_legacy_communes AS l (code, name, district_code, district_name, province_code, province_name, level)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
         district_name = EXCLUDED.district_name, province_code = EXCLUDED.province_code,
         province_name = EXCLUDED.province_name, level = EXCLUDED.level
       WHERE (l.name, l.district_code, l.district_name, l.province_code, l.province_name, l.level)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.district_code, EXCLUDED.district_name, EXCLUDED.province_code,
                           EXCLUDED.province_name, EXCLUDED.level)`,
      ['code', 'name', 'districtCode', 'districtName', 'provinceCode', 'provinceName', 'level'].map((c) => column(data, 'legacyCommunes', c)),
    );
    // The link tables hold nothing else points at: replaced whole, so a pair dropped from the file goes.
    await tx.query('DELETE FROM admin_commune_conversion; DELETE FROM admin_commune_code_aliases; DELETE FROM admin_district_conversion');
    await tx.query(
      `INSERT INTO admin_commune_conversion (old_code, new_code)
       SELECT DISTINCT * FROM unnest($1::text[], $2::text[])`,
      [column(data, 'conversion', 'oldCode'), column(data, 'conversion', 'newCode')],
    );
    await importAliasesAndIslands(tx, data);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    await tx.query(
      `INSERT INTO data_imports (dataset, source, checksum, row_count) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dataset) DO UPDATE SET source = EXCLUDED.source, checksum = EXCLUDED.checksum,
         row_count = EXCLUDED.row_count, imported_at = now()`,
      [DATASET, data.source, checksum, rows],
    );
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'admin_units.import',
      target: { type: 'dataset', id: DATASET },
      after: { source: data.source, checksum, ...counts },
    });
    return true;
  });
  return { skipped: !imported, ...counts };
};
