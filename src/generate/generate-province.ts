import { recordAudit, SYSTEM_ACTOR } from '../platform/audit/index.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { isoFromJdn, jdnFromIso } from '../platform/calendar/index.ts';
import { CalendarService } from '../platform/calendar/service.ts';
import type { Db } from '../platform/db/pool.ts';
import { rebuildIocRollups } from '../modules/ioc/index.ts';
import { DEMO_PASSWORD, DEMO_PROVINCE } from '../seed/demo-data.ts';
import { Accounts } from './accounts.ts';
import { dropForLoad, openLoader, rebuildDropped, settleTables, type Loader } from './bulk-load.ts';
import { calendarArrays, CalendarSql, vietnamMidnight } from './calendar-sql.ts';
import { generatedChecksum } from './checksum.ts';
import { createCellsTable, planCells } from './dossier-cells.ts';
import { keysStatement, planStatement } from './dossier-plan.ts';
import { DossierRows } from './dossier-rows.ts';
import { feedbackStatements, prepareFeedback } from './feedback-reports.ts';
import { type GenerateOptions, sizesFor, standAt, YEAR_DAYS } from './options.ts';
import { People } from './people.ts';
import { addProcedureVariants, createProcedureSlots, groupWeights } from './procedures.ts';
import { createProvinceTables, loadProvince } from './province.ts';
import { Dice } from './sql-dice.ts';

/**
 * `tinhso generate`: fills a database holding the demo province with a year of a province's
 * activity (options.ts for the sizes), deterministically for a seed and an `until` day. Rows are
 * made inside PostgreSQL from helper tables (`gen_*`, dropped at the end) by INSERT … SELECT on
 * two connections side by side; see bulk-load.ts for how loading is kept fast. Refuses a database
 * already generated into: generate into a fresh one.
 */
export const GENERATED_DATASET = 'generated-province';

/** Tables the load writes in bulk: their secondary indexes and unique constraints are built once, after it. */
const LOADED_TABLES = ['users', 'dossiers', 'workflow_cases', 'workflow_events', 'dossier_ratings', 'feedback_reports'];
/** Tables whose new rows the summary counts. */
const COUNTED = ['users', 'procedures', 'dossiers', 'workflow_cases', 'workflow_events', 'dossier_ratings', 'feedback_reports'];
/** Calendar arrays reach this far before `until` (filing year + receipt lead) and after it (open deadlines). */
const DAYS_BEFORE = YEAR_DAYS + 35;
const DAYS_AFTER = 260;

export type GenerateSummary = {
  scale: number;
  seed: number;
  until: string;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  triggersOff: boolean;
  notes: string[];
};

const HELPERS = [
  'gen_calendar', 'gen_communes', 'gen_agencies', 'gen_procedure_slots', 'gen_cells', 'gen_staff', 'gen_citizens',
  'gen_feedback_topics', 'gen_report_topic_slots', 'gen_report_communes', 'gen_report_routes', 'gen_report_cells',
];

const dropHelpers = async (loader: Loader, parts: number) => {
  const plans = Array.from({ length: Math.max(parts, 16) }, (_, i) => [`gen_dossier_keys_${i}`, `gen_dossier_plan_${i}`, `gen_report_plan_${i}`]).flat();
  await loader.run(`DROP TABLE IF EXISTS ${[...HELPERS, ...plans].join(', ')}`);
};

const countRows = async (db: Db, table: string, where = 'true') =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0]?.n ?? 0;

export const generateProvince = async (db: Db, options: GenerateOptions): Promise<GenerateSummary> => {
  const log = options.log ?? (() => undefined);
  const parts = Math.max(1, options.parallel ?? 2);
  const t0 = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e9;
  const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const s = elapsed();
    const result = await work();
    log(`  ${what} (${(elapsed() - s).toFixed(1)} s)`);
    return result;
  };

  const done = await db.query('SELECT source FROM data_imports WHERE dataset = $1', [GENERATED_DATASET]);
  if (done.rowCount) throw new Error(`this database already holds generated data (${done.rows[0].source}); generate into a fresh database`);
  const catalogue = await countRows(db, 'procedures', 'active');
  const sizes = sizesFor(options.scale, catalogue);
  const dice = new Dice(options.seed);
  const now = standAt(options.until);
  const untilJdn = jdnFromIso(options.until);
  const firstDay = isoFromJdn(untilJdn - DAYS_BEFORE);
  const calendar = calendarArrays(await new CalendarService(db).current(), firstDay, DAYS_BEFORE + DAYS_AFTER);
  const cal = new CalendarSql(calendar);
  const people = new People(dice);
  const accounts = new Accounts(dice, people, vietnamMidnight(firstDay), sizes.citizens);
  const province = await loadProvince(db, DEMO_PROVINCE.code, sizes.citizens, options.seed);
  const rowsCtx = { dice, cal, people, now, firstDay };
  const dossiers = new DossierRows(rowsCtx);
  const notes: string[] = [];
  log(`generating scale ${options.scale} (seed ${options.seed}, year before ${options.until}): ${sizes.citizens} citizens, ${sizes.dossiers} dossiers, ${sizes.reports} reports, ${sizes.procedures} procedures`);

  const trace = process.env.TINHSO_GENERATE_TRACE === '1' ? (sql: string, ms: number) => log(`    ${(ms / 1000).toFixed(1)} s  ${sql.replace(/\s+/g, ' ').slice(0, 70)}`) : undefined;
  const loader = await openLoader(db, parts, trace);
  if (!loader.triggersOff) notes.push('triggers and foreign-key checks stayed on (not a superuser): slower load');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  try {
    await dropHelpers(loader, parts);
    await step('helper tables, procedure variants', async () => {
      await loader.run(cal.createTable());
      await createProvinceTables(db, province);
      loader.inserted.set('procedures', await addProcedureVariants(db, sizes.procedures));
      await createProcedureSlots(db);
      const cells = planCells(province, calendar, DAYS_BEFORE - YEAR_DAYS, YEAR_DAYS, await groupWeights(db), sizes.dossiers, options.seed);
      await createCellsTable(db, cells, parts, firstDay);
      await loader.run(accounts.createStaffTable());
      await loader.run('CREATE INDEX ON gen_staff (key); CREATE INDEX ON gen_communes (idx); CREATE INDEX ON gen_agencies (idx)');
      await loader.run('ANALYZE gen_calendar, gen_communes, gen_agencies, gen_procedure_slots, gen_cells, gen_staff');
    });
    const feedback = await prepareFeedback(db, loader, { dice, cal, people, accounts, province, now, firstDay, reports: sizes.reports, parts });
    if (!feedback.ready) notes.push(feedback.note);

    const dropped = await dropForLoad(loader, LOADED_TABLES);
    try {
      await step('staff and citizens', async () => {
        await loader.run(accounts.insertStaff(passwordHash));
        await loader.run(accounts.createCitizensTable());
        await loader.parallel(Array.from({ length: parts }, (_, i) => [accounts.fillCitizens(i, parts, province.inAddress)]));
        await loader.run('CREATE INDEX ON gen_citizens (key); ANALYZE gen_citizens');
        await loader.parallel(Array.from({ length: parts }, (_, i) => [accounts.insertCitizens(i, parts, passwordHash)]));
      });
      const planCtx = { dice, cal, communes: province.communes.length, now };
      await step('dossier plans', () =>
        loader.parallel(Array.from({ length: parts }, (_, i) => [keysStatement(planCtx, i), `ANALYZE gen_dossier_keys_${i}`, planStatement(planCtx, i)])));
      await step('dossiers, workflow cases and events', () =>
        loader.parallel(Array.from({ length: parts }, (_, i) => [dossiers.insertCases(i), dossiers.insertDossiers(i), dossiers.insertEvents(i), dossiers.insertRatings(i)])));
      await loader.run(dossiers.insertCounters());
      if (feedback.ready) await step('feedback reports', () => loader.parallel(feedbackStatements(feedback, parts)));
    } finally {
      await step(`indexes and unique constraints (${dropped.length})`, () => rebuildDropped(loader, dropped));
    }
    // The lists, queues and dashboards read dossiers and reports by index: settle those two.
    const vacuumed = ['dossiers', 'feedback_reports'];
    await step('vacuum and statistics', () => settleTables(loader, vacuumed, LOADED_TABLES.filter((t) => !vacuumed.includes(t)), parts));
    await dropHelpers(loader, parts);
  } finally {
    await loader.release();
  }

  // The operations centre's rollups are kept by triggers, off during the load: rebuilt in one pass.
  await step('operations-centre rollups', () => rebuildIocRollups(db));
  const rows = Object.fromEntries(COUNTED.map((t) => [t, loader.inserted.get(t) ?? 0]));
  const totalRows = Object.values(rows).reduce((s, n) => s + n, 0);
  const seconds = elapsed();
  const summary: GenerateSummary = {
    scale: options.scale, seed: options.seed, until: options.until, rows, totalRows,
    seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(totalRows / seconds), triggersOff: loader.triggersOff, notes,
  };
  const checksum = await generatedChecksum(db, Math.max(1, Math.round(sizes.dossiers / 20_000)));
  await db.query(
    `INSERT INTO data_imports (dataset, source, checksum, row_count) VALUES ($1, $2, $3, $4)
     ON CONFLICT (dataset) DO UPDATE SET source = EXCLUDED.source, checksum = EXCLUDED.checksum, row_count = EXCLUDED.row_count, imported_at = now()`,
    [GENERATED_DATASET, JSON.stringify({ generator: 'tinhso generate', ...summary }), checksum, totalRows],
  );
  await recordAudit(db, { actor: SYSTEM_ACTOR, action: 'generate.province', target: { type: 'system', id: 'generate' }, after: { ...summary, checksum } });
  return summary;
};

/** What a database holds from `tinhso generate` (the summary recorded with it), or null. */
export const generatedRun = async (db: Db): Promise<(GenerateSummary & { checksum: string }) | null> => {
  const { rows } = await db.query<{ source: string; checksum: string }>('SELECT source, checksum FROM data_imports WHERE dataset = $1', [GENERATED_DATASET]);
  return rows[0] ? { ...(JSON.parse(rows[0].source) as GenerateSummary), checksum: rows[0].checksum } : null;
};
