import type { Principal } from '../../platform/auth/sessions.ts';
import { notFound } from '../../platform/http/problems.ts';
import { agencyFilter, iocReachOf } from './access.ts';
import { unitsOf } from './directory.ts';
import { dossierSumsByProcedure, openDossiersByProcedure, zeroDossiers, zeroOpen } from './figures.ts';
import { daysOfNow, type IocDeps } from './overview.ts';
import { periodOf, type PeriodKind } from './period.ts';
import { dossierFigures, rankUnits } from './summaries.ts';

/**
 * The drill-down below the province: one agency (a commune is its People's Committee) → its
 * procedures (rollups) → the dossiers of one procedure (the dossiers table through its agency
 * indexes: one agency's page at a time, never a scan of the province). The agency leader's extras
 * — officers' workloads and overdue items — come from the agency's open dossiers the same way.
 * Dossier lists carry codes, dates and states, never the citizen.
 */
export type DrillQuery = { period?: PeriodKind; at?: string };

const unitInReach = async (deps: IocDeps, principal: Principal, agencyId: string) => {
  agencyFilter(iocReachOf(principal), agencyId);
  const unit = (await unitsOf(deps.db)).get(agencyId);
  if (!unit) throw notFound('Không tìm thấy cơ quan');
  return unit;
};

export const agencyDetail = async (deps: IocDeps, principal: Principal, agencyId: string, q: DrillQuery) => {
  const unit = await unitInReach(deps, principal, agencyId);
  const { now, today, soonDay } = await daysOfNow(deps);
  const period = periodOf(q.period ?? 'month', q.at ?? today, today);
  const [byProcedure, open, names, workloads, overdueItems] = await Promise.all([
    dossierSumsByProcedure(deps.db, { from: period.from, to: period.elapsedTo }, agencyId),
    openDossiersByProcedure(deps.db, today, soonDay, agencyId),
    deps.db.query<{ code: string; name: string }>('SELECT code, name FROM procedures'),
    deps.db.query<{ assigneeId: string | null; fullName: string | null; open: number; overdue: number; atRisk: number }>(
      `SELECT d.assignee_id AS "assigneeId", u.full_name AS "fullName", count(*)::int AS open,
              count(*) FILTER (WHERE d.status NOT IN (5, 6) AND COALESCE(d.original_due_at, d.due_at) < $3)::int AS overdue,
              count(*) FILTER (WHERE d.status NOT IN (5, 6) AND COALESCE(d.original_due_at, d.due_at) >= $3
                                 AND (COALESCE(d.original_due_at, d.due_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $2::date)::int AS "atRisk"
         FROM dossiers d LEFT JOIN users u ON u.id = d.assignee_id
        WHERE d.agency_id = $1 AND d.status IN (1, 2, 4, 5, 6)
        GROUP BY d.assignee_id, u.full_name ORDER BY overdue DESC, open DESC`,
      [agencyId, soonDay, now],
    ),
    deps.db.query<{ id: string; code: string; procedureName: string | null; status: number; dueAt: Date; assigneeName: string | null }>(
      `SELECT d.id, d.code, d.procedure_name AS "procedureName", d.status, COALESCE(d.original_due_at, d.due_at) AS "dueAt", u.full_name AS "assigneeName"
         FROM dossiers d LEFT JOIN users u ON u.id = d.assignee_id
        WHERE d.agency_id = $1 AND d.status IN (1, 2, 4) AND COALESCE(d.original_due_at, d.due_at) < $2
        ORDER BY COALESCE(d.original_due_at, d.due_at) LIMIT 20`,
      [agencyId, now],
    ),
  ]);
  const nameOf = new Map(names.rows.map((r) => [r.code, r.name]));
  const codes = new Set([...byProcedure.keys(), ...open.keys()]);
  const procedures = [...codes].map((code) => {
    const f = dossierFigures(byProcedure.get(code) ?? zeroDossiers());
    const o = open.get(code) ?? zeroOpen();
    return {
      procedureCode: code, name: nameOf.get(code) ?? code,
      received: f.received, done: f.done, onTimeRate: f.onTimeRate, late: f.doneLate, inProgress: o.inProgress, overdue: o.overdue, atRisk: o.atRisk,
      onlineShare: f.onlineShare, toanTrinhShare: f.toanTrinhShare,
    };
  });
  return {
    agency: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, communeCode: unit.communeCode, communeName: unit.communeName },
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    procedures: rankUnits(procedures),
    workloads: workloads.rows.map((w) => ({ ...w, fullName: w.fullName ?? 'Chưa phân công' })),
    overdueItems: overdueItems.rows.map((d) => ({ ...d, dueAt: d.dueAt.toISOString() })),
  };
};

export type DossierFilter = 'all' | 'in-progress' | 'overdue' | 'late';
export type DossierListQuery = DrillQuery & { filter?: DossierFilter; page?: number; pageSize?: number };

const FILTERS: Record<DossierFilter, string> = {
  all: 'true',
  'in-progress': 'd.status IN (1, 2, 4, 5, 6)',
  overdue: 'd.status IN (1, 2, 4) AND COALESCE(d.original_due_at, d.due_at) < $3',
  late: 'd.done_at > COALESCE(d.original_due_at, d.due_at)',
};

/** The dossiers of one procedure at one agency filed in the period (open ones whenever filed, for `in-progress`/`overdue`). */
export const procedureDossiers = async (deps: IocDeps, principal: Principal, agencyId: string, procedureCode: string, q: DossierListQuery) => {
  await unitInReach(deps, principal, agencyId);
  const { now, today } = await daysOfNow(deps);
  const period = periodOf(q.period ?? 'month', q.at ?? today, today);
  const filter = q.filter ?? 'all';
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const anyTime = filter === 'in-progress' || filter === 'overdue';
  const inPeriod = anyTime ? 'true'
    : `d.submitted_at >= ($3::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND d.submitted_at < ($4::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
  const where = `d.agency_id = $1 AND d.procedure_code = $2 AND d.status IS NOT NULL AND ${inPeriod} AND ${FILTERS[filter]}`;
  const params: unknown[] = filter === 'overdue' ? [agencyId, procedureCode, now] : anyTime ? [agencyId, procedureCode] : [agencyId, procedureCode, period.from, period.to];
  const n = params.length;
  const [items, total] = await Promise.all([
    deps.db.query<{ id: string; code: string; status: number; channel: string; submittedAt: Date | null; dueAt: Date | null; doneAt: Date | null; apologies: number }>(
      `SELECT d.id, d.code, d.status, d.channel, d.submitted_at AS "submittedAt", COALESCE(d.original_due_at, d.due_at) AS "dueAt",
              d.done_at AS "doneAt", d.apology_count AS apologies
         FROM dossiers d WHERE ${where} ORDER BY d.submitted_at DESC, d.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    ),
    deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers d WHERE ${where}`, params),
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    filter,
    items: items.rows.map((d) => ({
      ...d, submittedAt: iso(d.submittedAt), dueAt: iso(d.dueAt), doneAt: iso(d.doneAt),
      onTime: d.dueAt === null ? true : (d.doneAt ?? now) <= d.dueAt,
    })),
    total: total.rows[0]?.n ?? 0,
    page,
    pageSize,
  };
};
