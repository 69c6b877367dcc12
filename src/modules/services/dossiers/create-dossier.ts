import { recordAudit } from '../../../platform/audit/index.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { requireIdentityLevel } from '../../identity/identity-level.ts';
import { checkFiling } from './check-filing.ts';
import { auditActor, type DossierContext } from './context.ts';
import { type DossierRow, findDossierByKey, iso } from './dossier-store.ts';
import { byOwner, fileDossier } from './file-dossier.ts';
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
  if (idempotencyKey) {
    const earlier = await findDossierByKey(ctx.db, ownerId, idempotencyKey);
    if (earlier) return createAnswerOf(earlier);
  }
  const checked = await checkFiling(ctx.db, ownerId, body, { complete: body.submit });
  // Filing at once is held to the procedure's VNeID level; a draft may be saved at any level.
  if (body.submit) await requireIdentityLevel(ctx.db, ctx.principal, checked.procedure);
  return withTransaction(ctx.db, async (tx) => {
    const id = uuidv7();
    const at = new Date();
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO dossiers (id, procedure_code, owner_id, agency_id, channel, data, documents, state, commune_code, procedure_name, field,
                             online_mode, limit_days, limit_hours, restart_on_supplement, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'online', $5, $6, 'draft', $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       ON CONFLICT (owner_id, idempotency_key) DO NOTHING RETURNING id`,
      [id, checked.procedure.code, ownerId, checked.agency.id, JSON.stringify(checked.data), JSON.stringify(checked.documents), checked.communeCode,
        checked.procedure.name, checked.procedure.field, checked.procedure.online, checked.procedure.days, checked.procedure.hours,
        checked.procedure.restartOnSupplement, idempotencyKey ?? null, at],
    );
    if (!inserted.rows[0]) {
      const first = await findDossierByKey(tx, ownerId, idempotencyKey!);
      return createAnswerOf(first!);
    }
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: 'dossier.create',
      target: { type: 'dossier', id },
      // Never the form data itself: it holds personal data (names, ID numbers).
      after: { procedureCode: checked.procedure.code, agencyId: checked.agency.id, state: 'draft', documents: checked.documents.length },
      requestId: ctx.requestId,
      newTarget: true,
    });
    if (!body.submit) return { id, code: null, status: null, state: 'draft' as const };
    return fileDossier(tx, ctx, byOwner(ctx), { id, ownerId }, checked.procedure, checked.agency, at);
  });
};
