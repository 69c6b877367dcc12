/**
 * The demo province: Tây Ninh (statistical code 80, 96 communes since 1 July 2025). Agency codes
 * follow the national electronic-identifier layout read right to left from the province group
 * (`000.00.00.H59` is the Provincial People's Committee); the exact codes assigned to Tây Ninh's
 * units are illustrative. Commune People's Committees get `NNN.00.00.H59` and their public
 * administration service centres (Decree 118/2025) `NNN.01.00.H59`, numbered in commune-code order
 * (see demo-communes.ts). Party organisations are in demo-party.ts.
 */
export const DEMO_PROVINCE = { code: '80', name: 'Tây Ninh', letterCode: 'H59' };
export const DEMO_PASSWORD = 'demo1234';

export type DemoAgency = { code: string; name: string; shortName: string; kind: string; parent?: string };

export const DEMO_AGENCIES: DemoAgency[] = [
  { code: '000.00.00.H59', name: 'Ủy ban nhân dân tỉnh Tây Ninh', shortName: 'UBND', kind: 'province_committee' },
  { code: '000.00.01.H59', name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.02.H59', name: 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh', shortName: 'TTPVHCC', kind: 'one_stop_centre', parent: '000.00.00.H59' },
  { code: '000.01.02.H59', name: 'Chi nhánh Trung tâm Phục vụ hành chính công khu vực Tân An', shortName: 'CN-TA', kind: 'one_stop_branch', parent: '000.00.02.H59' },
  { code: '000.02.02.H59', name: 'Chi nhánh Trung tâm Phục vụ hành chính công khu vực Tây Ninh', shortName: 'CN-TN', kind: 'one_stop_branch', parent: '000.00.02.H59' },
  ...['Trảng Bàng', 'Gò Dầu', 'Hòa Thành', 'Tân Châu', 'Đức Hòa', 'Bến Lức', 'Cần Giuộc', 'Kiến Tường'].map((area, i) => ({
    code: `000.${String(i + 3).padStart(2, '0')}.02.H59`,
    name: `Chi nhánh Trung tâm Phục vụ hành chính công khu vực ${area}`,
    shortName: `CN-${area.split(' ').map((w) => w[0]).join('')}`,
    kind: 'one_stop_branch',
    parent: '000.00.02.H59',
  })),
  { code: '000.00.03.H59', name: 'Sở Nội vụ', shortName: 'SNV', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.04.H59', name: 'Sở Tư pháp', shortName: 'STP', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.05.H59', name: 'Sở Tài chính', shortName: 'STC', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.06.H59', name: 'Sở Xây dựng', shortName: 'SXD', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.07.H59', name: 'Sở Nông nghiệp và Môi trường', shortName: 'SNNMT', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.08.H59', name: 'Sở Y tế', shortName: 'SYT', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.09.H59', name: 'Sở Giáo dục và Đào tạo', shortName: 'SGDĐT', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.10.H59', name: 'Sở Công Thương', shortName: 'SCT', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.11.H59', name: 'Sở Khoa học và Công nghệ', shortName: 'SKHCN', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.12.H59', name: 'Sở Văn hóa, Thể thao và Du lịch', shortName: 'SVHTTDL', kind: 'department', parent: '000.00.00.H59' },
  { code: '000.00.13.H59', name: 'Sở Dân tộc và Tôn giáo', shortName: 'SDTTG', kind: 'department', parent: '000.00.00.H59' },
];

export type DemoUser = { username: string; fullName: string; roles: string[]; agency?: string; party?: string; email?: string; phone?: string };

/** The accounts listed in the README; outside clients rely on these names. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', roles: ['admin'], agency: '000.00.01.H59' },
  { username: 'congdan', fullName: 'Nguyễn Văn An', roles: ['citizen'], email: 'congdan@example.vn', phone: '0912000001' },
  { username: 'congdan2', fullName: 'Trần Thị Bình', roles: ['citizen'], email: 'congdan2@example.vn', phone: '0912000002' },
  { username: 'motcua', fullName: 'Lê Thị Cúc', roles: ['officer'], agency: '000.00.02.H59' },
  { username: 'chuyenvien', fullName: 'Phạm Minh Đức', roles: ['officer'], agency: '000.00.04.H59' },
  { username: 'lanhdao', fullName: 'Võ Thanh Hải', roles: ['agency_leader'], agency: '000.00.04.H59' },
  { username: 'lanhdaotinh', fullName: 'Huỳnh Văn Khải', roles: ['province_leader'], agency: '000.00.00.H59' },
  { username: 'dangvien', fullName: 'Đặng Thị Lan', roles: ['party_member'], agency: '000.00.04.H59', party: 'CB-80-STP' },
  { username: 'baovedulieu', fullName: 'Phan Thị Mai', roles: ['privacy_officer'], agency: '000.00.01.H59' },
];

/** Party committee officers (party.manage): of the provincial Party organisation and of two of its đảng bộ. */
export const PARTY_STAFF: DemoUser[] = [
  { username: 'tinhuy', fullName: 'Lương Văn Thắng', roles: ['party_officer'], party: 'DB-80' },
  { username: 'dangbo.ubnd', fullName: 'Mai Thị Hồng', roles: ['party_officer'], agency: '000.00.01.H59', party: 'DB-80-UBND' },
  { username: 'dangbo.cqd', fullName: 'Tạ Quang Vinh', roles: ['party_officer'], party: 'DB-80-CQD' },
];

// More believable staff and residents, so that lists and queues are not empty.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Hoàng', 'Ngọc', 'Quốc', 'Thị Kim', 'Hữu', 'Đức'];
const GIVEN = ['Anh', 'Bảo', 'Châu', 'Dũng', 'Giang', 'Hòa', 'Hùng', 'Khánh', 'Linh', 'Mai', 'Nam', 'Phúc', 'Quyên', 'Sơn', 'Tâm', 'Thủy', 'Trung', 'Tuấn', 'Vy', 'Yến'];

export const demoName = (i: number) =>
  `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 13) % GIVEN.length]}`;

/** Agencies whose Party cell (chi bộ) the demo has; their leaders are members of it. */
export const DEPARTMENT_CELLS: Record<string, string> = Object.fromEntries(
  DEMO_AGENCIES.filter((a) => a.kind === 'department' || a.kind === 'one_stop_centre').map((a) => [a.code, `CB-80-${a.shortName.replaceAll('Đ', 'D')}`]),
);

const login = (shortName: string) => shortName.toLowerCase().replaceAll('đ', 'd');

export const EXTRA_STAFF: DemoUser[] = DEMO_AGENCIES.filter((a) => a.kind !== 'province_committee').flatMap((a, i) => [
  { username: `cb.${login(a.shortName)}.1`, fullName: demoName(i * 2 + 3), roles: ['officer'], agency: a.code },
  {
    username: `ld.${login(a.shortName)}`,
    fullName: demoName(i * 2 + 4),
    roles: DEPARTMENT_CELLS[a.code] ? ['agency_leader', 'party_member'] : ['agency_leader'],
    agency: a.code,
    party: DEPARTMENT_CELLS[a.code],
  },
]);

export const EXTRA_CITIZENS: DemoUser[] = Array.from({ length: 20 }, (_, i) => ({
  username: `dan${String(i + 1).padStart(2, '0')}`,
  fullName: demoName(i + 40),
  roles: ['citizen'],
  phone: `09130000${String(i + 1).padStart(2, '0')}`,
}));
