import { compareVi } from '../../../platform/text/index.ts';
import type { DossierContext } from './context.ts';
import { dossierNotFound } from './errors.ts';
import { readableDossier } from './get-dossier.ts';

export type Assignee = { id: string; fullName: string };

/**
 * `GET /api/dossiers/{id}/assignees`: who the dossier may be assigned to — the active officers and
 * leaders of its handling agency (the same rule as the `assign` action), in Vietnamese name order.
 * Staff who can see the dossier (its agency, or the one-stop centre receiving for it) may ask;
 * anyone else, the citizen who filed it included, is told it does not exist.
 */
export const listAssignees = async (ctx: DossierContext, id: string): Promise<Assignee[]> => {
  const { row, reach } = await readableDossier(ctx.db, ctx.principal, id);
  const isStaff = reach.all || reach.handling.includes(row.agency_id) || reach.reception.includes(row.agency_id);
  if (!isStaff) throw dossierNotFound();
  const { rows } = await ctx.db.query<{ id: string; full_name: string }>(
    `SELECT id, full_name FROM users WHERE agency_id = $1 AND disabled_at IS NULL AND roles && ARRAY['officer', 'agency_leader']`,
    [row.agency_id],
  );
  return rows.map((r) => ({ id: r.id, fullName: r.full_name })).sort((a, b) => compareVi(a.fullName, b.fullName));
};
