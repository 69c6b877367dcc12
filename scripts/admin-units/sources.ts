/**
 * Readers for the three source CSVs in shared/data/admin-units (see its README). Each returns
 * cleaned rows (every name through `normalizeText`) plus notes on what it had to skip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../../src/platform/text/index.ts';
import { parseCsv } from './csv.ts';

export const SOURCE_FILES = {
  divisions: 'divisions-2025-07.csv',
  legacy: 'communes-pre-2025-07.csv',
  conversion: 'communes-2025-07-conversion.csv',
} as const;

export interface Province {
  code: string;
  name: string;
  type: string;
}
export interface Commune {
  code: string;
  name: string;
  type: string;
  provinceCode: string;
}
export interface LegacyCommune {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  provinceCode: string;
  provinceName: string;
  level: string;
}
/** A pre-2025 district that had no communes (island districts), from the legacy list. */
export interface LegacyDistrict {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}
/** One data row of the conversion table, cleaned. Codes are '' when the cell had none. */
export interface ConversionRow {
  /** 1-based record number in the file, header records included (a record may span lines). */
  record: number;
  newProvinceCode: string;
  newName: string;
  newCode: string;
  oldName: string;
  oldCode: string;
  note: string;
  oldDistrictCode: string;
  oldDistrictName: string;
  oldProvinceCode: string;
  oldProvinceName: string;
}

const PROVINCE_CODE = /^\d{2}$/;
const DISTRICT_CODE = /^\d{3}$/;
const COMMUNE_CODE = /^\d{5}$/;

function readRows(dir: string, file: string): string[][] {
  return parseCsv(readFileSync(join(dir, file), 'utf8')).filter((r) => r.some((c) => c.trim() !== ''));
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

type Tuple<N extends number, T extends string[] = []> = T['length'] extends N ? T : Tuple<N, [...T, string]>;

/** Unit-type words that open a name, in their one accepted spelling. */
const NAME_PREFIXES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Phường', 'Huyện', 'Quận', 'Tỉnh', 'Xã'];
const PREFIX_RE = new RegExp(`^(${NAME_PREFIXES.join('|')})(?= )`, 'iu');

/**
 * A unit name in its one form: normalizeText, the type prefix spelled as in NAME_PREFIXES
 * ("xã Bắc Sơn" → "Xã Bắc Sơn", "Thị Xã" → "Thị xã"), and every later word capitalised — the
 * sources lose the capital of accented initials ("Xã Đại áng", "Xã Pa ủ" → "Đại Áng", "Pa Ủ").
 */
export function cleanUnitName(raw: string): string {
  const text = normalizeText(raw);
  const m = PREFIX_RE.exec(text);
  const prefix = NAME_PREFIXES.find((p) => p.toLowerCase() === m?.[1]?.toLowerCase());
  if (prefix === undefined) return text; // not a unit name, e.g. "Khu vực bãi bồi ven biển …"
  const rest = text.slice(prefix.length).replace(/(^| )(\p{Ll})/gu, (_all, sp: string, ch: string) => sp + ch.toUpperCase());
  return prefix + rest;
}

const cell = (r: string[], i: number): string => normalizeText(r[i] ?? '');
/** The first n cells of a row, cleaned; missing cells read as ''. */
const cells = <N extends number>(r: string[], n: N): Tuple<N> => Array.from({ length: n }, (_, i) => cell(r, i)) as Tuple<N>;

/** Splits "Thành phố Hà Nội (01)" into name and code; code '' when there is none. */
export function splitCoded(text: string): { name: string; code: string } {
  const m = /^(.*?)\s*\((\d+)\)$/u.exec(text);
  return m ? { name: m[1] ?? '', code: m[2] ?? '' } : { name: text, code: '' };
}

export function readDivisions(dir: string): { provinces: Province[]; communes: Commune[] } {
  const [header, ...rows] = readRows(dir, SOURCE_FILES.divisions);
  check(header?.[0]?.trim() === 'province_code', `${SOURCE_FILES.divisions}: unexpected header`);
  const provinces = new Map<string, Province>();
  const communes: Commune[] = [];
  for (const r of rows) {
    const [pCode, pName, pType, code, name, type] = cells(r, 6);
    check(PROVINCE_CODE.test(pCode) && COMMUNE_CODE.test(code), `${SOURCE_FILES.divisions}: bad codes in ${r.join(',')}`);
    const province = { code: pCode, name: cleanUnitName(pName), type: pType.toLowerCase() };
    const seen = provinces.get(province.code);
    check(!seen || (seen.name === province.name && seen.type === province.type), `province ${province.code} named two ways`);
    provinces.set(province.code, province);
    communes.push({ code, name: cleanUnitName(name), type: type.toLowerCase(), provinceCode: province.code });
  }
  return { provinces: [...provinces.values()], communes };
}

export function readLegacy(dir: string): { communes: LegacyCommune[]; districtsWithoutCommunes: LegacyDistrict[] } {
  const [header, ...rows] = readRows(dir, SOURCE_FILES.legacy);
  check(normalizeText(header?.[5] ?? '') === 'Mã PX', `${SOURCE_FILES.legacy}: unexpected header`);
  const communes: LegacyCommune[] = [];
  const districtsWithoutCommunes: LegacyDistrict[] = [];
  for (const r of rows) {
    const [provinceName, provinceCode, districtName, districtCode, name, code, level] = cells(r, 7);
    check(PROVINCE_CODE.test(provinceCode) && DISTRICT_CODE.test(districtCode), `${SOURCE_FILES.legacy}: bad codes in ${r.join(',')}`);
    if (code === '' && name === '' && level.toLowerCase() === 'huyện') {
      districtsWithoutCommunes.push({ code: districtCode, name: cleanUnitName(districtName), provinceCode, provinceName: cleanUnitName(provinceName) });
      continue;
    }
    check(COMMUNE_CODE.test(code), `${SOURCE_FILES.legacy}: bad commune code in ${r.join(',')}`);
    communes.push({
      code,
      name: cleanUnitName(name),
      districtCode,
      districtName: cleanUnitName(districtName),
      provinceCode,
      provinceName: cleanUnitName(provinceName),
      level: level.toLowerCase(),
    });
  }
  return { communes, districtsWithoutCommunes };
}

export interface ConversionRead {
  rows: ConversionRow[];
  /** Province heading rows ("THÀNH PHỐ HÀ NỘI", "Tỉnh Bắc Ninh (24)"): structure, not data. */
  headings: string[];
}

export function readConversion(dir: string): ConversionRead {
  const all = parseCsv(readFileSync(join(dir, SOURCE_FILES.conversion), 'utf8'));
  const header = cells(all[1] ?? [], 5);
  check(header[2] === 'Mã Xã mới' && header[4] === 'Mã Xã cũ', `${SOURCE_FILES.conversion}: unexpected header`);
  const rows: ConversionRow[] = [];
  const headings: string[] = [];
  all.slice(2).forEach((r, i) => {
    const [province, newName, newCode, oldName, oldCode, note, district, oldProvince] = cells(r, 8);
    if ([newName, newCode, oldName, oldCode, note, district, oldProvince].every((v) => v === '')) {
      if (province !== '') headings.push(province);
      return;
    }
    const d = splitCoded(district);
    const op = splitCoded(oldProvince);
    rows.push({
      record: i + 3,
      newProvinceCode: splitCoded(province).code,
      newName: cleanUnitName(newName),
      newCode,
      oldName: cleanUnitName(oldName),
      oldCode,
      note,
      oldDistrictCode: d.code,
      oldDistrictName: cleanUnitName(d.name),
      oldProvinceCode: op.code,
      oldProvinceName: cleanUnitName(op.name),
    });
  });
  return { rows, headings };
}

/** The level a unit name's prefix implies ("Thị trấn X" → "thị trấn"), or '' without one. */
export function levelFromName(name: string): string {
  return PREFIX_RE.exec(name)?.[1]?.toLowerCase() ?? '';
}

export const isCommuneCode = (s: string): boolean => COMMUNE_CODE.test(s);
export const isDistrictCode = (s: string): boolean => DISTRICT_CODE.test(s);
