/**
 * Turns the conversion table's rows into (old commune → new commune) pairs that point into the
 * two lists, and reports every row it cannot use and every fact on which the sources disagree.
 *
 * Where the table's old code is not in the old list:
 * - if the old list has exactly one commune of the same name in the same district that no row
 *   of the table mentions, it is the same unit under another code (Hồ Chí Minh City's wards
 *   renumbered in January 2025): the pair uses the list's code and the table's code is kept in
 *   `oldCodeAliases`;
 * - otherwise the unit is missing from the old list (created after it, e.g. Mộc Châu's wards):
 *   it is added to the legacy communes from the table's own columns, and listed in `supplemented`.
 */
import {
  SOURCE_FILES,
  isCommuneCode,
  levelFromName,
  type Commune,
  type ConversionRow,
  type LegacyCommune,
  type LegacyDistrict,
} from './sources.ts';

export interface ReconcileReport {
  /** Conversion rows that give no (old commune → new commune) pair, with the reason. */
  skipped: { record: number; reason: string; row: string }[];
  /** Facts on which the sources disagree (the lists win), by kind. */
  warnings: { kind: string; detail: string }[];
  duplicateRows: number;
}

export interface Reconciled {
  pairs: [oldCode: string, newCode: string][];
  districtPairs: [oldDistrictCode: string, newCode: string][];
  supplemented: LegacyCommune[];
  aliases: [tableCode: string, listCode: string][];
  report: ReconcileReport;
}

export function describeRow(r: ConversionRow): string {
  return `${r.newName} (${r.newCode || '-'}) ← ${r.oldName || '-'} (${r.oldCode || '-'}), ${r.oldDistrictName} (${r.oldDistrictCode || '-'})`;
}

const byPair = (a: readonly string[], b: readonly string[]): number => {
  const x = a.join(','), y = b.join(',');
  return x < y ? -1 : x > y ? 1 : 0;
};

export function reconcile(
  rows: ConversionRow[],
  communes: Commune[],
  legacy: LegacyCommune[],
  districtsWithoutCommunes: LegacyDistrict[],
): Reconciled {
  const newByCode = new Map(communes.map((c) => [c.code, c]));
  const oldByCode = new Map(legacy.map((c) => [c.code, c]));
  const islandDistricts = new Set(districtsWithoutCommunes.map((d) => d.code));
  const mentioned = new Set(rows.map((r) => r.oldCode));
  const report: ReconcileReport = { skipped: [], warnings: [], duplicateRows: 0 };
  const pairs = new Map<string, [string, string]>();
  const districtPairs = new Map<string, [string, string]>();
  const aliases = new Map<string, string>();
  const supplemented = new Map<string, LegacyCommune>();
  const warn = (r: ConversionRow, kind: string, what: string): void => {
    report.warnings.push({ kind, detail: `record ${r.record}: ${what} — ${describeRow(r)}` });
  };

  for (const c of legacy) {
    if (levelFromName(c.name) !== c.level) {
      const detail = `${c.code} ${c.name}, ${c.districtName}: level "${c.level}"`;
      report.warnings.push({ kind: 'old list: level differs from the name', detail });
    }
  }

  /** The old list's code for the table's old commune, adding or aliasing it when missing. */
  const resolveOld = (r: ConversionRow): string => {
    const known = oldByCode.get(r.oldCode);
    if (known) {
      if (known.name !== r.oldName) warn(r, 'old commune named differently', `the old list says "${known.name}"`);
      if (known.provinceCode !== r.oldProvinceCode) {
        warn(r, 'old province differs', `old province ${r.oldProvinceName} (${r.oldProvinceCode}), the old list says ${known.provinceCode}`);
      }
      if (known.districtCode !== r.oldDistrictCode) {
        warn(r, 'old district differs', `old district ${r.oldDistrictCode}, the old list says ${known.districtCode}`);
      }
      return r.oldCode;
    }
    const aliased = aliases.get(r.oldCode);
    if (aliased !== undefined) return aliased;
    const twins = legacy.filter((c) => c.districtCode === r.oldDistrictCode && c.name === r.oldName && !mentioned.has(c.code));
    const twin = twins.length === 1 ? twins[0] : undefined;
    if (twin) {
      warn(r, 'old commune under another code in the old list (aliased)', `the old list has it as ${twin.code}`);
      aliases.set(r.oldCode, twin.code);
      return twin.code;
    }
    warn(r, 'old commune missing from the old list (added from the table)', `${r.oldCode} is not in ${SOURCE_FILES.legacy}`);
    const added: LegacyCommune = {
      code: r.oldCode,
      name: r.oldName,
      districtCode: r.oldDistrictCode,
      districtName: r.oldDistrictName,
      provinceCode: r.oldProvinceCode,
      provinceName: r.oldProvinceName,
      level: levelFromName(r.oldName),
    };
    oldByCode.set(added.code, added);
    supplemented.set(added.code, added);
    return added.code;
  };

  for (const r of rows) {
    const skip = (reason: string): void => {
      report.skipped.push({ record: r.record, reason, row: describeRow(r) });
    };
    if (!isCommuneCode(r.newCode)) {
      skip('no new commune code');
      continue;
    }
    const target = newByCode.get(r.newCode);
    if (!target) warn(r, 'new commune missing from the 2025 list', `${r.newCode} is not in ${SOURCE_FILES.divisions}`);
    else {
      if (target.name !== r.newName) warn(r, 'new commune named differently', `the 2025 list says "${target.name}"`);
      if (target.provinceCode !== r.newProvinceCode) {
        warn(r, 'new province differs', `province ${r.newProvinceCode}, the 2025 list says ${target.provinceCode}`);
      }
    }
    if (!isCommuneCode(r.oldCode)) {
      if (r.oldCode === '' && r.oldName === '' && islandDistricts.has(r.oldDistrictCode)) {
        districtPairs.set(`${r.oldDistrictCode},${r.newCode}`, [r.oldDistrictCode, r.newCode]);
        skip('whole district without communes (kept in districtConversion)');
      } else skip(r.oldCode === '' ? 'no old commune code (an area, not a commune)' : `bad old commune code "${r.oldCode}"`);
      continue;
    }
    const oldCode = resolveOld(r);
    const key = `${oldCode},${r.newCode}`;
    if (pairs.has(key)) report.duplicateRows += 1;
    pairs.set(key, [oldCode, r.newCode]);
  }

  return {
    pairs: [...pairs.values()].sort(byPair),
    districtPairs: [...districtPairs.values()].sort(byPair),
    supplemented: [...supplemented.values()],
    aliases: [...aliases].sort(byPair),
    report,
  };
}
