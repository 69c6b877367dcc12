import type { Principal } from '../../../platform/auth/sessions.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { allowedActions, getCase, type WorkflowDefinition, type WorkflowEvent } from '../../../platform/workflow/index.ts';
import { actorFor, canRead, type Reach, reachOf } from './access.ts';
import type { DossierContext } from './context.ts';
import { type DossierRow, findAgency, findDossier, iso } from './dossier-store.ts';
import { dossierNotFound } from './errors.ts';
import { findRating, isFinished } from './ratings.ts';
import type { DossierDetail } from './schema.ts';
import { statusName } from './status.ts';
import { dueStateOfRow, feeViewOf, filingEntryOf, historyEntryOf, onTimeOf } from './views.ts';

/** A dossier the caller may see, with their reach; 404 for anyone else (ids reveal nothing). */
export const readableDossier = async (db: Queryable, principal: Principal, id: string): Promise<{ row: DossierRow; reach: Reach }> => {
  const row = await findDossier(db, id);
  if (!row) throw dossierNotFound();
  const reach = await reachOf(db, principal);
  if (!canRead(principal, reach, { ownerId: row.owner_id, agencyId: row.agency_id, draft: row.state === 'draft' })) throw dossierNotFound();
  return { row, reach };
};

/** The actions the caller may perform now (each judged with the caller's relation for that action). */
export const allowedFor = (def: WorkflowDefinition, state: string, events: readonly WorkflowEvent[], principal: Principal, reach: Reach, row: DossierRow) =>
  Object.keys(def.actions)
    .filter((name) => allowedActions(def, state, actorFor(principal, reach, { ownerId: row.owner_id, agencyId: row.agency_id }, name), events).includes(name))
    .map((name) => ({ action: name, label: def.actions[name]!.label, requires: def.actions[name]!.requires ?? [] }));

const namesOf = async (db: Queryable, ids: (string | null)[]) => {
  const wanted = ids.filter((i): i is string => i !== null);
  const { rows } = await db.query<{ id: string; full_name: string }>('SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(rows.map((r) => [r.id, r.full_name]));
};

/** `GET /api/dossiers/{id}`: the dossier, its history, deadlines and what the caller may do next. */
export const getDossierDetail = async (ctx: DossierContext, id: string): Promise<DossierDetail> => {
  const { row, reach } = await readableDossier(ctx.db, ctx.principal, id);
  const agency = await findAgency(ctx.db, row.agency_id);
  const names = await namesOf(ctx.db, [row.owner_id, row.assignee_id]);
  const ownerName = names.get(row.owner_id) ?? '';
  const now = new Date();
  const calendar = await ctx.calendar.current();
  const flow = row.case_id ? await getCase(ctx.db, row.case_id) : undefined;
  const isOwner = row.owner_id === ctx.principal.userId;
  const rating = isOwner ? await findRating(ctx.db, row.id) : null;
  return {
    id: row.id,
    code: row.code,
    state: row.state,
    status: row.status,
    statusName: statusName(row.status),
    procedure: { code: row.procedure_code, name: row.procedure_name ?? row.procedure_code, field: row.field, online: row.online_mode },
    agency: { id: agency.id, code: agency.code, name: agency.name },
    owner: { id: row.owner_id, fullName: ownerName },
    assignee: row.assignee_id ? { id: row.assignee_id, fullName: names.get(row.assignee_id) ?? '' } : null,
    channel: row.channel,
    communeCode: row.commune_code,
    data: row.data,
    documents: row.documents,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    originalDueAt: iso(row.original_due_at),
    doneAt: iso(row.done_at),
    returnedAt: iso(row.returned_at),
    dueState: dueStateOfRow(calendar, row, now),
    onTime: onTimeOf(row, now),
    apologyCount: row.apology_count,
    supplementCount: row.supplement_count,
    supplementRequest: row.supplement_request,
    fee: feeViewOf(row),
    resultFiles: row.result_files,
    seq: flow?.seq ?? 0,
    history: flow ? [filingEntryOf(row, ownerName), ...flow.events.map((e) => historyEntryOf(flow.definition, e))] : [],
    allowedActions: flow ? allowedFor(flow.definition, flow.state, flow.events, ctx.principal, reach, row) : [],
    rating: isOwner ? rating : null,
    canRate: isOwner && rating === null && isFinished(row),
  };
};
