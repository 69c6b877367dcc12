import type { MapPoint, PinTone } from '../../components/map/types.ts';
import type { MapPointAnswer, ReportSummary } from './types.ts';

/** The pin's tone from the report's state (its label says the state in words too). */
export const toneOfReport = (r: Pick<ReportSummary, 'state' | 'isOverdue'>): PinTone =>
  r.isOverdue ? 'overdue' : r.state === 'answered' ? 'answered' : r.state === 'closed' ? 'closed' : 'open';

/** Map pins for reports: "PA-261205-0042: Ổ gà trên đường… (Đã trả lời)". */
export const pinsOf = (reports: readonly ReportSummary[], stateText: (r: ReportSummary) => string): MapPoint[] =>
  reports.map((r) => ({ id: r.id, lat: r.lat, lng: r.lng, label: `${r.code}: ${r.title} (${stateText(r)})`, tone: toneOfReport(r) }));

/** Pins from the public map's points (all matching reports, not one page of the list). */
export const pinsOfPoints = (points: readonly MapPointAnswer[], stateText: (p: MapPointAnswer) => string): MapPoint[] =>
  points.map((p) => ({ id: p.id, lat: p.lat, lng: p.lng, label: `${p.code}: ${p.title} (${stateText(p)})`, tone: toneOfReport({ state: p.state, isOverdue: false }) }));
