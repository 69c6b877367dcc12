import { weekdayOfJdn, jdnFromIso, type IsoDate } from './calendar-date.ts';
import type { LunarDate } from './lunar.ts';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** 'Thứ Ba' for 2026-02-17 (weekdayOfJdn: 0 = Sunday). */
export const weekdayName = (date: IsoDate) => WEEKDAYS[weekdayOfJdn(jdnFromIso(date))]!;

/** The short form Vietnamese calendars print: '1/1/2026', with 'n' after a leap month: '1/6n/2025'. */
export const lunarText = (l: LunarDate) => `${l.day}/${l.month}${l.leap ? 'n' : ''}/${l.year}`;
