import type { Principal } from '../../platform/auth/sessions.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { agencyFilter, iocReachOf } from './access.ts';
import { serviceIndex766, type IndexInputs } from './decision-766.ts';
import { procedureFacts, unitsOf, type Unit } from './directory.ts';
import { dossierSumsByAgency, feedbackRows, zeroDossiers, type DossierCounts } from './figures.ts';
import { daysOfNow, type IocDeps } from './overview.ts';
import { periodOf, type DayRange } from './period.ts';
import { feedbackFor766, feedbackTotals, sumDossiers } from './summaries.ts';

/**
 * `GET /api/ioc/index-766?period=month|quarter&at=`: Decision 766's five groups and total for the
 * province and each agency in reach (agency leaders: their own), from the rollups. Dossier
 * ratings come from the dossier module's `dossier_ratings` when that table exists (5.2 is then
 * measured), else 5.2 stays an indicator to enter by hand.
 */
type Ratings = Map<string, { rated: number; satisfied: number }>;

const ratingsByAgency = async (db: Queryable, range: DayRange, agencies: string[] | null): Promise<Ratings | null> => {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('dossier_ratings')::text AS t`);
  if (!exists.rows[0]?.t) return null;
  const { rows } = await db.query<{ agencyId: string; rated: number; satisfied: number }>(
    `SELECT agency_id AS "agencyId", count(*)::int AS rated, count(*) FILTER (WHERE score >= 4)::int AS satisfied
       FROM dossier_ratings
      WHERE rated_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND rated_at < ($2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
        AND ($3::uuid[] IS NULL OR agency_id = ANY($3::uuid[]))
      GROUP BY agency_id`,
    [range.from, range.to, agencies],
  );
  return new Map(rows.map(({ agencyId, ...r }) => [agencyId, r]));
};

/** Reuse of digitised papers per agency (services/digital's `dossier_digitisation`, when that table exists): 3.3 is then measured. */
type Reuse = Map<string, { digitised: number; reused: number }>;
const reuseByAgency = async (db: Queryable, range: DayRange, agencies: string[] | null): Promise<Reuse | null> => {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('dossier_digitisation')::text AS t`);
  if (!exists.rows[0]?.t) return null;
  const { rows } = await db.query<{ agencyId: string; digitised: number; reused: number }>(
    `SELECT agency_id AS "agencyId", count(*) FILTER (WHERE papers > 0)::int AS digitised, count(*) FILTER (WHERE reused > 0)::int AS reused
       FROM dossier_digitisation
      WHERE received_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND received_at < ($2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
        AND ($3::uuid[] IS NULL OR agency_id = ANY($3::uuid[]))
      GROUP BY agency_id`,
    [range.from, range.to, agencies],
  );
  return new Map(rows.map(({ agencyId, ...r }) => [agencyId, r]));
};

const inputsOf = (
  d: DossierCounts,
  procedures: IndexInputs['procedures'],
  feedback: IndexInputs['feedback'],
  ratings: IndexInputs['ratings'],
  reuse: IndexInputs['reuse'] = null,
): IndexInputs => ({
  procedures,
  dossiers: {
    received: d.received, online: d.online, digitised: d.digitised, done: d.done, doneEarly: d.doneEarly, doneOnTime: d.doneOnTime,
    doneLate: d.doneLate, lateApologised: d.lateApologised, doneEResult: d.doneEResult, paid: d.paid, paidOnline: d.paidOnline,
  },
  feedback,
  ratings,
  reuse,
});

type Catalogue = Awaited<ReturnType<typeof procedureFacts>>;
const catalogueOf = (procedures: Catalogue, unit: Unit | null): IndexInputs['procedures'] => {
  const mine = unit ? procedures.filter((p) => p.agencyCode === unit.code || (p.level === 'commune' && unit.kind === 'commune_committee')) : procedures;
  return { total: mine.length, complete: mine.filter((p) => p.complete).length, toanTrinh: mine.filter((p) => p.toanTrinh).length };
};

export const index766 = async (deps: IocDeps, principal: Principal, q: { period?: 'month' | 'quarter'; at?: string; agencyId?: string }) => {
  const reach = iocReachOf(principal);
  const agencies = agencyFilter(reach, q.agencyId);
  const { today } = await daysOfNow(deps);
  const period = periodOf(q.period ?? 'month', q.at ?? today, today);
  const range = { from: period.from, to: period.elapsedTo };
  const [units, dossiers, feedback, procedures, ratings, reuse] = await Promise.all([
    unitsOf(deps.db),
    dossierSumsByAgency(deps.db, range, agencies),
    feedbackRows(deps.db, range, today, agencies),
    procedureFacts(deps.db),
    ratingsByAgency(deps.db, range, agencies),
    reuseByAgency(deps.db, range, agencies),
  ]);
  const procedureFeedback = (agencyId: string | null) => feedbackFor766(feedbackTotals(feedback, (r) => r.scope === 'procedure' && (agencyId === null || r.agencyId === agencyId)));
  const ratingOf = (agencyId: string | null) => {
    if (!ratings) return null;
    const all = agencyId ? [ratings.get(agencyId)].filter((r) => r !== undefined) : [...ratings.values()];
    return all.reduce((s, r) => ({ rated: s.rated + r.rated, satisfied: s.satisfied + r.satisfied }), { rated: 0, satisfied: 0 });
  };
  const reuseOf = (agencyId: string | null) => {
    if (!reuse) return null;
    const all = agencyId ? [reuse.get(agencyId)].filter((r) => r !== undefined) : [...reuse.values()];
    return all.reduce((s, r) => ({ digitised: s.digitised + r.digitised, reused: s.reused + r.reused }), { digitised: 0, reused: 0 });
  };
  const scored = [...units.values()]
    .filter((u) => (agencies ? agencies.includes(u.id) : dossiers.has(u.id) || u.kind === 'department'))
    .map((u) => ({
      agencyId: u.id, code: u.code, name: u.kind === 'commune_committee' && u.communeName ? u.communeName : u.name,
      ...serviceIndex766(inputsOf(dossiers.get(u.id) ?? zeroDossiers(), catalogueOf(procedures, u), procedureFeedback(u.id), ratingOf(u.id), reuseOf(u.id))),
    }))
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  const province = agencies ? null : serviceIndex766(inputsOf(sumDossiers(dossiers.values()), catalogueOf(procedures, null), procedureFeedback(null), ratingOf(null)));
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    province,
    agencies: scored,
  };
};
