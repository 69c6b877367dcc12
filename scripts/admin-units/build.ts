/**
 * Builds assets/admin-units/admin-units-2025.json from the three source CSVs.
 *
 *   npx tsx scripts/admin-units/build.ts [source-dir] [--verbose]
 *
 * source-dir defaults to ../shared/data/admin-units beside the repository. Every name is
 * cleaned (normalizeText, then cleanUnitName); rows are sorted by code, so the same input always
 * gives the same bytes and running it twice changes nothing. The format is described in
 * assets/admin-units/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reconcile, type ReconcileReport } from './reconcile.ts';
import { SOURCE_FILES, readConversion, readDivisions, readLegacy } from './sources.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SOURCE_DIR = resolve(REPO_ROOT, '../shared/data/admin-units');
export const OUTPUT_FILE = resolve(REPO_ROOT, 'assets/admin-units/admin-units-2025.json');

export const SOURCE_CREDIT =
  "Vietnam's administrative units and their national statistical codes: the national statistics " +
  "office's published lists and the Ministry of Home Affairs conversion table for the units in force " +
  'from 2025-07-01, as collected by the open-source VietnamProvinces project (sunshine-tech, ' +
  'https://github.com/sunshine-tech/VietnamProvinces). Names and codes are public facts; this file ' +
  'is generated from them by scripts/admin-units/build.ts, with names normalised.';

/** Column names of the array rows, shipped in the file itself. */
export const COLUMNS = {
  communes: ['code', 'name', 'type', 'provinceCode'],
  legacyCommunes: ['code', 'name', 'districtCode', 'districtName', 'provinceCode', 'provinceName', 'level'],
  legacyDistrictsWithoutCommunes: ['code', 'name', 'provinceCode', 'provinceName'],
  conversion: ['oldCode', 'newCode'],
  districtConversion: ['oldDistrictCode', 'newCode'],
  oldCodeAliases: ['conversionTableCode', 'legacyCode'],
} as const;

/** A tuple of strings, one per column name. */
type Strings<T extends readonly string[]> = { -readonly [I in keyof T]: string };
export type Row<K extends keyof typeof COLUMNS> = Strings<(typeof COLUMNS)[K]>;

export interface AdminUnitsFile {
  source: string;
  generatedFrom: string[];
  columns: typeof COLUMNS;
  provinces: { code: string; name: string; type: string }[];
  communes: Row<'communes'>[];
  legacyCommunes: Row<'legacyCommunes'>[];
  /** Codes of legacyCommunes rows taken from the conversion table (the old list lacks them). */
  legacyCommunesFromConversion: string[];
  legacyDistrictsWithoutCommunes: Row<'legacyDistrictsWithoutCommunes'>[];
  conversion: Row<'conversion'>[];
  districtConversion: Row<'districtConversion'>[];
  oldCodeAliases: Row<'oldCodeAliases'>[];
}

export interface BuildReport extends ReconcileReport {
  conversionRows: number;
  provinceHeadings: number;
}

const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function assertUnique(what: string, codes: string[]): void {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) throw new Error(`duplicate ${what} code ${c}`);
    seen.add(c);
  }
}

export function buildDataset(dir: string): { data: AdminUnitsFile; report: BuildReport } {
  const { provinces, communes } = readDivisions(dir);
  const legacy = readLegacy(dir);
  const { rows, headings } = readConversion(dir);
  assertUnique('province', provinces.map((p) => p.code));
  assertUnique('commune', communes.map((c) => c.code));
  assertUnique('legacy commune', legacy.communes.map((c) => c.code));

  const r = reconcile(rows, communes, legacy.communes, legacy.districtsWithoutCommunes);
  const data: AdminUnitsFile = {
    source: SOURCE_CREDIT,
    generatedFrom: [SOURCE_FILES.divisions, SOURCE_FILES.legacy, SOURCE_FILES.conversion],
    columns: COLUMNS,
    provinces: [...provinces].sort(byCode).map((p) => ({ code: p.code, name: p.name, type: p.type })),
    communes: [...communes].sort(byCode).map((c) => [c.code, c.name, c.type, c.provinceCode]),
    legacyCommunes: [...legacy.communes, ...r.supplemented]
      .sort(byCode)
      .map((c) => [c.code, c.name, c.districtCode, c.districtName, c.provinceCode, c.provinceName, c.level]),
    legacyCommunesFromConversion: r.supplemented.map((c) => c.code).sort(),
    legacyDistrictsWithoutCommunes: [...legacy.districtsWithoutCommunes]
      .sort(byCode)
      .map((d) => [d.code, d.name, d.provinceCode, d.provinceName]),
    conversion: r.pairs,
    districtConversion: r.districtPairs,
    oldCodeAliases: r.aliases,
  };
  assertUnique('legacy commune (with additions)', data.legacyCommunes.map((c) => c[0]));
  return { data, report: { ...r.report, conversionRows: rows.length, provinceHeadings: headings.length } };
}

/** JSON with one province / commune / pair per line: compact, yet readable in a diff. */
export function serialize(data: AdminUnitsFile): string {
  const parts = Object.entries(data).map(([key, value]) => {
    const body =
      Array.isArray(value) && value.length > 0
        ? `[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`
        : JSON.stringify(value);
    return `${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

function tally(keys: string[]): string[] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([k, n]) => `  ${n} × ${k}`);
}

const NAME_KINDS = new Set(['old commune named differently', 'new commune named differently']);

export function summary(data: AdminUnitsFile, report: BuildReport, verbose: boolean): string[] {
  const count = (type: string): number => data.communes.filter((c) => c[2] === type).length;
  const successors = new Set(data.conversion.map((p) => p[0]));
  const orphans = data.legacyCommunes.filter((c) => !successors.has(c[0]));
  return [
    `provinces ${data.provinces.length}; communes ${data.communes.length} ` +
      `(phường ${count('phường')}, xã ${count('xã')}, đặc khu ${count('đặc khu')})`,
    `legacy communes ${data.legacyCommunes.length} (${data.legacyCommunesFromConversion.length} added from the conversion table); ` +
      `legacy districts without communes ${data.legacyDistrictsWithoutCommunes.length}`,
    `conversion: ${report.conversionRows} data rows under ${report.provinceHeadings} province headings → ` +
      `${data.conversion.length} pairs (${report.duplicateRows} duplicate rows), ${data.districtConversion.length} whole-district pairs, ` +
      `${data.oldCodeAliases.length} old-code aliases`,
    `skipped ${report.skipped.length} conversion rows:`,
    ...tally(report.skipped.map((s) => s.reason)),
    ...report.skipped.map((s) => `    record ${s.record}: ${s.row}`),
    `warnings ${report.warnings.length}${verbose ? '' : ' (name differences listed with --verbose)'}:`,
    ...tally(report.warnings.map((w) => w.kind)),
    ...report.warnings.filter((w) => verbose || !NAME_KINDS.has(w.kind)).map((w) => `    ${w.detail}`),
    `legacy communes with no successor in the table: ${orphans.length}`,
    ...orphans.map((c) => `    ${c[0]} ${c[1]}, ${c[3]}, ${c[5]}`),
  ];
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_SOURCE_DIR);
  const { data, report } = buildDataset(dir);
  const text = serialize(data);
  mkdirSync(dirname(OUTPUT_FILE), { recursive: true });
  writeFileSync(OUTPUT_FILE, text);
  const lines = [`read ${dir}`, `wrote ${OUTPUT_FILE} (${Buffer.byteLength(text)} bytes)`];
  console.log([...lines, ...summary(data, report, args.includes('--verbose'))].join('\n'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
