import { parseArgs } from 'node:util';
import type { Command } from '../../cli/main.ts';
import { formatIsoDate, parseIsoDate } from './calendar-date.ts';
import { CalendarInputError } from './errors.ts';
import { lunarText } from './format.ts';
import { lunarToSolar, solarToLunar, tetDate } from './lunar.ts';
import { WorkingCalendar } from './working-time.ts';

/**
 * Calendar commands for scripts. They compute from the shipped tables and rules without opening
 * the database (an administrator's edits are served by the API, `GET /api/calendar/...`).
 * Bad input exits 2 with the reason on stderr.
 */
const withInputErrors = (work: () => string) => async (): Promise<number> => {
  try {
    console.log(work());
    return 0;
  } catch (error) {
    if (!(error instanceof CalendarInputError)) throw error;
    console.error(error.message);
    return 2;
  }
};

const integer = (text: string | undefined, what: string) => {
  if (text === undefined || !/^-?\d+$/.test(text)) throw new CalendarInputError('invalid-argument', `${what} phải là số nguyên`, `${what} must be an integer`);
  return Number(text);
};

const lunarCommand: Command = {
  name: 'calendar lunar',
  summary: 'Đổi ngày dương sang âm / solar date to lunar',
  usage: 'tinhso calendar lunar YYYY-MM-DD\n\nPrints the lunar date as day/month/year, e.g. 1/1/2026; a leap month is marked n: 1/6n/2025.',
  run: async (args) =>
    withInputErrors(() => {
      const { y, m, d } = parseIsoDate(args[0] ?? '');
      return lunarText(solarToLunar(y, m, d));
    })(),
};

const solarCommand: Command = {
  name: 'calendar solar',
  summary: 'Đổi ngày âm sang dương / lunar date to solar',
  usage: 'tinhso calendar solar YEAR MONTH DAY [--leap]\n\nPrints the solar date (YYYY-MM-DD) of a lunar date; --leap for the leap month.',
  run: async (args) => {
    const { values, positionals } = parseArgs({ args, options: { leap: { type: 'boolean', default: false } }, allowPositionals: true, strict: false });
    return withInputErrors(() => {
      const [year, month, day] = [0, 1, 2].map((i) => integer(positionals[i], ['YEAR', 'MONTH', 'DAY'][i]!)) as [number, number, number];
      return formatIsoDate(lunarToSolar(year, month, day, values.leap === true));
    })();
  },
};

const tetCommand: Command = {
  name: 'calendar tet',
  summary: 'Ngày Tết Nguyên đán của một năm / Lunar New Year',
  usage: 'tinhso calendar tet YEAR\n\nPrints the solar date of lunar 1/1 of YEAR.',
  run: async (args) => withInputErrors(() => formatIsoDate(tetDate(integer(args[0], 'YEAR'))))(),
};

const addCommand: Command = {
  name: 'calendar add',
  summary: 'Cộng N ngày làm việc / add working days',
  usage: 'tinhso calendar add YYYY-MM-DD N\n\nPrints the date after N working days (counting from the next working day), e.g.\n`tinhso calendar add 2026-02-13 1` prints 2026-02-23 (Tết 2026 is off 14–22 February).',
  run: async (args) => withInputErrors(() => new WorkingCalendar().addWorkingDaysToDate(args[0] ?? '', integer(args[1], 'N')))(),
};

export const calendarCommands: Command[] = [lunarCommand, solarCommand, tetCommand, addCommand];
