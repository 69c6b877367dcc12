import type { Queryable } from '../platform/db/pool.ts';
import type { CalendarArrays } from './calendar-sql.ts';
import type { Province } from './province.ts';
import { seededRandom, spread } from './sql-dice.ts';

/**
 * How many dossiers each agency receives on each day of the year: a "cell" per (day, agency)
 * with its count, so that a dossier's code `{agency}-{yymmdd}-{nnnn}` is simply its number in
 * the cell, and the day's counters can be set to each cell's count. Counts follow working days
 * (few online filings on days off), a busier Monday, a year that grows slightly, each commune's
 * population and each department's share of the catalogue; they add up to exactly `total`.
 */
export type Cell = { day: number; agencyIdx: number; count: number; firstKey: number };

const dayWeight = (isoDay: string, working: boolean, progress: number) => {
  if (!working) return 0.12;
  const weekday = new Date(`${isoDay}T00:00:00Z`).getUTCDay();
  const week = weekday === 1 ? 1.15 : weekday === 5 ? 0.95 : weekday === 6 ? 0.7 : 1;
  return week * (0.9 + 0.2 * progress);
};

export const planCells = (
  province: Province,
  calendar: CalendarArrays,
  firstFilingDay: number,
  days: number,
  groupWeights: Map<string, number>,
  total: number,
  seed: number,
): Cell[] => {
  const random = seededRandom(seed * 7 + 2);
  const communeShare = groupWeights.get('commune') ?? 0;
  const communeWeightSum = province.communes.reduce((s, c) => s + (c.committeeIdx ? c.weight : 0), 0) || 1;
  const agencies = province.agencies.flatMap((a) => {
    if (a.kind === 'commune_committee' && a.communeIdx) {
      const commune = province.communes[a.communeIdx - 1]!;
      return [{ idx: a.idx, weight: (communeShare * commune.weight) / communeWeightSum }];
    }
    const own = groupWeights.get(a.code);
    return own ? [{ idx: a.idx, weight: own }] : [];
  });
  if (agencies.length === 0) throw new Error('no agency handles any procedure of the catalogue');

  const first = Date.parse(`${calendar.firstDay}T00:00:00Z`);
  const keys: { day: number; agencyIdx: number }[] = [];
  const weights: number[] = [];
  for (let k = 0; k < days; k += 1) {
    const day = firstFilingDay + k;
    const iso = new Date(first + day * 86_400_000).toISOString().slice(0, 10);
    const working = calendar.ord[day]! > calendar.ord[day - 1]!;
    const w = dayWeight(iso, working, k / days) * (0.9 + 0.2 * random());
    for (const a of agencies) {
      keys.push({ day, agencyIdx: a.idx });
      weights.push(w * a.weight);
    }
  }
  const counts = spread(total, weights, random);
  const cells: Cell[] = [];
  let next = 1;
  counts.forEach((count, i) => {
    if (count === 0) return;
    cells.push({ ...keys[i]!, count, firstKey: next });
    next += count;
  });
  return cells;
};

/**
 * `gen_cells (part, day, agency_idx, n, first_key, base)`: `part` splits the work between the
 * loading connections; `base` is the day's counter as the database already has it (codes of the
 * cell follow it, so they never collide with dossiers filed before).
 */
export const createCellsTable = async (db: Queryable, cells: readonly Cell[], parts: number, firstDay: string): Promise<void> => {
  await db.query(
    `CREATE UNLOGGED TABLE gen_cells AS
     SELECT c.day % $5 AS part, c.day, c.agency_idx, c.n, c.first_key, coalesce(x.last, 0) AS base
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS c (day, agency_idx, n, first_key)
       JOIN gen_agencies a ON a.idx = c.agency_idx
       LEFT JOIN dossier_code_counters x ON x.agency_code = a.code AND x.day = $6::date + c.day`,
    [cells.map((c) => c.day), cells.map((c) => c.agencyIdx), cells.map((c) => c.count), cells.map((c) => c.firstKey), Math.max(1, parts), firstDay],
  );
};
