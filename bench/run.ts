import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calendarAddOps, calendarConvertAll } from './calendar.ts';
import { BenchContext } from './context.ts';
import { vacuumWithoutAutovacuum } from './database.ts';
import { passes, type Figure } from './figures.ts';
import { importFigures, serverFigures } from './platform.ts';
import { iocFigures, queueFigures, searchFigures } from './reads.ts';
import { submitFigures } from './submit.ts';
import { trackingFigures } from './tracking.ts';

/**
 * `npm run bench [-- --scale S] [--only GROUP,…] [--seconds N] [--seed N] [--fresh]`: measures
 * each performance goal of issue 9 on a generated province and writes bench/results.json (one
 * key per figure: value, unit, target, pass; other keys already there, such as bench:web's, are
 * kept) and a markdown table. The database is DATABASE_URL's (reused when it already holds the
 * same scale; --fresh regenerates) or an embedded PostgreSQL in a temporary directory; the app
 * runs as its own process (`tinhso serve`), measured with autocannon on loopback.
 */
type Group = (ctx: BenchContext, state: { loaded: boolean }) => Promise<Figure[]>;

const http = (measure: (ctx: BenchContext) => Promise<Figure[]>): Group => async (ctx, state) => {
  const vacuumed = await vacuumWithoutAutovacuum((await ctx.database()).db);
  if (vacuumed.length > 0) ctx.options.log(`autovacuum is off on this server: vacuumed ${vacuumed.join(', ')}`);
  const figures = await measure(ctx);
  state.loaded = true;
  return figures;
};

// In this order: the server's memory is read after the loads; the calendar needs no database.
const GROUPS: Record<string, Group> = {
  // Conversion first, so that its time includes building the lunar tables.
  calendar: async () => [...(await calendarConvertAll()), ...(await calendarAddOps())],
  import: (ctx) => importFigures(ctx),
  tracking: http(trackingFigures),
  submit: http(submitFigures),
  queue: http(queueFigures),
  ioc: http(iocFigures),
  search: http(searchFigures),
  server: (ctx, state) => serverFigures(ctx, state.loaded),
};

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    scale: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    fresh: { type: 'boolean', default: false },
  },
});
const chosen = values.only ? values.only.split(',') : Object.keys(GROUPS);
const unknown = chosen.filter((g) => !GROUPS[g]);
const scale = Number(values.scale);
const seconds = Number(values.seconds);
if (unknown.length || !(scale > 0 && scale <= 20) || !(seconds >= 1)) {
  console.error(unknown.length ? `unknown group(s): ${unknown.join(', ')}; known: ${Object.keys(GROUPS).join(', ')}` : 'bad --scale (0, 20] or --seconds (≥ 1)');
  process.exit(2);
}

const log = (m: string) => console.error(m);
const ctx = new BenchContext({ scale, seed: Number(values.seed), fresh: values.fresh, seconds, log });
const figures: Figure[] = [];
const state = { loaded: false };
try {
  for (const group of Object.keys(GROUPS).filter((g) => chosen.includes(g))) {
    log(`— ${group}`);
    figures.push(...(await GROUPS[group]!(ctx, state)));
  }
} finally {
  await ctx.close();
}

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
const results: Record<string, unknown> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
Object.assign(results, {
  at: new Date().toISOString(),
  scale,
  machine: { cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30), cpu: os.cpus()[0]?.model, node: process.version },
});
for (const f of figures) results[f.key] = { value: f.value, unit: f.unit, target: f.target, pass: passes(f), ...(f.note ? { note: f.note } : {}) };
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

const shown = (v: number | null) => (v === null ? '–' : v.toLocaleString('en'));
console.log('| figure | value | target | pass |\n|---|---|---|---|');
for (const f of figures) {
  const target = f.target === null ? '–' : `${f.better === 'higher' ? '≥' : '≤'} ${shown(f.target)}`;
  const pass = passes(f);
  console.log(`| ${f.key} | ${shown(f.value)} ${f.unit} | ${target} | ${pass === null ? '–' : pass ? 'yes' : 'NO'}${f.note ? ` (${f.note})` : ''} |`);
}
console.log(`\nwritten ${path.relative(process.cwd(), file)} (scale ${scale}, ${os.cpus().length} cores)`);
