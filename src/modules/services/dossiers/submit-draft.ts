import { withTransaction } from '../../../platform/db/pool.ts';
import { requireIdentityLevel } from '../../identity/identity-level.ts';
import { checkFiling } from './check-filing.ts';
import type { DossierContext } from './context.ts';
import { findDossier, iso } from './dossier-store.ts';
import { dossierNotFound } from './errors.ts';
import { byOwner, fileDossier, type FiledAnswer } from './file-dossier.ts';

/**
 * `POST /api/dossiers/{id}/submit`: files the owner's draft after the full check (422 naming each
 * missing or invalid item), and the citizen's VNeID level against the procedure's (403
 * `identity-level-required`). The draft's row is locked first, so a double click files once; a
 * dossier already filed answers as filed (`created: false`) and nothing changes.
 */
export const submitDraft = async (ctx: DossierContext, id: string): Promise<{ answer: FiledAnswer; created: boolean }> =>
  withTransaction(ctx.db, async (tx) => {
    const row = await findDossier(tx, id, { forUpdate: true });
    if (!row || row.owner_id !== ctx.principal.userId) throw dossierNotFound();
    if (row.state !== 'draft') {
      return { answer: { id: row.id, code: row.code!, status: row.status!, dueAt: iso(row.due_at) }, created: false };
    }
    const checked = await checkFiling(
      tx,
      row.owner_id,
      { procedureCode: row.procedure_code, data: row.data, documents: row.documents, communeCode: row.commune_code },
      { complete: true },
    );
    await requireIdentityLevel(tx, ctx.principal, checked.procedure);
    await tx.query('UPDATE dossiers SET data = $2, documents = $3 WHERE id = $1', [id, JSON.stringify(checked.data), JSON.stringify(checked.documents)]);
    const answer = await fileDossier(tx, ctx, byOwner(ctx), { id, ownerId: row.owner_id }, checked.procedure, checked.agency, new Date());
    return { answer, created: true };
  });
