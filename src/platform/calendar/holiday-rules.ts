/**
 * Public holidays as DATA: one row per rule, each with the dates it is in force. Adding a holiday
 * (such as 24 November from 2026) is one row; nothing else changes.
 *
 * `offsets` are days relative to the anchor date that are off. A rule is applied to a solar year:
 * a lunar anchor means that date in the lunar year that starts in the same solar year (the whole
 * Tết block and lunar 10/3 always fall in it). `effectiveFrom` / `effectiveTo` (inclusive) are
 * compared with each day off, so a law that takes effect mid-year splits cleanly.
 *
 * Rules without `effectiveFrom` come from the Labour Code 1994 (in force 1995-01-01) and are also
 * applied to earlier years: an approximation, since nothing the platform does needs older holidays.
 * The working week is Monday–Friday for every year (civil servants since October 1999).
 *
 * Chosen defaults where the law leaves the exact days to a yearly decision (the yearly tables in
 * `year-tables.ts` override them when present):
 * - Tết (5 days since the Labour Code 2012): the last day of the lunar year + days 1–4 of Tết.
 *   Earlier (4 days): the last day + days 1–3.
 * - Quốc khánh (2 days since the Labour Code 2019): 2 September + the day before, 1 September.
 */
import type { IsoDate } from './calendar-date.ts';

export interface HolidayRule {
  /** Stable identifier, also used in iCalendar UIDs. */
  id: string;
  /** Vietnamese name, NFC. */
  name: string;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  /** Days relative to the anchor that are off; [0] is the anchor only. */
  offsets: readonly number[];
  /** First date (inclusive) the rule applies to; absent: always. */
  effectiveFrom?: IsoDate;
  /** Last date (inclusive) the rule applies to; absent: still in force. */
  effectiveTo?: IsoDate;
  /** The legal source. */
  basis: string;
}

// review: the clause letters of art. 112 are quoted from memory; check against the published text.
export const HOLIDAY_RULES: readonly HolidayRule[] = [
  {
    id: 'tet-duong-lich',
    name: 'Tết Dương lịch',
    calendar: 'solar',
    month: 1,
    day: 1,
    offsets: [0],
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a',
  },
  {
    id: 'tet-nguyen-dan',
    name: 'Tết Nguyên đán',
    calendar: 'lunar',
    month: 1,
    day: 1,
    offsets: [-1, 0, 1, 2],
    effectiveTo: '2013-04-30',
    basis: 'Bộ luật Lao động 1994, Điều 73 (Tết Âm lịch 4 ngày)',
  },
  {
    id: 'tet-nguyen-dan',
    name: 'Tết Nguyên đán',
    calendar: 'lunar',
    month: 1,
    day: 1,
    offsets: [-1, 0, 1, 2, 3],
    effectiveFrom: '2013-05-01',
    basis: 'Bộ luật Lao động 2012, Điều 115; 2019, Điều 112 khoản 1 điểm b (5 ngày; mặc định: ngày cuối năm và mùng 1–4)',
  },
  {
    id: 'gio-to-hung-vuong',
    name: 'Giỗ Tổ Hùng Vương',
    calendar: 'lunar',
    month: 3,
    day: 10,
    offsets: [0],
    // review: Luật sửa đổi Bộ luật Lao động số 84/2007/QH11 (2 April 2007) made it a day off;
    // the exact date it took effect is assumed, not checked.
    effectiveFrom: '2007-04-02',
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e',
  },
  {
    id: 'chien-thang',
    name: 'Ngày Chiến thắng',
    calendar: 'solar',
    month: 4,
    day: 30,
    offsets: [0],
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c',
  },
  {
    id: 'quoc-te-lao-dong',
    name: 'Ngày Quốc tế Lao động',
    calendar: 'solar',
    month: 5,
    day: 1,
    offsets: [0],
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm d',
  },
  {
    id: 'quoc-khanh',
    name: 'Quốc khánh',
    calendar: 'solar',
    month: 9,
    day: 2,
    offsets: [0],
    effectiveTo: '2020-12-31',
    basis: 'Bộ luật Lao động 1994, Điều 73; Bộ luật Lao động 2012, Điều 115',
  },
  {
    id: 'quoc-khanh',
    name: 'Quốc khánh',
    calendar: 'solar',
    month: 9,
    day: 2,
    offsets: [-1, 0],
    effectiveFrom: '2021-01-01',
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ (2/9 và 1 ngày liền kề; mặc định: 1/9)',
  },
  {
    id: 'van-hoa-viet-nam',
    name: 'Ngày Văn hóa Việt Nam',
    calendar: 'solar',
    month: 11,
    day: 24,
    offsets: [0],
    effectiveFrom: '2026-01-01',
    // review: Nghị quyết 80-NQ/TW (January 2026) sets the day off; name the implementing decision here.
    basis: 'Nghị quyết 80-NQ/TW của Bộ Chính trị (2026)',
  },
];
