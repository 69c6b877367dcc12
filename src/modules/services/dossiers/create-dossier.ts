import { recordAudit } from '../../../platform/audit/index.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { requireIdentityLevel } from '../../identity/identity-level.ts';
import { checkFiling } from './check-filing.ts';
import { auditActor, type DossierContext } from './context.ts';
import { type DossierRow, findDossierByKey, iso } from './dossier-store.ts';
import { insertDraft } from './draft-row.ts';
import { byOwner, fileDossier, SameKeyFiledFirst } from './file-dossier.ts';
import type { CreateAnswer, CreateDossierBody } from './schema.ts';

/** The answer for a dossier as it stands: a draft, or a filed dossier with its code. */
export const createAnswerOf = (row: Pick<DossierRow, 'id' | 'code' | 'status' | 'state' | 'due_at'>): CreateAnswer =>
  row.state === 'draft' || row.code === null || row.status === null
    ? { id: row.id, code: null, status: null, state: 'draft' }
    : { id: row.id, code: row.code, status: row.status, dueAt: iso(row.due_at) };

/**
 * `POST /api/dossiers`: saves a draft (`submit: false`) or files the dossier at once. With an
 * `Idempotency-Key`, the same key from the same citizen always answers the same dossier: a
 * repeat (a double click, a retry after a lost answer) creates nothing, even when both requests
 * run at the same time (the second waits on the unique (owner, key) index, then reads the first).
 */
export const createDossier = async (ctx: DossierContext, body: CreateDossierBody, idempotencyKey?: string): Promise<CreateAnswer> => {
  const ownerId = ctx.principal.userId;
  const earlier = async () => (idempotencyKey ? await findDossierByKey(ctx.db, ownerId, idempotencyKey) : undefined);
  const repeated = await earlier();
  if (repeated) return createAnswerOf(repeated);
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const checked = await checkFiling(tx, ownerId, body, { complete: body.submit });
      // Filing at once is held to the procedure's VNeID level; a draft may be saved at any level.
      if (body.submit) await requireIdentityLevel(tx, ctx.principal, checked.procedure);
      const id = uuidv7();
      const at = new Date();
      await recordAudit(tx, {
        actor: auditActor(ctx),
        action: 'dossier.create',
        target: { type: 'dossier', id },
        // Never the form data itself: it holds personal data (names, ID numbers).
        after: { procedureCode: checked.procedure.code, agencyId: checked.agency.id, state: 'draft', documents: checked.documents.length },
        requestId: ctx.requestId,
        newTarget: true,
      });
      if (body.submit) {
        const insert = { procedureCode: checked.procedure.code, channel: 'online' as const, data: checked.data, documents: checked.documents,
          communeCode: checked.communeCode, idempotencyKey: idempotencyKey ?? null };
        return fileDossier(tx, ctx, byOwner(ctx), { id, ownerId, insert }, checked.procedure, checked.agency, at);
      }
      const inserted = await insertDraft(tx, { id, ownerId, channel: 'online', checked, documents: checked.documents, idempotencyKey }, at);
      if (!inserted) throw new SameKeyFiledFirst();
      return { id, code: null, status: null, state: 'draft' as const };
    });
  } catch (error) {
    // The same key's first request committed while this one waited on the unique index: this one
    // rolled back (its code and case with it) and answers the first dossier.
    const first = error instanceof SameKeyFiledFirst ? await earlier() : undefined;
    if (first) return createAnswerOf(first);
    throw error;
  }
};
