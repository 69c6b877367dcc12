import { recordAudit } from '../../../platform/audit/index.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { checkFiling } from './check-filing.ts';
import { auditActor, type DossierContext } from './context.ts';
import { findDossier } from './dossier-store.ts';
import { dossierNotFound, notADraft } from './errors.ts';
import type { UpdateDraftBody } from './schema.ts';

/**
 * `PATCH /api/dossiers/{id}`: auto-save of a draft by its owner. What is given replaces what was
 * there (`data` whole, `documents` whole, `communeCode`); documents are checked as at creation
 * (known codes, files the citizen may use), the form only at filing. Anyone but the owner gets
 * 404; a filed dossier 409.
 */
export const updateDraft = async (ctx: DossierContext, id: string, body: UpdateDraftBody): Promise<void> => {
  await withTransaction(ctx.db, async (tx) => {
    const row = await findDossier(tx, id, { forUpdate: true });
    if (!row || row.owner_id !== ctx.principal.userId) throw dossierNotFound();
    if (row.state !== 'draft') throw notADraft();
    const checked = await checkFiling(
      tx,
      row.owner_id,
      {
        procedureCode: row.procedure_code,
        data: body.data ?? row.data,
        documents: body.documents ?? row.documents,
        communeCode: body.communeCode ?? row.commune_code,
      },
      { complete: false },
    );
    await tx.query(
      `UPDATE dossiers SET data = $2, documents = $3, commune_code = $4, agency_id = $5, updated_at = $6 WHERE id = $1`,
      [id, JSON.stringify(checked.data), JSON.stringify(checked.documents), checked.communeCode, checked.agency.id, new Date()],
    );
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: 'dossier.draft.update',
      target: { type: 'dossier', id },
      before: { agencyId: row.agency_id, documents: row.documents.length },
      after: { agencyId: checked.agency.id, documents: checked.documents.length, changed: Object.keys(body).filter((k) => body[k as keyof UpdateDraftBody] !== undefined) },
      requestId: ctx.requestId,
    });
  });
};
