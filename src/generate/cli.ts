import { parseArgs } from 'node:util';
import { withMigratedDatabase } from '../cli/database.ts';
import type { Command } from '../cli/main.ts';
import type { Db } from '../platform/db/pool.ts';
import { isDatabaseEmpty, seedDemo } from '../seed/demo.ts';
import { prepareReferenceData } from '../seed/prepare.ts';
import { generateProvince, type GenerateSummary } from './generate-province.ts';
import { isIsoDay, vietnamToday } from './options.ts';

/** Reference data, and the demo province when the database has no users yet: what the generator builds on. */
export const prepareDemoProvince = async (db: Db): Promise<void> => {
  await prepareReferenceData(db);
  if (await isDatabaseEmpty(db)) await seedDemo(db);
};

export const describeRun = (s: GenerateSummary): string =>
  [
    ...Object.entries(s.rows).map(([table, n]) => `  ${table.padEnd(18)} ${n.toLocaleString('en')}`),
    `${s.totalRows.toLocaleString('en')} rows in ${s.seconds} s = ${s.rowsPerSecond.toLocaleString('en')} rows/s`,
    ...s.notes.map((n) => `note: ${n}`),
  ].join('\n');

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Sinh dữ liệu một tỉnh để đo hiệu năng / generate a province for benchmarks',
  usage: [
    'tinhso generate --scale S [--seed N] [--until YYYY-MM-DD] [--parallel P]',
    '',
    'Fills the configured database (DATABASE_URL, or the embedded one) with a year of a province:',
    'at scale 1, 200,000 citizens, 1,500,000 dossiers with their workflow events, 200,000 feedback',
    'reports and a catalogue of 2,000 procedures, on the demo province (96 communes, loaded first',
    'when the database is empty). Same seed (default 1) and same --until (default today, Vietnam',
    'time; the year ends the day before) give the same rows. --parallel: loading connections (2).',
    'Meant for benchmark databases: accounts share the demo password, and a database already',
    'generated into is refused.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({
      args,
      options: { scale: { type: 'string' }, seed: { type: 'string', default: '1' }, until: { type: 'string' }, parallel: { type: 'string', default: '2' } },
      strict: true,
    });
    const scale = Number(values.scale);
    const seed = Number(values.seed);
    const until = values.until ?? vietnamToday();
    const parallel = Number(values.parallel);
    if (!values.scale || !(scale > 0 && scale <= 20)) throw new Error('--scale phải là số trong (0, 20] / --scale must be a number in (0, 20]');
    if (!Number.isInteger(seed) || seed < 0 || seed > 2_000_000) throw new Error('--seed phải là số nguyên 0–2000000 / --seed must be an integer 0–2000000');
    if (!isIsoDay(until)) throw new Error('--until phải có dạng YYYY-MM-DD / --until must be YYYY-MM-DD');
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > 16) throw new Error('--parallel phải là số nguyên 1–16 / --parallel must be an integer 1–16');
    return withMigratedDatabase(async (db) => {
      await prepareDemoProvince(db);
      const summary = await generateProvince(db, { scale, seed, until, parallel, log: (m) => console.error(m) });
      console.log(describeRun(summary));
      return 0;
    });
  },
};
