import type { Principal } from '../../../platform/auth/sessions.ts';
import { hasScope } from '../../../platform/auth/access.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import type { WorkflowActor } from '../../../platform/workflow/types.ts';

/**
 * Who may see a dossier and act on it — the one place this rule lives.
 *
 * - The **owner** (the citizen who filed it) sees it and performs the citizen's actions
 *   (supplement, withdraw).
 * - **Staff of the handling agency** (the dossier's `agency_id`) with `dossier.read.agency` see it
 *   and perform every staff action their scopes allow (`dossier.process`, `dossier.approve`).
 * - **Staff of a one-stop centre** (Decree 118/2025: the public administration service centre
 *   receives and returns for the agencies it serves) see the dossiers of those agencies and perform
 *   the reception actions only (`RECEPTION_ACTIONS`: receive, refuse, request a supplement or a fee,
 *   mark paid, assign to a specialist of the handling agency, return the result). The province's
 *   centre and its branches (no commune) serve every province-level agency (agencies without a
 *   commune); a commune's centre serves its commune's agencies (the People's Committee).
 * - **Province overseers** (`dossier.read.province`) see every dossier and act on none.
 * - A draft (not yet filed) is seen by its owner only.
 * - Anyone else is told the dossier does not exist (404), so ids reveal nothing.
 */
export const RECEPTION_ACTIONS: ReadonlySet<string> = new Set(['receive', 'refuse', 'request_supplement', 'request_fee', 'pay', 'assign', 'return_result']);

/** The agencies whose dossiers the caller may see: all of them, or the listed ids. */
export type Reach = { all: boolean; handling: readonly string[]; reception: readonly string[] };

const NONE: Reach = { all: false, handling: [], reception: [] };

export const reachOf = async (db: Queryable, principal: Principal): Promise<Reach> => {
  const all = hasScope(principal, 'dossier.read.province');
  if (!principal.agencyId || !hasScope(principal, 'dossier.read.agency')) return all ? { ...NONE, all } : NONE;
  const { rows } = await db.query<{ id: string }>(
    `SELECT served.id FROM agencies me
       JOIN agencies served ON served.commune_code IS NOT DISTINCT FROM me.commune_code
      WHERE me.id = $1 AND me.kind IN ('one_stop_centre', 'one_stop_branch')
        AND served.kind NOT IN ('one_stop_centre', 'one_stop_branch')`,
    [principal.agencyId],
  );
  return { all, handling: [principal.agencyId], reception: rows.map((r) => r.id) };
};

/**
 * True when the caller surely sees the dossiers of `agencyId` without reading what their one-stop
 * centre serves (reachOf's query): province overseers, and staff of that very agency. A list of one
 * agency (the officer's own queue, asked for on every screen) then skips that query.
 */
export const seesAgencyAtOnce = (principal: Principal, agencyId: string): boolean =>
  hasScope(principal, 'dossier.read.province') || (principal.agencyId === agencyId && hasScope(principal, 'dossier.read.agency'));

/** Every agency id the caller may see dossiers of (for list queries), or null for all. */
export const visibleAgencies = (reach: Reach): string[] | null => (reach.all ? null : [...new Set([...reach.handling, ...reach.reception])]);

/** `draft`: not yet filed — the citizen's unsent work, which only they may see. */
type DossierRef = { ownerId: string; agencyId: string; draft?: boolean };

export const canRead = (principal: Principal, reach: Reach, d: DossierRef): boolean =>
  d.ownerId === principal.userId ||
  (!d.draft && (reach.all || reach.handling.includes(d.agencyId) || reach.reception.includes(d.agencyId)));

/**
 * The caller as the workflow engine sees them for one action on one dossier: 'owner' when they
 * filed it; 'agency' when they work at the handling agency, or at a one-stop centre serving it
 * and the action is a reception action. The engine then checks the action's scopes.
 */
export const actorFor = (principal: Principal, reach: Reach, d: DossierRef, action: string): WorkflowActor => {
  const relations = new Set<'owner' | 'agency'>();
  if (d.ownerId === principal.userId) relations.add('owner');
  if (reach.handling.includes(d.agencyId) || (reach.reception.includes(d.agencyId) && RECEPTION_ACTIONS.has(action))) relations.add('agency');
  return { id: principal.userId, name: principal.fullName, scopes: principal.scopes, relations };
};

/** True when the caller acts on the dossier only as its one-stop reception (not the handling agency). */
export const isReceptionOnly = (reach: Reach, d: DossierRef): boolean => !reach.handling.includes(d.agencyId) && reach.reception.includes(d.agencyId);
