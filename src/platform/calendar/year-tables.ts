/**
 * The official yearly arrangement of days off for civil servants (cán bộ, công chức, viên chức),
 * as published each year by the Ministry of Home Affairs after the Prime Minister's approval,
 * with swapped days (a weekday off, repaid by working a Saturday).
 *
 * A table lists every day off of its year: statutory holidays (also when they fall on a weekend),
 * compensatory days (nghỉ bù) and swapped days (nghỉ hoán đổi). Ordinary weekends inside a block
 * are not listed. `workDays` lists the make-up days (làm bù), usually Saturdays.
 * When a year has a table it replaces the rules for that year (see `holidays.ts`); an
 * administrator's edited table (from the database) replaces the shipped one in turn.
 */
import type { IsoDate } from './calendar-date.ts';

export interface DayEntry {
  date: IsoDate;
  /** Vietnamese, NFC. */
  name: string;
}

export interface YearTable {
  year: number;
  daysOff: DayEntry[];
  workDays: DayEntry[];
  /** Where the arrangement comes from (document number, or "rules"). */
  source: string;
}

const day = (date: IsoDate, name: string): DayEntry => ({ date, name });

const TET_DUONG_LICH = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const GIO_TO = 'Giỗ Tổ Hùng Vương';
const CHIEN_THANG = 'Ngày Chiến thắng';
const LAO_DONG = 'Ngày Quốc tế Lao động';
const QUOC_KHANH = 'Quốc khánh';

/**
 * 2025: Tết off Sat 25 Jan – Sun 2 Feb (26 tháng Chạp – mùng 5), the five Tết days being
 * Mon 27 – Fri 31 Jan; 30/4–1/5 (Wed–Thu) plus Fri 2 May swapped with Sat 26 Apr;
 * Quốc khánh off Sat 30 Aug – Tue 2 Sep with Mon 1 Sep as the adjacent day.
 */
const TABLE_2025: YearTable = {
  year: 2025,
  daysOff: [
    day('2025-01-01', TET_DUONG_LICH),
    day('2025-01-27', TET),
    day('2025-01-28', TET),
    day('2025-01-29', TET),
    day('2025-01-30', TET),
    day('2025-01-31', TET),
    day('2025-04-07', GIO_TO),
    day('2025-04-30', CHIEN_THANG),
    day('2025-05-01', LAO_DONG),
    day('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'),
    day('2025-09-01', QUOC_KHANH),
    day('2025-09-02', QUOC_KHANH),
  ],
  workDays: [day('2025-04-26', 'Làm bù cho ngày nghỉ 2/5')],
  // review: add the document numbers of the 2025 notices (Tết and 30/4 swap) of the Ministry of Home Affairs.
  source: 'Bộ Nội vụ: thông báo nghỉ lễ, Tết năm 2025 đối với cán bộ, công chức, viên chức',
};

/**
 * 2026: Tết off Sat 14 – Sun 22 Feb (27 tháng Chạp – mùng 6), the five Tết days being Mon 16 –
 * Fri 20 Feb; Giỗ Tổ (lunar 10/3) on Sunday 26 Apr, compensated on Mon 27 Apr; 30/4–1/5 Thu–Fri;
 * Quốc khánh off Sat 29 Aug – Wed 2 Sep with Mon 31 Aug swapped for Saturday 22 Aug;
 * Ngày Văn hóa Việt Nam, Tue 24 Nov, the first year it is a day off.
 */
const TABLE_2026: YearTable = {
  year: 2026,
  daysOff: [
    // review: Thursday 1 Jan only; we do not know of a swap giving Friday 2 Jan off.
    day('2026-01-01', TET_DUONG_LICH),
    day('2026-02-16', TET),
    day('2026-02-17', TET),
    day('2026-02-18', TET),
    day('2026-02-19', TET),
    day('2026-02-20', TET),
    day('2026-04-26', GIO_TO),
    day('2026-04-27', `Nghỉ bù ${GIO_TO}`),
    day('2026-04-30', CHIEN_THANG),
    day('2026-05-01', LAO_DONG),
    day('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8)'),
    day('2026-09-01', QUOC_KHANH),
    day('2026-09-02', QUOC_KHANH),
    // review: check the implementing decision of Resolution 80-NQ/TW for 2026.
    day('2026-11-24', 'Ngày Văn hóa Việt Nam'),
  ],
  workDays: [day('2026-08-22', 'Làm bù cho ngày nghỉ 31/8')],
  // review: add the document numbers of the 2026 notices of the Ministry of Home Affairs.
  source: 'Bộ Nội vụ: thông báo nghỉ lễ, Tết năm 2026 đối với cán bộ, công chức, viên chức',
};

/** The yearly tables shipped with the platform; an administrator adds later years. */
export const YEAR_TABLES: readonly YearTable[] = [TABLE_2025, TABLE_2026];

/** The shipped table of a year, if any. */
export function shippedYearTable(year: number): YearTable | undefined {
  return YEAR_TABLES.find((table) => table.year === year);
}
