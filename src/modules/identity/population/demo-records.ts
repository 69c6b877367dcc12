import type { PopulationAnswer } from './schema.ts';

/**
 * The people the demo population database knows (`POPULATION_API_URL=demo`): the demo citizens'
 * ID numbers, seeded as VNeID-verified numbers (seed-demo.ts), with residences in Tây Ninh's
 * 2025 communes. Invented people; the numbers are not real.
 */
export const DEMO_ID_NUMBERS = { congdan: '080090001234', congdan2: '080185005678' } as const;

export const DEMO_POPULATION_RECORDS: readonly PopulationAnswer[] = [
  {
    soDinhDanh: DEMO_ID_NUMBERS.congdan,
    hoVaTen: 'Nguyễn Văn An',
    ngaySinh: '1990-04-12',
    gioiTinh: 'Nam',
    thuongTru: { maXa: '25459', diaChi: 'Số 12, đường Trần Hưng Đạo, khu phố 3' },
    noiOHienTai: { maXa: '25480', diaChi: 'Số 45, hẻm 7, đường 30 tháng 4, khu phố 1' },
  },
  {
    soDinhDanh: DEMO_ID_NUMBERS.congdan2,
    hoVaTen: 'Trần Thị Bình',
    ngaySinh: '1985-11-03',
    gioiTinh: 'Nữ',
    thuongTru: { maXa: '25486', diaChi: 'Ấp Thạnh Hiệp' },
    noiOHienTai: null,
  },
];
