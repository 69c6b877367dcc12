import { jdnFromSolar, lunarFromJdn, jdnFromLunar, WorkingCalendar } from '../src/platform/calendar/index.ts';
import type { Figure } from './figures.ts';

/** add-working-days throughput on the shipped tables (target ≥ 1 M ops/s). */
export const calendarAddOps = async (): Promise<Figure[]> => {
  const calendar = new WorkingCalendar();
  const start = new Date('2026-01-05T02:00:00Z').getTime();
  let sink = 0;
  for (let i = 0; i < 50_000; i += 1) sink += calendar.addWorkingDays(new Date(start + (i % 700) * 86_400_000), 1 + (i % 30)).getTime();
  const n = 1_000_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) sink += calendar.addWorkingDays(new Date(start + (i % 700) * 86_400_000), 1 + (i % 30)).getTime();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sink === 42) console.log('');
  return [{ key: 'calendar.add_ops_per_s', value: Math.round(n / seconds), unit: 'ops/s', target: 1_000_000, better: 'higher' }];
};

/** Every solar day 1900–2100 to lunar and back (target < 2 s). */
export const calendarConvertAll = async (): Promise<Figure[]> => {
  const t0 = process.hrtime.bigint();
  const first = jdnFromSolar(1900, 1, 31);
  const last = jdnFromSolar(2100, 12, 31);
  for (let jdn = first; jdn <= last; jdn += 1) {
    const l = lunarFromJdn(jdn);
    if (jdnFromLunar(l.year, l.month, l.day, l.leap) !== jdn) throw new Error(`round trip failed at ${jdn}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return [{ key: 'calendar.convert_all_ms', value: Math.round(ms), unit: 'ms', target: 2000, better: 'lower' }];
};
