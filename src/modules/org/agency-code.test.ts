import { describe, expect, it } from 'vitest';
import { agencyCodeSortKey, checkAgencyCode, isAgencyCode, levelOneOf } from './agency-code.ts';

describe('agency code (national electronic identifier)', () => {
  it.each(['000.00.00.H29', '000.00.31.H29', '000.01.02.H59', '096.01.00.H59', '123.45.67.G01'])('accepts %s', (code) => {
    const check = checkAgencyCode(code);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.code).toBe(code);
  });

  it('reads the groups right to left, the province group first', () => {
    const check = checkAgencyCode('000.01.31.H29');
    expect(check).toEqual({ ok: true, code: '000.01.31.H29', levels: { level1: 'H29', level2: '31', level3: '01', level4: '000' } });
    expect(levelOneOf('000.01.31.H29')).toBe('H29');
  });

  it('trims and upper-cases before checking', () => {
    const check = checkAgencyCode('  000.00.04.h59 ');
    expect(check.ok && check.code).toBe('000.00.04.H59');
  });

  it.each([
    ['H29.00.00.000', /cấp 4/],
    ['00.00.31.H29', /cấp 4/],
    ['000.0.31.H29', /cấp 3/],
    ['000.00.310.H29', /cấp 2/],
    ['000.00.31.29', /cấp 1/],
    ['000.00.31.HH9', /cấp 1/],
    ['000.00.31.H2', /cấp 1/],
    ['000.00.31', /4 nhóm/],
    ['000.00.00.00.H29', /4 nhóm/],
    ['', /4 nhóm/],
    ['000-00-31-H29', /4 nhóm/],
    ['０００.00.31.H29', /cấp 4/],
  ])('refuses %s with a message naming the wrong group', (code, message) => {
    const check = checkAgencyCode(code);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
    expect(isAgencyCode(code)).toBe(false);
  });

  it('sorts by the hierarchy: province committee, then its departments, then their units', () => {
    const codes = ['000.01.02.H59', '000.00.04.H59', '000.00.00.H59', '000.00.02.H59', '001.00.00.H59'];
    const sorted = [...codes].sort((a, b) => agencyCodeSortKey(a).localeCompare(agencyCodeSortKey(b)));
    expect(sorted).toEqual(['000.00.00.H59', '001.00.00.H59', '000.00.02.H59', '000.01.02.H59', '000.00.04.H59']);
  });
});
