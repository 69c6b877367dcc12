import { type AuditActor, recordAudit } from '../../../platform/audit/index.ts';
import { type DbClient, preparedStatement } from '../../../platform/db/pool.ts';
import { loadDefinition, startCase, type WorkflowActor, workflowActorOf } from '../../../platform/workflow/index.ts';
import { DOSSIER_WORKFLOW, nationalStatusOf } from '../dossier-workflow.ts';
import { nationalProcedureCodeOf } from '../portal/index.ts';
import { nextDossierCode } from './code.ts';
import { auditActor, type DossierContext, trackingUrl } from './context.ts';
import { appointmentFrom } from './deadlines.ts';
import type { AgencyRef, DocumentRef, DossierChannel, DossierRow } from './dossier-store.ts';
import { afterStatusChange } from './outbox.ts';
import type { ProcedureForDossier } from './procedure-source.ts';

export type FiledAnswer = { id: string; code: string; status: number; dueAt: string | null };

/** What filing needs of the app and request, and who files: the workflow actor and the audit actor. */
export type FilingDeps = Pick<DossierContext, 'calendar' | 'publicUrl' | 'requestId'>;
export type FiledBy = { actor: WorkflowActor; audit: AuditActor };

/** The citizen filing their own dossier. */
export const byOwner = (ctx: DossierContext): FiledBy => ({ actor: workflowActorOf(ctx.principal, ['owner']), audit: auditActor(ctx) });

/**
 * A dossier that is not a row yet, filed at once (a citizen filing without a draft): inserted as
 * filed, in one statement, rather than inserted as a draft and updated.
 */
export type NewDossier = {
  procedureCode: string;
  channel: DossierChannel;
  data: Record<string, unknown>;
  documents: DocumentRef[];
  communeCode: string | null;
  idempotencyKey: string | null;
};

/** The dossier to file: an existing draft (its row is updated), or a new one (`insert`). */
export type DossierToFile = { id: string; ownerId: string; insert?: NewDossier };

/** Another request of the same citizen with the same Idempotency-Key filed first (the unique index waited for it). */
export class SameKeyFiledFirst extends Error {
  constructor() {
    super('a dossier with this idempotency key was filed first');
  }
}

/** The columns filing sets; `$1` is the id, then the values of `filedValues`. */
const FILED_COLUMNS = `code = $2, case_id = $3, state = $4, status = $5, submitted_at = $6, due_at = $7, original_due_at = $7,
            agency_id = $8, procedure_name = $9, field = $10, online_mode = $11, limit_days = $12, limit_hours = $13,
            restart_on_supplement = $14, updated_at = $6`;
const FILE_DRAFT = preparedStatement('dossiers.file-draft', `UPDATE dossiers SET ${FILED_COLUMNS} WHERE id = $1 RETURNING *`);
const INSERT_FILED = preparedStatement(
  'dossiers.insert-filed',
  `INSERT INTO dossiers (id, code, case_id, state, status, submitted_at, due_at, original_due_at, agency_id, procedure_name, field, online_mode,
                         limit_days, limit_hours, restart_on_supplement, updated_at, created_at,
                         procedure_code, owner_id, channel, data, documents, commune_code, idempotency_key)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $6, $6, $15, $16, $17, $18, $19, $20, $21)
   ON CONFLICT (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING *`,
);

export type FilingOptions = {
  channel?: DossierChannel;
  /**
   * Leave the portal push and the citizen's notice to the action that follows in the same
   * transaction (a counter filing is received at once: one push, one notice).
   */
  quiet?: boolean;
};

/**
 * Files a complete dossier (checked by the caller), inside the caller's transaction: the day's
 * code of the handling agency, the workflow case in `submitted` (status 1), a provisional
 * appointment counted from now on the working calendar (counted again at receipt), and a
 * snapshot of the procedure as it stands (its law applies to this dossier). Queues the portal
 * update and the citizen's notice with it, unless `quiet`. A draft's row is updated; a new dossier
 * is inserted filed (`SameKeyFiledFirst` when its Idempotency-Key was used first: roll back).
 */
export const fileDossier = async (
  tx: DbClient,
  deps: FilingDeps,
  by: FiledBy,
  dossier: DossierToFile,
  procedure: ProcedureForDossier,
  agency: AgencyRef,
  at: Date,
  options: FilingOptions = {},
): Promise<FiledAnswer> => {
  // The portal's snapshot needs the procedure's national code last: asked now, it is answered
  // with the day's code (pipelined) instead of on a round trip of its own.
  const nationalProcedureCode = options.quiet ? undefined : nationalProcedureCodeOf(tx, procedure.code, procedure.nationalCode);
  nationalProcedureCode?.catch(() => undefined); // awaited below; a failure before that fails the filing anyway
  const code = await nextDossierCode(tx, agency.code, at);
  const started = await startCase(tx, {
    definitionKey: DOSSIER_WORKFLOW.key,
    subject: { type: 'dossier', id: dossier.id },
    actor: by.actor,
    at,
    requestId: deps.requestId,
    // A new row, or a draft locked by this transaction: neither has a case.
    subjectIsNew: true,
  });
  const status = nationalStatusOf(started.state) ?? 1;
  const calendar = await deps.calendar.current();
  const dueAt = appointmentFrom(calendar, at, { days: procedure.days, hours: procedure.hours });
  const filedValues = [dossier.id, code, started.id, started.state, status, at, dueAt, agency.id, procedure.name, procedure.field, procedure.online,
    procedure.days, procedure.hours, procedure.restartOnSupplement];
  const { insert } = dossier;
  const filed = await tx.query<DossierRow>(
    insert
      ? INSERT_FILED([...filedValues, insert.procedureCode, dossier.ownerId, insert.channel, JSON.stringify(insert.data), JSON.stringify(insert.documents),
        insert.communeCode, insert.idempotencyKey])
      : FILE_DRAFT(filedValues),
  );
  if (!filed.rows[0]) throw new SameKeyFiledFirst();
  await recordAudit(tx, {
    actor: by.audit,
    action: 'dossier.submit',
    target: { type: 'dossier', id: dossier.id },
    before: { state: 'draft' },
    after: { code, state: started.state, status, agencyId: agency.id, dueAt: dueAt.toISOString(), channel: options.channel ?? 'online' },
    requestId: deps.requestId,
  });
  if (!options.quiet) {
    // The portal's snapshot from what filing holds: the row as filed, its agency and procedure,
    // and the case just started (no steps yet; its definition version is cached).
    const flow = { ...started, events: [], definition: await loadDefinition(tx, started.definitionKey, started.definitionVersion) };
    const known = { row: filed.rows[0], agency, procedure, flow, filedNow: true, nationalProcedureCode };
    await afterStatusChange(tx, dossier.id, [
      {
        kind: 'submitted',
        channel: options.channel,
        ownerId: dossier.ownerId,
        code,
        procedureName: procedure.name,
        dueAt: dueAt.toISOString(),
        trackingUrl: trackingUrl(deps.publicUrl, code),
      },
    ], known);
  }
  return { id: dossier.id, code, status, dueAt: dueAt.toISOString() };
};
