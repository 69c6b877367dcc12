/**
 * Working-day calendar of Tỉnh số (pure: no database, no HTTP): the Vietnamese lunar calendar,
 * public holidays as data plus the yearly civil-service tables, deadline arithmetic in working
 * days and hours, and iCalendar export. See docs in each file.
 */
export { CalendarInputError, type CalendarErrorCode } from './errors.ts';
export {
  FIRST_YEAR,
  LAST_YEAR,
  formatIsoDate,
  isoFromJdn,
  jdnFromIso,
  jdnFromSolar,
  parseIsoDate,
  solarFromJdn,
  weekdayOfJdn,
  type IsoDate,
  type SolarDate,
} from './calendar-date.ts';
export {
  canChiYear,
  leapMonthOf,
  lunarFromJdn,
  lunarMonthLength,
  lunarToSolar,
  jdnFromLunar,
  solarToLunar,
  tetDate,
  type LunarDate,
} from './lunar.ts';
export { HOLIDAY_RULES, type HolidayRule } from './holiday-rules.ts';
export { YEAR_TABLES, shippedYearTable, type DayEntry, type YearTable } from './year-tables.ts';
export {
  holidaysFromRules,
  resolveYear,
  validateYearTable,
  withWeekendCompensation,
  type Holiday,
  type ResolveOptions,
  type ResolvedYear,
} from './holidays.ts';
export { DEFAULT_WORKING_HOURS, type WorkingHours, type WorkingPeriod } from './working-hours.ts';
export type { YearDays, YearResolver } from './working-day-index.ts';
export { WorkingCalendar, type TimeSpan, type WorkingCalendarOptions } from './working-time.ts';
export { renderYearIcs, escapeIcsText, foldIcsLine, type IcsOptions } from './ics.ts';
