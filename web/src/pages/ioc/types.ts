/** The shapes of `/api/ioc` answers the screens read (src/modules/ioc). */
export type Share = number | null;
export type Change = { delta: number; relative: number | null };

export type DossierBlock = {
  received: number; online: number; toanTrinh: number; done: number; onTime: number; doneLate: number; lateApologised: number;
  paid: number; paidOnline: number; inProgress: number; paused: number; overdue: number; atRisk: number;
  onTimeRate: Share; toanTrinhShare: Share; onlineShare: Share; onlinePaymentShare: Share; eResultShare: Share;
  previous: { received: number; done: number; onTimeRate: Share; doneLate: number };
  change: { received: Change; done: Change; late: Change };
};

export type FeedbackBlock = {
  received: number; answered: number; answeredOnTime: number; answeredLate: number; open: number; overdue: number;
  onTimeRate: Share; satisfaction: Share; satisfaction766: Share;
  previous: { received: number; satisfaction: Share };
  change: { received: Change };
};

export type UnitRow = {
  agencyId: string; code: string; name: string; communeCode: string | null; rank: number;
  received: number; done: number; onTimeRate: Share; late: number; inProgress: number; overdue: number; atRisk: number;
  onlineShare: Share; toanTrinhShare: Share; feedbackOpen: number; feedbackOverdue: number;
};

export type Gauge = { code: string; name: string; target: number | null; actual: number | null; met: boolean | null; year: number; source: string; note?: string };
export type Alert = { agencyId: string; name: string; kind: 'low-on-time' | 'overdue'; value: number; threshold?: number };
export type TrendPoint = { start: string; received: number; done: number; onTimeRate: Share; late: number; feedback: number };

export type Overview = {
  scope: { kind: 'province' | 'agency'; agencyId: string | null; code: string | null; name: string | null };
  asOf: string;
  period: { kind: 'month' | 'quarter' | 'year'; label: string; from: string; to: string; elapsedTo: string };
  previousPeriod: { from: string; to: string };
  dossiers: DossierBlock;
  feedback: FeedbackBlock;
  trend: { granularity: 'day' | 'week' | 'month'; points: TrendPoint[] };
  targets: Gauge[];
  rankings: { agencies: UnitRow[]; communes: UnitRow[] };
  hotSpots: { lat: number; lng: number; open: number; overdue: number }[];
  alerts: { threshold: number; items: Alert[] };
};

export type ProcedureRow = { procedureCode: string; name: string; rank: number; received: number; done: number; onTimeRate: Share; late: number; inProgress: number; overdue: number; atRisk: number };
export type AgencyDetail = {
  agency: { id: string; code: string; name: string; kind: string; communeCode: string | null; communeName: string | null };
  period: { kind: string; label: string };
  procedures: ProcedureRow[];
  workloads: { assigneeId: string | null; fullName: string; open: number; overdue: number; atRisk: number }[];
  overdueItems: { id: string; code: string; procedureName: string | null; status: number; dueAt: string; assigneeName: string | null }[];
};

export type DossierList = {
  period: { label: string };
  filter: string;
  items: { id: string; code: string; status: number; channel: string; submittedAt: string | null; dueAt: string | null; doneAt: string | null; apologies: number; onTime: boolean }[];
  total: number; page: number; pageSize: number;
};

export type Indicator = { code: string; name: string; max: number; source: 'measured' | 'manual'; formula: string; share: Share; points: number | null };
export type GroupScore = { group: string; name: string; max: number; points: number; assessedMax: number; indicators: Indicator[] };
export type Score = { total: number; assessedMax: number; max: 100; groups: GroupScore[] };
export type Index766 = { period: { label: string }; province: Score | null; agencies: (Score & { agencyId: string; code: string; name: string })[] };

const query = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const IOC = {
  overview: (q: Record<string, string | undefined> = {}) => `/api/ioc/overview${query(q)}`,
  agency: (id: string, q: Record<string, string | undefined> = {}) => `/api/ioc/agencies/${encodeURIComponent(id)}${query(q)}`,
  dossiers: (id: string, code: string, q: Record<string, string | undefined> = {}) =>
    `/api/ioc/agencies/${encodeURIComponent(id)}/procedures/${encodeURIComponent(code)}/dossiers${query(q)}`,
  index766: (q: Record<string, string | undefined> = {}) => `/api/ioc/index-766${query(q)}`,
  alerts: '/api/ioc/alerts',
  report: (format: 'pdf' | 'xlsx', q: Record<string, string | undefined> = {}) => `/api/ioc/reports/monthly.${format}${query(q)}`,
  paymentReconciliation: (day: string) => `/api/payments/reconciliations/${encodeURIComponent(day)}`,
};

/** `GET /api/payments/reconciliations/{day}` (modules/services/digital/payment-reconciliation.ts). */
export type ReconciliationIssue = {
  kind: 'unmatched' | 'amount-differs' | 'no-receipt' | 'paid-without-payment';
  transactionId: string | null;
  reference: string | null;
  amount: number | null;
  expected: number | null;
  dossierId: string | null;
};
export type PaymentReconciliation = { day: string; checkedAt: string; payments: number; amount: number; issueCount: number; issues: ReconciliationIssue[] };

/** "83,3%" (vi) or "83.3%" (en); an em dash when there is nothing to divide. */
export const percent = (x: Share, lang: 'vi' | 'en') =>
  x === null ? '—' : `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(x * 100)}%`;
