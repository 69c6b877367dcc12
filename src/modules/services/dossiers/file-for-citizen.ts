import { type AuditActor, recordAudit } from '../../../platform/audit/index.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import { type DbClient, withTransaction } from '../../../platform/db/pool.ts';
import { conflict } from '../../../platform/http/problems.ts';
import { workflowActorOf } from '../../../platform/workflow/index.ts';
import { actorFor, reachOf } from './access.ts';
import { applyDossierAction } from './apply-action.ts';
import { checkFiling, type CheckedFiling } from './check-filing.ts';
import { auditActor, type DossierContext, trackingUrl } from './context.ts';
import { handOverFiles } from './documents.ts';
import { type DocumentRef, type DossierRow, findDossier, iso } from './dossier-store.ts';
import { type DraftRow, insertDraft } from './draft-row.ts';
import { incomplete } from './errors.ts';
import { fileDossier, type FilingDeps } from './file-dossier.ts';

/**
 * Dossiers filed for a citizen rather than by them (issue 11): at the one-stop counter by an
 * officer, and forwarded by the national portal. Both become ordinary dossiers of the citizen —
 * same code, receipt, tracking, workflow and portal sync — and carry their `channel`.
 */
export type FiledForCitizen = {
  id: string;
  code: string;
  status: number;
  dueAt: string | null;
  receivedAt: string | null;
  trackingUrl: string;
  /** False when the same request (Idempotency-Key, national code) had filed it already. */
  created: boolean;
};

const answerOf = (row: DossierRow, publicUrl: string, created: boolean): FiledForCitizen => ({
  id: row.id,
  code: row.code!,
  status: row.status!,
  dueAt: iso(row.due_at),
  receivedAt: iso(row.received_at),
  trackingUrl: trackingUrl(publicUrl, row.code!),
  created,
});

type NewRow = Omit<DraftRow, 'id' | 'checked'> & { checked: CheckedFiling };

/** Inserts the dossier row (state draft until filed); undefined when an earlier request holds its key or national code. */
const insertRow = async (tx: DbClient, r: NewRow, at: Date): Promise<string | undefined> => {
  const id = uuidv7();
  return (await insertDraft(tx, { ...r, id }, at)) ? id : undefined;
};

const createAudit = (tx: DbClient, actor: AuditActor, id: string, r: NewRow, requestId?: string) =>
  recordAudit(tx, {
    actor,
    action: 'dossier.create',
    target: { type: 'dossier', id },
    // Never the form data itself: it holds personal data.
    after: { procedureCode: r.checked.procedure.code, agencyId: r.checked.agency.id, ownerId: r.ownerId, channel: r.channel, nationalCode: r.nationalCode, documents: r.documents.length },
    requestId,
  });

export type CounterFiling = {
  ownerId: string;
  procedureCode: string;
  data: Record<string, unknown>;
  /** Papers the officer scanned and uploaded (their own uploads). */
  documents: DocumentRef[];
  communeCode?: string | null;
  comment?: string;
};

const findByOfficerKey = async (tx: DbClient, officerId: string, key: string) =>
  (await tx.query<DossierRow>('SELECT * FROM dossiers WHERE filed_by = $1 AND idempotency_key = $2', [officerId, key])).rows[0];

/**
 * A one-stop officer files a complete dossier for a citizen who came in person and receives it in
 * the same step: the scanned papers become the citizen's files, the dossier is filed with
 * `channel: 'counter'` and received at once (appointment date counted from now), in one
 * transaction; the citizen gets the received notice (with how to follow it online). The handling
 * agency must be one the officer receives for (else 422). The officer's `Idempotency-Key` makes
 * a repeat answer the same dossier.
 */
export const fileAtCounter = async (ctx: DossierContext, input: CounterFiling, idempotencyKey?: string): Promise<FiledForCitizen> => {
  const officerId = ctx.principal.userId;
  return withTransaction(ctx.db, async (tx) => {
    if (idempotencyKey) {
      const earlier = await findByOfficerKey(tx, officerId, idempotencyKey);
      if (earlier) return answerOf(earlier, ctx.publicUrl, false);
    }
    const checked = await checkFiling(tx, officerId, input, { complete: true });
    const reach = await reachOf(tx, ctx.principal);
    const ref = { ownerId: input.ownerId, agencyId: checked.agency.id };
    if (!actorFor(ctx.principal, reach, ref, 'receive').relations.has('agency')) {
      const field = checked.procedure.level === 'commune' ? 'communeCode' : 'procedureCode';
      throw incomplete([{ field, message: `Bộ phận Một cửa của bạn không tiếp nhận hồ sơ của ${checked.agency.name}` }]);
    }
    const at = new Date();
    // The row first: a concurrent request with the same key waits here, and hands over no files.
    const row: NewRow = { ownerId: input.ownerId, channel: 'counter', checked, documents: [], filedBy: officerId, idempotencyKey };
    const id = await insertRow(tx, row, at);
    if (!id) {
      // The same key from the same officer filed it a moment ago (the unique index waited for it).
      const earlier = idempotencyKey ? await findByOfficerKey(tx, officerId, idempotencyKey) : undefined;
      if (!earlier) throw conflict('Khóa chống gửi trùng này đã được dùng cho một hồ sơ khác');
      return answerOf(earlier, ctx.publicUrl, false);
    }
    row.documents = await handOverFiles(tx, officerId, input.ownerId, checked.documents);
    await tx.query('UPDATE dossiers SET documents = $2 WHERE id = $1', [id, JSON.stringify(row.documents)]);
    await createAudit(tx, auditActor(ctx), id, row, ctx.requestId);
    const by = { actor: workflowActorOf(ctx.principal), audit: auditActor(ctx) };
    await fileDossier(tx, ctx, by, { id, ownerId: input.ownerId }, checked.procedure, checked.agency, at, { channel: 'counter', quiet: true });
    const filed = (await findDossier(tx, id, { forUpdate: true }))!;
    await applyDossierAction(
      tx,
      { calendar: ctx.calendar, publicUrl: ctx.publicUrl, feeAccount: ctx.feeAccount, requestId: ctx.requestId, audit: auditActor(ctx) },
      filed,
      { action: 'receive', actor: actorFor(ctx.principal, reach, ref, 'receive'), comment: input.comment?.trim() || 'Tiếp nhận trực tiếp tại Bộ phận Một cửa' },
    );
    return answerOf((await findDossier(tx, id))!, ctx.publicUrl, true);
  });
};

export type NationalPortalFiling = {
  ownerId: string;
  ownerName: string;
  nationalCode: string;
  procedureCode: string;
  data: Record<string, unknown>;
  communeCode?: string | null;
  /** When the citizen filed on the national portal (never later than now). */
  submittedAt: Date;
};

/**
 * A dossier the national portal forwarded, filed in the caller's transaction as the citizen's
 * (status 1, waiting for the one-stop reception like an online filing), with the portal's code
 * kept for the pushes back. The portal checked the filing against its own form, so the data is
 * kept as sent and the papers stay on the portal (listed by the intake); only the procedure and
 * the handling agency are checked here (422 naming them). Undefined when a dossier with this
 * national code exists already.
 */
export const fileFromNationalPortal = async (tx: DbClient, deps: FilingDeps, input: NationalPortalFiling): Promise<FiledForCitizen | undefined> => {
  const checked = await checkFiling(tx, input.ownerId, { ...input, documents: [] }, { complete: false });
  const row: NewRow = { ownerId: input.ownerId, channel: 'national-portal', checked, documents: [], nationalCode: input.nationalCode };
  const at = new Date(Math.min(input.submittedAt.getTime(), Date.now()));
  const id = await insertRow(tx, row, at);
  if (!id) return undefined;
  const audit = { id: null, name: 'national-portal' };
  await createAudit(tx, audit, id, row, deps.requestId);
  const actor = { id: input.ownerId, name: input.ownerName, scopes: new Set<string>(), relations: new Set(['owner'] as const) };
  await fileDossier(tx, deps, { actor, audit }, { id, ownerId: input.ownerId }, checked.procedure, checked.agency, at, { channel: 'national-portal' });
  return answerOf((await findDossier(tx, id))!, deps.publicUrl, true);
};
