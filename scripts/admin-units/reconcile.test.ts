import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile.ts';
import type { Commune, ConversionRow, LegacyCommune, LegacyDistrict } from './sources.ts';

const communes: Commune[] = [
  { code: '26929', name: 'Phường Bình Thạnh', type: 'phường', provinceCode: '79' },
  { code: '03980', name: 'Phường Mộc Châu', type: 'phường', provinceCode: '14' },
  { code: '26732', name: 'Đặc khu Côn Đảo', type: 'đặc khu', provinceCode: '79' },
];
const legacy: LegacyCommune[] = [
  { code: '26914', name: 'Phường 26', districtCode: '765', districtName: 'Quận Bình Thạnh', provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh', level: 'phường' },
  { code: '26935', name: 'Phường 14', districtCode: '765', districtName: 'Quận Bình Thạnh', provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh', level: 'phường' },
];
const islands: LegacyDistrict[] = [{ code: '755', name: 'Huyện Côn Đảo', provinceCode: '77', provinceName: 'Tỉnh Bà Rịa - Vũng Tàu' }];

let record = 2;
function row(over: Partial<ConversionRow>): ConversionRow {
  record += 1;
  return {
    record,
    newProvinceCode: '79',
    newName: 'Phường Bình Thạnh',
    newCode: '26929',
    oldName: '',
    oldCode: '',
    note: 'Nhập toàn bộ',
    oldDistrictCode: '765',
    oldDistrictName: 'Quận Bình Thạnh',
    oldProvinceCode: '79',
    oldProvinceName: 'Thành phố Hồ Chí Minh',
    ...over,
  };
}

describe('reconcile', () => {
  const rows = [
    row({ oldName: 'Phường 26', oldCode: '26914' }),
    row({ oldName: 'Phường 26', oldCode: '26914' }), // duplicate row
    row({ oldName: 'Phường 14', oldCode: '26929' }), // list has Phường 14 as 26935
    row({
      newProvinceCode: '14', newName: 'Phường Mộc Châu', newCode: '03980', oldName: 'Phường Mộc Lỵ', oldCode: '03980',
      oldDistrictCode: '123', oldDistrictName: 'Thị xã Mộc Châu', oldProvinceCode: '14', oldProvinceName: 'Tỉnh Sơn La',
    }),
    row({ newName: 'Đặc khu Côn Đảo', newCode: '26732', oldDistrictCode: '755', oldDistrictName: 'Huyện Côn Đảo', oldProvinceCode: '77' }),
    row({ newName: 'Xã Kim Đông', newCode: '14698', oldName: 'Khu vực bãi bồi ven biển', oldDistrictCode: '376' }),
  ];
  const r = reconcile(rows, communes, legacy, islands);

  it('pairs old and new codes, once each, sorted', () => {
    expect(r.pairs).toEqual([
      ['03980', '03980'],
      ['26914', '26929'],
      ['26935', '26929'],
    ]);
    expect(r.report.duplicateRows).toBe(1);
  });

  it('aliases a table code to the list code of the same-named commune in the same district', () => {
    expect(r.aliases).toEqual([['26929', '26935']]);
  });

  it('adds a commune the old list lacks, from the table', () => {
    expect(r.supplemented).toEqual([
      { code: '03980', name: 'Phường Mộc Lỵ', districtCode: '123', districtName: 'Thị xã Mộc Châu', provinceCode: '14', provinceName: 'Tỉnh Sơn La', level: 'phường' },
    ]);
  });

  it('keeps whole island districts apart and skips rows without codes, saying why', () => {
    expect(r.districtPairs).toEqual([['755', '26732']]);
    expect(r.report.skipped.map((s) => s.reason)).toEqual([
      'whole district without communes (kept in districtConversion)',
      'no old commune code (an area, not a commune)',
    ]);
  });

  it('reports a new code missing from the 2025 list', () => {
    expect(r.report.warnings.map((w) => w.kind)).toContain('new commune missing from the 2025 list');
  });
});
