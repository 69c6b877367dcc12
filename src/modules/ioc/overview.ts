import type { Principal } from '../../platform/auth/sessions.ts';
import type { CalendarService } from '../../platform/calendar/service.ts';
import type { Db } from '../../platform/db/pool.ts';
import { notFound } from '../../platform/http/problems.ts';
import { vietnamDay } from '../services/dossiers/code.ts';
import { agencyFilter, iocReachOf } from './access.ts';
import { alertThreshold } from './alert-settings.ts';
import { ratio } from './decision-766.ts';
import { gaugesOf } from './decision-749.ts';
import { procedureFacts, unitsOf, type Unit } from './directory.ts';
import { addInto, dossierSumsByAgency, feedbackRows, hotSpots, openDossiers, provinceSums, trendRows, type DossierCounts, type OpenCounts } from './figures.ts';
import { defaultGranularity, periodOf, trendBuckets, type Granularity, type PeriodKind } from './period.ts';
import {
  alertsOf, changeOf, dossierFigures, feedbackFigures, feedbackTotals, rankUnits, sumDossiers, sumOpen, unitRow, zeroFeedbackTotals, type FeedbackTotals,
} from './summaries.ts';

/**
 * `GET /api/ioc/overview`: the leader's screen as JSON, read from the rollups only. A province
 * leader sees the province (or one unit with `agencyId`), an agency leader their agency.
 * `dossiers.received` is the number of dossiers filed in the period (the current month unless
 * asked otherwise) — a contract other tools read.
 */
export type IocDeps = { db: Db; calendar: CalendarService; now?: () => Date };
export type OverviewQuery = { period?: PeriodKind; at?: string; granularity?: Granularity; agencyId?: string };

/** Today and the last day counted "at risk" (2 working days ahead), as Vietnam days. */
export const daysOfNow = async (deps: IocDeps) => {
  const now = deps.now?.() ?? new Date();
  const calendar = await deps.calendar.current();
  return { now, today: vietnamDay(now), soonDay: vietnamDay(calendar.addWorkingDays(now, 2)) };
};

/** The toàn trình share of the procedures a unit handles (province: the whole catalogue). */
const toanTrinhProcedureShare = (procedures: Awaited<ReturnType<typeof procedureFacts>>, unit: Unit | null) => {
  const mine = unit
    ? procedures.filter((p) => p.agencyCode === unit.code || (p.level === 'commune' && unit.kind === 'commune_committee'))
    : procedures;
  return { total: mine.length, complete: mine.filter((p) => p.complete).length, toanTrinh: mine.filter((p) => p.toanTrinh).length };
};

export const iocOverview = async (deps: IocDeps, principal: Principal, q: OverviewQuery) => {
  const reach = iocReachOf(principal);
  const agencies = agencyFilter(reach, q.agencyId);
  const units = await unitsOf(deps.db);
  const unit = agencies ? units.get(agencies[0]!) ?? null : null;
  if (agencies && !unit) throw notFound('Không tìm thấy cơ quan');
  const { now, today, soonDay } = await daysOfNow(deps);
  const period = periodOf(q.period ?? 'month', q.at ?? today, today);
  const granularity = q.granularity ?? defaultGranularity(period.kind);
  const lastDay = period.elapsedTo > period.from ? new Date(Date.parse(period.elapsedTo) - 86_400_000).toISOString().slice(0, 10) : period.from;
  const trend = trendBuckets(granularity, lastDay);

  const [current, previous, open, feedback, previousFeedback, spots, trendData, procedures, threshold] = await Promise.all([
    dossierSumsByAgency(deps.db, { from: period.from, to: period.elapsedTo }, agencies),
    agencies ? dossierSumsByAgency(deps.db, period.previous, agencies).then((m) => sumDossiers(m.values())) : provinceSums(deps.db, period.previous),
    openDossiers(deps.db, today, soonDay, agencies),
    feedbackRows(deps.db, { from: period.from, to: period.elapsedTo }, today, agencies),
    feedbackRows(deps.db, period.previous, today, agencies),
    hotSpots(deps.db, today, agencies),
    trendRows(deps.db, granularity, trend.range, agencies),
    procedureFacts(deps.db),
    alertThreshold(deps.db),
  ]);

  const dossiers = dossierFigures(sumDossiers(current.values()));
  const previousDossiers = dossierFigures(previous);
  const openTotals = sumOpen(open.values());
  const feedbackNow = feedbackFigures(feedbackTotals(feedback), feedbackTotals(feedback, (r) => r.scope === 'procedure'));
  const feedbackBefore = feedbackFigures(feedbackTotals(previousFeedback), feedbackTotals(previousFeedback, (r) => r.scope === 'procedure'));

  // Feedback per handling agency (rankings) and per commune where it happened (map).
  const byAgency = new Map<string, FeedbackTotals>();
  const byCommune = new Map<string, FeedbackTotals>();
  for (const r of feedback) {
    if (r.scope === 'inspection') continue;
    byAgency.set(r.agencyId, addTotals(byAgency.get(r.agencyId), r));
    byCommune.set(r.communeCode, addTotals(byCommune.get(r.communeCode), r));
  }

  const shown = [...units.values()].filter((u) => (agencies ? agencies.includes(u.id) : true));
  const rowOf = (u: Unit, fb: FeedbackTotals | undefined) =>
    unitRow(u, current.get(u.id) as DossierCounts | undefined, open.get(u.id) as OpenCounts | undefined, { open: fb?.open ?? 0, overdue: fb?.overdue ?? 0 });
  const agencyRows = shown
    .filter((u) => u.kind !== 'commune_committee' && (current.has(u.id) || open.has(u.id) || byAgency.has(u.id)))
    .map((u) => rowOf(u, byAgency.get(u.id)));
  const communeRows = shown.filter((u) => u.kind === 'commune_committee' && u.communeCode).map((u) => rowOf(u, byCommune.get(u.communeCode!)));

  const toanTrinh = toanTrinhProcedureShare(procedures, unit);
  const points = new Map(trendData.map((p) => [p.bucket, p]));
  return {
    scope: unit ? { kind: 'agency' as const, agencyId: unit.id, code: unit.code, name: unit.name } : { kind: 'province' as const, agencyId: null, code: null, name: null },
    asOf: now.toISOString(),
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to, elapsedTo: period.elapsedTo },
    previousPeriod: period.previous,
    dossiers: {
      ...dossiers, ...openTotals,
      previous: previousDossiers,
      change: { received: changeOf(dossiers.received, previousDossiers.received), done: changeOf(dossiers.done, previousDossiers.done), late: changeOf(dossiers.doneLate, previousDossiers.doneLate) },
    },
    feedback: { ...feedbackNow, previous: feedbackBefore, change: { received: changeOf(feedbackNow.received, feedbackBefore.received) } },
    trend: {
      granularity,
      points: trend.starts.map((start) => {
        const p = points.get(start);
        return { start, received: p?.received ?? 0, done: p?.done ?? 0, onTimeRate: ratio(p?.onTime ?? 0, p?.done ?? 0), late: p?.late ?? 0, feedback: p?.feedback ?? 0 };
      }),
    },
    targets: gaugesOf({ toanTrinhProcedureShare: ratio(toanTrinh.toanTrinh, toanTrinh.total), eResultShare: dossiers.eResultShare }),
    rankings: { agencies: rankUnits(agencyRows), communes: rankUnits(communeRows) },
    hotSpots: spots,
    alerts: { threshold, items: alertsOf([...agencyRows, ...communeRows], threshold) },
  };
};

const addTotals = (into: FeedbackTotals | undefined, r: FeedbackTotals): FeedbackTotals => addInto(into ?? zeroFeedbackTotals(), r);

export type Overview = Awaited<ReturnType<typeof iocOverview>>;
