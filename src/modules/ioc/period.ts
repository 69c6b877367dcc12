/**
 * Reporting periods as Vietnam calendar days ('YYYY-MM-DD'; `from` inclusive, `to` exclusive).
 * Pure: "today" is passed in. A period still running is compared with the same stretch of the
 * previous one (1–5 December against 1–5 November), a finished one with the whole previous one.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';
export type Granularity = 'day' | 'week' | 'month';
export type DayRange = { from: string; to: string };
export type Period = DayRange & { kind: PeriodKind; label: string; elapsedTo: string; previous: DayRange };

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

const parts = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const addDays = (day: string, n: number) => {
  const { y, m, d } = parts(day);
  return iso(y, m, d + n);
};

/** The same day `n` months later, clamped to the month's end (31 March − 1 month = 28/29 February). */
export const addMonths = (day: string, n: number) => {
  const { y, m, d } = parts(day);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const ty = first.getUTCFullYear();
  const tm = first.getUTCMonth() + 1;
  return iso(ty, tm, Math.min(d, daysIn(ty, tm)));
};

export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const min = (a: string, b: string) => (a < b ? a : b);

/** The month, quarter or year holding `at`, and what it is compared with. */
export const periodOf = (kind: PeriodKind, at: string, today: string): Period => {
  const { y, m } = parts(at);
  const firstMonth = kind === 'month' ? m : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  const from = iso(y, firstMonth, 1);
  const to = addMonths(from, MONTHS[kind]);
  const elapsedTo = today >= from && today < to ? addDays(today, 1) : to;
  const previousFrom = addMonths(from, -MONTHS[kind]);
  const previousTo = elapsedTo === to ? from : min(addMonths(elapsedTo, -MONTHS[kind]), from);
  const label = kind === 'month' ? `${String(m).padStart(2, '0')}/${y}` : kind === 'quarter' ? `Q${(firstMonth + 2) / 3}/${y}` : String(y);
  return { kind, from, to, label, elapsedTo, previous: { from: previousFrom, to: previousTo } };
};

/** Splits a day range into whole months (read from the monthly rollup) and the days at its edges. */
export const splitByMonths = (r: DayRange): { months: DayRange | null; days: DayRange[] } => {
  const firstWhole = r.from === monthStart(r.from) ? r.from : addMonths(monthStart(r.from), 1);
  const lastWhole = monthStart(r.to);
  if (firstWhole >= lastWhole) return { months: null, days: [r] };
  const days = [
    ...(r.from < firstWhole ? [{ from: r.from, to: firstWhole }] : []),
    ...(lastWhole < r.to ? [{ from: lastWhole, to: r.to }] : []),
  ];
  return { months: { from: firstWhole, to: lastWhole }, days };
};

/** Monday of the ISO week holding `day`. */
export const weekStart = (day: string) => {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
};

export const TREND_POINTS: Record<Granularity, number> = { day: 30, week: 12, month: 12 };

/** The buckets of a trend line ending with the one that holds `lastDay`: their first days, oldest first. */
export const trendBuckets = (granularity: Granularity, lastDay: string): { starts: string[]; range: DayRange } => {
  const n = TREND_POINTS[granularity];
  const last = granularity === 'day' ? lastDay : granularity === 'week' ? weekStart(lastDay) : monthStart(lastDay);
  const step = (i: number) => (granularity === 'day' ? addDays(last, -i) : granularity === 'week' ? addDays(last, -7 * i) : addMonths(last, -i));
  const starts = Array.from({ length: n }, (_, i) => step(n - 1 - i));
  const to = granularity === 'day' ? addDays(last, 1) : granularity === 'week' ? addDays(last, 7) : addMonths(last, 1);
  return { starts, range: { from: starts[0]!, to } };
};

export const defaultGranularity = (kind: PeriodKind): Granularity => (kind === 'month' ? 'day' : kind === 'quarter' ? 'week' : 'month');

/**
 * "ngày 05 tháng 3 năm 2026": the date as an official document writes it (Decree 30/2020/NĐ-CP,
 * annex I: a zero before days under 10 and before months 1 and 2 only).
 */
export const dateInWords = (day: string) => {
  const { y, m, d } = parts(day);
  return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : String(m)} năm ${y}`;
};
