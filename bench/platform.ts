import type { BenchContext } from './context.ts';
import { round, type Figure } from './figures.ts';
import { cycle, load } from './load.ts';

/** The generator's figures: rows per second over the whole load, and its time against the targets. */
export const importTargetSeconds = (scale: number) => (scale <= 0.05 ? 30 : scale >= 1 ? 300 * scale : 30 + (270 * (scale - 0.05)) / 0.95);

export const importFigures = async (ctx: BenchContext): Promise<Figure[]> => {
  const d = await ctx.database();
  const note = d.generatedNow ? undefined : `recorded when this database was generated (year before ${d.run.until})`;
  return [
    { key: 'import.rows_per_s', value: d.run.rowsPerSecond, unit: 'rows/s', target: null, better: 'higher', note },
    { key: 'import.seconds', value: d.run.seconds, unit: 's', target: Math.round(importTargetSeconds(d.run.scale)), better: 'lower', note },
    { key: 'import.rows', value: d.run.totalRows, unit: 'rows', target: null, better: 'higher' },
  ];
};

/**
 * The app's start on the generated data (spawn → `/readyz` answers 200: migrations checked,
 * reference data checked, workers started, listening) and its largest resident memory while the
 * other figures loaded it (when they did not run, 10 s of tracking at 50 connections first).
 */
export const serverFigures = async (ctx: BenchContext, loaded: boolean): Promise<Figure[]> => {
  const app = await ctx.app();
  if (!loaded) {
    const { db } = await ctx.database();
    const codes = (await db.query<{ code: string }>('SELECT code FROM dossiers WHERE code IS NOT NULL LIMIT 2000')).rows.map((r) => r.code);
    const next = cycle(codes);
    await load({ url: app.base, connections: 50, seconds: ctx.seconds, next: () => ({ method: 'GET', path: `/api/public/dossiers/${next()}` }) });
  }
  app.rss();
  return [
    { key: 'server.ready_s', value: round(app.readySeconds, 2), unit: 's', target: 5, better: 'lower' },
    { key: 'server.rss_mb', value: Math.round(app.peakRssMb()), unit: 'MB', target: 250, better: 'lower' },
  ];
};
