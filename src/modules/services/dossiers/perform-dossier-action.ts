import { withTransaction } from '../../../platform/db/pool.ts';
import { actorFor, canRead, reachOf } from './access.ts';
import { applyDossierAction } from './apply-action.ts';
import { auditActor, type DossierContext } from './context.ts';
import { findDossier } from './dossier-store.ts';
import { dossierNotFound } from './errors.ts';
import type { ActionAnswer, ActionBody } from './schema.ts';

/**
 * `POST /api/dossiers/{id}/actions/{action}`: the caller acts on a dossier they may see (else
 * 404), as its owner, its handling agency's staff, or its one-stop reception (access.ts). The
 * dossier row is locked first, so two officers acting at once are served in turn and the second
 * gets 409 from the engine; the `Idempotency-Key` makes a retried request harmless.
 */
export const performDossierAction = async (
  ctx: DossierContext,
  id: string,
  action: string,
  body: ActionBody,
  idempotencyKey?: string,
): Promise<ActionAnswer> =>
  withTransaction(ctx.db, async (tx) => {
    const row = await findDossier(tx, id, { forUpdate: true });
    if (!row) throw dossierNotFound();
    const reach = await reachOf(tx, ctx.principal);
    const ref = { ownerId: row.owner_id, agencyId: row.agency_id, draft: row.state === 'draft' };
    if (!canRead(ctx.principal, reach, ref)) throw dossierNotFound();
    return applyDossierAction(
      tx,
      { calendar: ctx.calendar, publicUrl: ctx.publicUrl, feeAccount: ctx.feeAccount, requestId: ctx.requestId, audit: auditActor(ctx) },
      row,
      {
        action,
        actor: actorFor(ctx.principal, reach, ref, action),
        comment: body.comment,
        files: body.files,
        data: body.data,
        transactionId: idempotencyKey,
        expectedSeq: body.expectedSeq,
      },
    );
  });
