/**
 * National electronic identifiers of agencies (mã định danh điện tử, Circular 10/2016/TT-BTTTT
 * and successors): four groups `ddd.dd.dd.Xdd`, read right to left. The right-hand group is
 * level 1 — a letter and two digits naming the province or ministry (`H29`); then level 2
 * (two digits: the province's departments and equivalents, `000.00.31.H29`), level 3 (two digits:
 * units under those) and level 4 (three digits). `000.00.00.H29` is the province's People's
 * Committee itself.
 */
export type AgencyCodeLevels = { level1: string; level2: string; level3: string; level4: string };

export type AgencyCodeCheck = { ok: true; code: string; levels: AgencyCodeLevels } | { ok: false; message: string };

export const AGENCY_CODE_EXAMPLE = '000.00.31.H29';

const GROUPS: { key: keyof AgencyCodeLevels; pattern: RegExp; message: string }[] = [
  { key: 'level4', pattern: /^[0-9]{3}$/, message: 'nhóm cấp 4 (bên trái) gồm 3 chữ số' },
  { key: 'level3', pattern: /^[0-9]{2}$/, message: 'nhóm cấp 3 gồm 2 chữ số' },
  { key: 'level2', pattern: /^[0-9]{2}$/, message: 'nhóm cấp 2 gồm 2 chữ số' },
  { key: 'level1', pattern: /^[A-Z][0-9]{2}$/, message: 'nhóm cấp 1 (bên phải) là một chữ cái và 2 chữ số, ví dụ H29' },
];

/** Trims and upper-cases, then checks each group; the message names the first wrong group. */
export const checkAgencyCode = (input: string): AgencyCodeCheck => {
  const code = input.trim().toUpperCase();
  const parts = code.split('.');
  if (parts.length !== 4) {
    return { ok: false, message: `Mã định danh gồm 4 nhóm ngăn bởi dấu chấm, dạng ddd.dd.dd.Xdd (ví dụ ${AGENCY_CODE_EXAMPLE})` };
  }
  const levels = { level4: parts[0]!, level3: parts[1]!, level2: parts[2]!, level1: parts[3]! };
  for (const g of GROUPS) {
    if (!g.pattern.test(levels[g.key])) return { ok: false, message: `Mã định danh không hợp lệ: ${g.message} (ví dụ ${AGENCY_CODE_EXAMPLE})` };
  }
  return { ok: true, code, levels };
};

export const isAgencyCode = (input: string) => checkAgencyCode(input).ok;

/** The province (level-1) group of a valid code: `H59` of `000.01.02.H59`. */
export const levelOneOf = (code: string) => code.split('.').at(-1) ?? '';

/** A key that sorts codes as the hierarchy reads, right to left: province, then level 2, 3, 4. */
export const agencyCodeSortKey = (code: string) => code.split('.').reverse().join('.');
