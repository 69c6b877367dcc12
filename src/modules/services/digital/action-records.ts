import type { Queryable } from '../../../platform/db/pool.ts';
import type { WorkflowActor } from '../../../platform/workflow/index.ts';
import type { DossierRow } from '../dossiers/dossier-store.ts';
import { issueFeeReceipt } from './fee-receipts.ts';
import { recordDossierPapers } from './papers.ts';

/**
 * What a workflow action leaves in the records of this folder, in the action's transaction
 * (called by dossiers/apply-action.ts once the row is updated): reception and a supplement
 * record the papers as digitised in the citizen's store; settling a fee issues its e-receipt.
 */
export const recordAfterAction = async (
  tx: Queryable,
  action: string,
  row: DossierRow,
  ctx: { actor: WorkflowActor; at: Date; transactionId?: string },
): Promise<void> => {
  if (action === 'receive' || action === 'supplement') {
    const staff = ctx.actor.relations.has('agency') ? ctx.actor.id : null;
    await recordDossierPapers(tx, row, staff, ctx.at);
  } else if (action === 'pay') {
    const online = ctx.actor.relations.has('system');
    // The gateway's hook passes its transaction id as `payment:<id>` (dossiers/payment-hook.ts).
    const transactionId = online ? ctx.transactionId?.replace(/^payment:/, '') : undefined;
    await issueFeeReceipt(tx, row, { online, transactionId, at: ctx.at });
  }
};
