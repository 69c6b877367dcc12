import { DEMO_AGENCIES, DEPARTMENT_CELLS } from './demo-data.ts';

/**
 * The demo province's Party organisations, shaped as after the 2025 reorganisation: the provincial
 * Party organisation (Đảng bộ tỉnh) over two đảng bộ of provincial bodies (the Party agencies; the
 * Provincial People's Committee) with one cell (chi bộ) per department, and the communes' đảng bộ
 * directly under it, each with a cell for the commune's offices and cells per hamlet (ấp) or
 * quarter (khu phố). Names are illustrative.
 */
export type DemoPartyOrg = { code: string; name: string; kind: string; parent?: string; agency?: string };

const PARTY_AGENCY_CELLS = ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Báo và Phát thanh, Truyền hình Tây Ninh'];
const CELL_CODES = ['VPTU', 'BTCTU', 'BTGDVTU', 'UBKTTU', 'BPTTH'];

export const DEMO_PARTY_ORGS: DemoPartyOrg[] = [
  { code: 'DB-80', name: 'Đảng bộ tỉnh Tây Ninh', kind: 'dang_bo_tinh' },
  { code: 'DB-80-CQD', name: 'Đảng bộ các cơ quan Đảng tỉnh', kind: 'dang_bo', parent: 'DB-80' },
  ...PARTY_AGENCY_CELLS.map((name, i) => ({ code: `CB-80-${CELL_CODES[i]}`, name: `Chi bộ ${name}`, kind: 'chi_bo', parent: 'DB-80-CQD' })),
  { code: 'DB-80-UBND', name: 'Đảng bộ Ủy ban nhân dân tỉnh', kind: 'dang_bo', parent: 'DB-80', agency: '000.00.00.H59' },
  ...DEMO_AGENCIES.filter((a) => DEPARTMENT_CELLS[a.code]).map((a) => ({
    code: DEPARTMENT_CELLS[a.code]!,
    name: a.kind === 'one_stop_centre' ? 'Chi bộ Trung tâm Phục vụ hành chính công' : `Chi bộ ${a.name}`,
    kind: 'chi_bo',
    parent: 'DB-80-UBND',
    agency: a.code,
  })),
];

const HAMLETS = ['Thạnh Hiệp', 'Bình Hòa', 'Tân Lập', 'Phước Lợi', 'Long Thành', 'An Bình', 'Trường Đông', 'Hòa Hội', 'Lộc Thuận', 'Ninh Phú'];

/** How many communes get a đảng bộ in the demo (the first, by code), and cells per hamlet in each. */
export const COMMUNE_PARTY_COUNT = 12;
const HAMLET_CELLS = 4;

export type DemoCommune = { code: string; name: string; type: string; committee: string };

export const communePartyCode = (communeCode: string) => `DB-80-X${communeCode}`;
export const communeOfficeCellCode = (communeCode: string) => `CB-80-X${communeCode}-CQ`;

/** The đảng bộ of a commune, its offices' cell, and one cell per hamlet or urban quarter. */
export const communePartyOrgs = (communes: DemoCommune[]): DemoPartyOrg[] =>
  communes.slice(0, COMMUNE_PARTY_COUNT).flatMap((c, i) => {
    const parent = communePartyCode(c.code);
    const isWard = c.type === 'phường';
    const local = Array.from({ length: HAMLET_CELLS }, (_, h) => ({
      code: `CB-80-X${c.code}-${String(h + 1).padStart(2, '0')}`,
      name: isWard ? `Chi bộ khu phố ${h + 1}` : `Chi bộ ấp ${HAMLETS[(i * 3 + h) % HAMLETS.length]}`,
      kind: 'chi_bo',
      parent,
    }));
    return [
      { code: parent, name: `Đảng bộ ${c.name.replace(/^Xã/, 'xã').replace(/^Phường/, 'phường')}`, kind: 'dang_bo_co_so', parent: 'DB-80', agency: c.committee },
      { code: communeOfficeCellCode(c.code), name: 'Chi bộ Cơ quan Ủy ban nhân dân', kind: 'chi_bo', parent, agency: c.committee },
      ...local,
    ];
  });
