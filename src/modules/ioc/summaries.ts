import { feedbackSatisfaction766, ratio, type IndexInputs, type Share } from './decision-766.ts';
import type { Unit } from './directory.ts';
import { addInto, zeroDossiers, zeroFeedback, zeroOpen, type DossierCounts, type FeedbackCounts, type FeedbackRow, type OpenCounts } from './figures.ts';

/**
 * From rollup counts to the figures a leader reads (rates, shares, satisfaction) — pure, so the
 * overview, the drill-down, the monthly report and the alerts all compute them the same way.
 */
export type DossierFigures = DossierCounts & {
  onTime: number;
  onTimeRate: Share;
  toanTrinhShare: Share;
  onlineShare: Share;
  onlinePaymentShare: Share;
  eResultShare: Share;
};

export const dossierFigures = (c: DossierCounts): DossierFigures => ({
  ...c,
  onTime: c.doneEarly + c.doneOnTime,
  onTimeRate: ratio(c.doneEarly + c.doneOnTime, c.done),
  toanTrinhShare: ratio(c.toanTrinh, c.received),
  onlineShare: ratio(c.online, c.received),
  onlinePaymentShare: ratio(c.paidOnline, c.paid),
  eResultShare: ratio(c.doneEResult, c.done),
});

export type FeedbackTotals = FeedbackCounts & { open: number; overdue: number; cohortOverdue: number };
export type FeedbackFigures = FeedbackTotals & { onTimeRate: Share; satisfaction: Share; satisfaction766: Share };

export const zeroFeedbackTotals = (): FeedbackTotals => ({ ...zeroFeedback(), open: 0, overdue: 0, cohortOverdue: 0 });

/** Sums feedback rows (complaints and denunciations left out: they follow the inspectorate's process). */
export const feedbackTotals = (rows: FeedbackRow[], keep: (r: FeedbackRow) => boolean = () => true): FeedbackTotals =>
  rows.filter((r) => r.scope !== 'inspection' && keep(r)).reduce((t, r) => addInto(t, r), zeroFeedbackTotals());

/** The 766 feedback triple of some totals: handled reports, rated ≤ 2, answered late or open past due. */
export const feedbackFor766 = (t: FeedbackTotals): IndexInputs['feedback'] => ({
  total: t.received - t.notHandled,
  unsatisfied: t.unsatisfied,
  overdue: t.answeredLate + t.cohortOverdue,
});

export const feedbackFigures = (all: FeedbackTotals, procedureOnly: FeedbackTotals): FeedbackFigures => ({
  ...all,
  onTimeRate: ratio(all.answeredOnTime, all.answered),
  satisfaction: feedbackSatisfaction766(feedbackFor766(all)),
  satisfaction766: feedbackSatisfaction766(feedbackFor766(procedureOnly)),
});

export const sumDossiers = (maps: Iterable<DossierCounts>): DossierCounts => {
  const total = zeroDossiers();
  for (const c of maps) addInto(total, c);
  return total;
};

export const sumOpen = (maps: Iterable<OpenCounts>): OpenCounts => {
  const total = zeroOpen();
  for (const c of maps) addInto(total, c);
  return total;
};

/** Change from the previous period: the difference, and the relative change when the previous is not 0. */
export const changeOf = (now: number, before: number) => ({ delta: now - before, relative: before === 0 ? null : Math.round(((now - before) / before) * 10_000) / 10_000 });

export type UnitRow = {
  agencyId: string; code: string; name: string; communeCode: string | null;
  received: number; done: number; onTimeRate: Share; late: number; inProgress: number; overdue: number; atRisk: number;
  onlineShare: Share; toanTrinhShare: Share; feedbackOpen: number; feedbackOverdue: number;
};

/** A ranking row of one unit; the unit's name is the commune's for a commune's People's Committee. */
export const unitRow = (unit: Unit, counts: DossierCounts | undefined, open: OpenCounts | undefined, feedback: { open: number; overdue: number }): UnitRow => {
  const f = dossierFigures(counts ?? zeroDossiers());
  const o = open ?? zeroOpen();
  return {
    agencyId: unit.id, code: unit.code, name: unit.kind === 'commune_committee' && unit.communeName ? unit.communeName : unit.name, communeCode: unit.communeCode,
    received: f.received, done: f.done, onTimeRate: f.onTimeRate, late: f.doneLate, inProgress: o.inProgress, overdue: o.overdue, atRisk: o.atRisk,
    onlineShare: f.onlineShare, toanTrinhShare: f.toanTrinhShare, feedbackOpen: feedback.open, feedbackOverdue: feedback.overdue,
  };
};

/** Best first: highest on-time rate (units with nothing done last), fewest overdue, most received; Vietnamese name order breaks ties. */
const collator = new Intl.Collator('vi');
export const rankUnits = <T extends Omit<UnitRow, 'communeCode' | 'feedbackOpen' | 'feedbackOverdue' | 'agencyId' | 'code'>>(rows: T[]): (T & { rank: number })[] =>
  [...rows]
    .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.overdue - b.overdue || b.received - a.received || collator.compare(a.name, b.name))
    .map((r, i) => ({ ...r, rank: i + 1 }));

export type Alert = { agencyId: string; name: string; kind: 'low-on-time' | 'overdue'; value: number; threshold?: number };

/** Units below the on-time threshold (with something done) or with dossiers overdue, worst first. */
export const alertsOf = (rows: UnitRow[], threshold: number): Alert[] => {
  const low = rows
    .filter((r) => r.onTimeRate !== null && r.onTimeRate < threshold)
    .sort((a, b) => (a.onTimeRate ?? 0) - (b.onTimeRate ?? 0))
    .map((r): Alert => ({ agencyId: r.agencyId, name: r.name, kind: 'low-on-time', value: r.onTimeRate!, threshold }));
  const overdue = rows
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .map((r): Alert => ({ agencyId: r.agencyId, name: r.name, kind: 'overdue', value: r.overdue }));
  return [...low, ...overdue];
};
