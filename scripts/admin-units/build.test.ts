/**
 * Facts about the shipped file assets/admin-units/admin-units-2025.json (run the build first:
 * `npx tsx scripts/admin-units/build.ts`). When the source CSVs are present, also checks that the
 * shipped file is exactly what the build makes from them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalizeText } from '../../src/platform/text/index.ts';
import { DEFAULT_SOURCE_DIR, OUTPUT_FILE, buildDataset, serialize, type AdminUnitsFile } from './build.ts';

const data = JSON.parse(readFileSync(OUTPUT_FILE, 'utf8')) as AdminUnitsFile;

const provinceCode = (name: string): string => {
  const found = data.provinces.filter((p) => foldDiacritics(p.name).endsWith(foldDiacritics(name)));
  expect(found, `one province named ${name}`).toHaveLength(1);
  return found[0]?.code ?? '';
};
const newProvinceOf = new Map(data.communes.map((c) => [c[0], c[3]]));
const legacyByCode = new Map(data.legacyCommunes.map((c) => [c[0], c]));
/** The set of new provinces that the old communes of an old province flow into. */
const destinations = (oldProvinceCode: string): Set<string | undefined> =>
  new Set(data.conversion.filter(([o]) => legacyByCode.get(o)?.[4] === oldProvinceCode).map(([, n]) => newProvinceOf.get(n)));

describe('admin-units-2025.json: the 2025 units', () => {
  it('has 34 provinces and 3,321 communes', () => {
    expect(data.provinces).toHaveLength(34);
    expect(data.communes).toHaveLength(3321);
    expect(data.provinces.filter((p) => p.type === 'thành phố trung ương')).toHaveLength(6);
    expect(data.provinces.filter((p) => p.type === 'tỉnh')).toHaveLength(28);
  });

  it('has 687 wards, 2,621 communes and 13 special zones', () => {
    const count = (type: string): number => data.communes.filter((c) => c[2] === type).length;
    expect(count('phường')).toBe(687);
    expect(count('xã')).toBe(2621);
    expect(count('đặc khu')).toBe(13);
  });

  it('puts every commune in a known province, and every province has communes', () => {
    const codes = new Set(data.provinces.map((p) => p.code));
    for (const c of data.communes) expect(codes.has(c[3]), c.join(' ')).toBe(true);
    for (const p of data.provinces) expect(data.communes.some((c) => c[3] === p.code), p.name).toBe(true);
  });

  it('knows the merged provinces by their codes', () => {
    expect(provinceCode('Vĩnh Long')).toBe('86');
    expect(provinceCode('Quảng Trị')).toBe('44');
    expect(provinceCode('Tây Ninh')).toBe('80');
    expect(data.communes.filter((c) => c[3] === '80')).toHaveLength(96);
  });
});

describe('admin-units-2025.json: conversion', () => {
  it('maps old Trà Vinh (84) into Vĩnh Long (86)', () => {
    expect(data.legacyCommunes.find((c) => c[4] === '84')?.[5]).toBe('Tỉnh Trà Vinh');
    expect(destinations('84')).toEqual(new Set(['86']));
    expect(data.conversion.filter(([o]) => legacyByCode.get(o)?.[4] === '84').length).toBeGreaterThan(50);
  });

  it('maps old Quảng Bình (44) and old Quảng Trị (45) into Quảng Trị', () => {
    expect(data.legacyCommunes.find((c) => c[4] === '44')?.[5]).toBe('Tỉnh Quảng Bình');
    expect(destinations('44')).toEqual(new Set([provinceCode('Quảng Trị')]));
    expect(destinations('45')).toEqual(new Set([provinceCode('Quảng Trị')]));
  });

  it('maps old Long An (80) and old Tây Ninh (72) into Tây Ninh', () => {
    expect(data.legacyCommunes.find((c) => c[4] === '80')?.[5]).toBe('Tỉnh Long An');
    expect(destinations('80')).toEqual(new Set([provinceCode('Tây Ninh')]));
    expect(destinations('72')).toEqual(new Set([provinceCode('Tây Ninh')]));
  });

  it('knows a merger from the table: Phường Ba Đình (Hà Nội)', () => {
    const olds = data.conversion.filter(([, n]) => n === '00004').map(([o]) => legacyByCode.get(o)?.[1]);
    expect(olds).toEqual(expect.arrayContaining(['Phường Trúc Bạch', 'Phường Quán Thánh']));
  });

  it('references an existing new commune and an existing old commune in every pair', () => {
    const newCodes = new Set(data.communes.map((c) => c[0]));
    const badNew = data.conversion.filter(([, n]) => !newCodes.has(n));
    const badOld = data.conversion.filter(([o]) => !legacyByCode.has(o));
    expect(badNew).toEqual([]);
    expect(badOld).toEqual([]);
    expect(data.conversion.length).toBeGreaterThan(10_000);
  });

  it('lists the exceptions: old communes added from the table, and table codes aliased', () => {
    // Mộc Châu's wards (Sơn La) are newer than the old list; the table names them.
    expect(data.legacyCommunesFromConversion).toEqual(['03980', '03983', '03984']);
    for (const code of data.legacyCommunesFromConversion) expect(legacyByCode.get(code)?.[3]).toBe('Thị xã Mộc Châu');
    // Hồ Chí Minh City wards the table gives under another code than the old list.
    expect(data.oldCodeAliases).toEqual([
      ['26929', '26935'], ['26953', '26959'], ['27076', '27067'], ['27226', '27217'],
      ['27232', '27223'], ['27367', '27361'], ['27373', '27379'],
    ]);
    for (const [table, list] of data.oldCodeAliases) {
      expect(legacyByCode.has(table)).toBe(false);
      expect(legacyByCode.get(list)?.[4]).toBe('79');
    }
  });

  it('gives every new commune at least one predecessor', () => {
    const withPredecessor = new Set([...data.conversion, ...data.districtConversion].map(([, n]) => n));
    expect(data.communes.filter((c) => !withPredecessor.has(c[0]))).toEqual([]);
  });

  it('turns the five island districts without communes into special zones', () => {
    expect(data.legacyDistrictsWithoutCommunes.map((d) => d[0])).toEqual(['318', '471', '498', '536', '755']);
    const zones = new Map(data.communes.map((c) => [c[0], c[2]]));
    expect(data.districtConversion.map(([d, n]) => [d, zones.get(n)])).toEqual(
      ['318', '471', '498', '536', '755'].map((d) => [d, 'đặc khu']),
    );
  });

  it('leaves only a few old communes without a successor (the table names them otherwise)', () => {
    const successors = new Set(data.conversion.map(([o]) => o));
    const orphans = data.legacyCommunes.filter((c) => !successors.has(c[0]));
    expect(orphans.length).toBe(21);
  });
});

describe('admin-units-2025.json: hygiene', () => {
  const names = [
    ...data.provinces.map((p) => p.name),
    ...data.communes.map((c) => c[1]),
    ...data.legacyCommunes.flatMap((c) => [c[1], c[3], c[5]]),
    ...data.legacyDistrictsWithoutCommunes.flatMap((d) => [d[1], d[3]]),
  ];
  /** Independent of normalizeText: a final oa/oe/uy after a consonant (not q) with the tone on its second vowel. */
  const NEW_STYLE = /(?:^|[^\p{L}]|[bcdđghklmnprstvx])(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?![\p{L}\p{M}])/iu;

  it('has clean names: NFC, trimmed, classic tone marks, capitalised type', () => {
    expect(NEW_STYLE.test('Xã Thuỷ')).toBe(true); // the oracle itself works
    expect(NEW_STYLE.test('Xã Quý')).toBe(false);
    const bad = names.filter((n) => n !== n.normalize('NFC') || n !== normalizeText(n) || NEW_STYLE.test(n) || !/^\p{Lu}/u.test(n));
    expect(bad).toEqual([]);
  });

  it('has well-formed codes and no duplicates', () => {
    const unique = (xs: string[]): boolean => new Set(xs).size === xs.length;
    expect(data.provinces.every((p) => /^\d{2}$/.test(p.code))).toBe(true);
    expect(data.communes.every((c) => /^\d{5}$/.test(c[0]) && /^\d{2}$/.test(c[3]))).toBe(true);
    expect(data.legacyCommunes.every((c) => /^\d{5}$/.test(c[0]) && /^\d{3}$/.test(c[2]) && /^\d{2}$/.test(c[4]))).toBe(true);
    expect(unique(data.provinces.map((p) => p.code))).toBe(true);
    expect(unique(data.communes.map((c) => c[0]))).toBe(true);
    expect(unique(data.legacyCommunes.map((c) => c[0]))).toBe(true);
    expect(unique(data.conversion.map((p) => p.join(',')))).toBe(true);
  });

  it('is sorted by code', () => {
    const sorted = (xs: string[]): boolean => xs.every((x, i) => i === 0 || (xs[i - 1] ?? '') < x);
    expect(sorted(data.provinces.map((p) => p.code))).toBe(true);
    expect(sorted(data.communes.map((c) => c[0]))).toBe(true);
    expect(sorted(data.legacyCommunes.map((c) => c[0]))).toBe(true);
    expect(sorted(data.conversion.map((p) => p.join(',')))).toBe(true);
  });

  it('describes its columns and credits its source', () => {
    expect(data.columns.communes).toEqual(['code', 'name', 'type', 'provinceCode']);
    expect(data.source).toMatch(/VietnamProvinces/);
    expect(data.generatedFrom).toHaveLength(3);
  });

  it('stays small', () => {
    expect(statSync(OUTPUT_FILE).size).toBeLessThan(2 * 1024 * 1024);
  });

  it.skipIf(!existsSync(DEFAULT_SOURCE_DIR))('is exactly what the build makes from the sources', () => {
    expect(serialize(buildDataset(DEFAULT_SOURCE_DIR).data)).toBe(readFileSync(OUTPUT_FILE, 'utf8'));
  });
});
