import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calendarAddOps, calendarConvertAll } from './calendar.ts';
import { passes, type Figure } from './figures.ts';

/**
 * `npm run bench [-- --only GROUP]`: measures each performance goal, writes bench/results.json
 * (one key per figure: value, unit, target, pass) and prints a markdown table. Groups grow with
 * the modules; the province-scale data generator and HTTP load figures come with issue 9.
 */
const GROUPS: Record<string, () => Promise<Figure[]>> = {
  // Conversion first, so that its time includes building the lunar tables.
  calendar: async () => [...(await calendarConvertAll()), ...(await calendarAddOps())],
};

const { values } = parseArgs({ options: { only: { type: 'string' }, scale: { type: 'string', default: '0' } } });
const chosen = values.only ? values.only.split(',') : Object.keys(GROUPS);
const unknown = chosen.filter((g) => !GROUPS[g]);
if (unknown.length) {
  console.error(`unknown group(s): ${unknown.join(', ')}; known: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}

const figures: Figure[] = [];
for (const group of chosen) figures.push(...(await GROUPS[group]!()));

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  scale: Number(values.scale),
  machine: { cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30), cpu: os.cpus()[0]?.model, node: process.version },
};
for (const f of figures) results[f.key] = { value: f.value, unit: f.unit, target: f.target, pass: passes(f) };
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

console.log('| figure | value | target | pass |\n|---|---|---|---|');
for (const f of figures) console.log(`| ${f.key} | ${f.value.toLocaleString('en')} ${f.unit} | ${f.better === 'higher' ? '≥' : '≤'} ${f.target?.toLocaleString('en') ?? '–'} | ${passes(f) ? 'yes' : 'NO'} |`);
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
