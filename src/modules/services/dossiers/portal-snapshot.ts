import type { Queryable } from '../../../platform/db/pool.ts';
import { type CaseWithHistory, getCase, type WorkflowEvent } from '../../../platform/workflow/index.ts';
import { nationalProcedureCodeOf, type PortalDossierSnapshot } from '../portal/index.ts';
import { nationalStatusOf } from '../dossier-workflow.ts';
import { type AgencyRef, type DossierRow, findAgency } from './dossier-store.ts';
import { loadProcedure, type ProcedureForDossier } from './procedure-source.ts';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The supplement requests and when each was answered (the next `supplement` event). */
const supplementsOf = (events: readonly WorkflowEvent[]) =>
  events.flatMap((e, i) => {
    if (e.action !== 'request_supplement') return [];
    const answered = events.slice(i + 1).find((n) => n.action === 'supplement');
    const checklist = Array.isArray(e.data.checklist) ? e.data.checklist.map(String) : [];
    return [{ requestedAt: e.at, requestedBy: e.actorName, reason: text(e.data.reason) ?? 'Bổ sung hồ sơ', items: checklist, suppliedAt: answered?.at ?? null }];
  });

/**
 * What the caller already holds in this transaction (filing has the agency, the procedure and the
 * case it just started): used when it is the dossier's, so that it is not read again.
 */
export type KnownForSnapshot = {
  agency?: AgencyRef;
  procedure?: ProcedureForDossier;
  flow?: CaseWithHistory;
  /** The national procedure code, asked early by the caller (its answer came with other statements). */
  nationalProcedureCode?: Promise<string | null>;
};

/**
 * The dossier as the national portal is told of it after a change (modules/services/portal):
 * status, dates, documents, fee, supplements, results and every step so far — never the
 * applicant's personal data (the form data stays here).
 */
export const portalSnapshotOf = async (db: Queryable, row: DossierRow, known: KnownForSnapshot = {}): Promise<PortalDossierSnapshot> => {
  const agency = known.agency?.id === row.agency_id ? known.agency : await findAgency(db, row.agency_id);
  const procedure = known.procedure?.code === row.procedure_code ? known.procedure : await loadProcedure(db, row.procedure_code);
  const names = new Map((procedure?.documents ?? []).map((d) => [d.code, d.name]));
  const flow = !row.case_id ? undefined : known.flow?.id === row.case_id ? known.flow : await getCase(db, row.case_id);
  const events = flow?.events ?? [];
  const filing = { at: row.submitted_at ?? row.created_at, action: 'Nộp hồ sơ', status: 1, officerName: null, comment: null, dueAt: row.due_at };
  return {
    id: row.id,
    code: row.code!,
    nationalCode: row.national_code,
    procedureCode: row.procedure_code,
    nationalProcedureCode: await (known.nationalProcedureCode ?? nationalProcedureCodeOf(db, row.procedure_code, procedure?.nationalCode ?? null)),
    procedureName: row.procedure_name ?? procedure?.name ?? null,
    fieldName: row.field,
    ownerKind: 1,
    status: row.status!,
    channel: row.channel,
    agencyCode: agency.code,
    agencyName: agency.name,
    submittedAt: row.submitted_at,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    doneAt: row.done_at,
    returnedAt: row.returned_at,
    documents: row.documents.map((d) => ({ code: d.code, name: names.get(d.code) ?? d.code, fileId: d.fileId })),
    fees: row.fee_amount === null ? [] : [{ name: 'Phí, lệ phí', amount: row.fee_amount, paidOnline: row.paid_at ? row.paid_online : null }],
    supplements: supplementsOf(events),
    results: row.result_files.map((fileId) => ({ name: 'Kết quả giải quyết thủ tục hành chính', fileId })),
    steps: [
      filing,
      ...events.map((e) => ({
        at: e.at,
        action: flow?.definition.actions[e.action]?.label ?? e.action,
        status: nationalStatusOf(e.toState) ?? row.status!,
        officerName: e.actorName,
        comment: e.comment ?? text(e.data.reason),
      })),
    ],
  };
};
