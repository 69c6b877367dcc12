import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import type { CheckedFiling } from './check-filing.ts';
import type { DocumentRef, DossierChannel } from './dossier-store.ts';

/**
 * A dossier row in state `draft`: a citizen's saved draft, or the first step of a dossier filed
 * for a citizen (at the counter, from the national portal) before it is filed in the same
 * transaction. What a request may repeat identifies it: the citizen's or the officer's
 * Idempotency-Key, or the national portal's code.
 */
export type DraftRow = {
  id: string;
  ownerId: string;
  channel: DossierChannel;
  checked: Pick<CheckedFiling, 'procedure' | 'agency' | 'communeCode' | 'data'>;
  documents: DocumentRef[];
  /** The citizen's Idempotency-Key (unique per owner), or the officer's (unique per `filedBy`). */
  idempotencyKey?: string | null;
  /** The officer filing at the counter. */
  filedBy?: string | null;
  /** The national portal's code of a dossier it forwarded (unique). */
  nationalCode?: string | null;
};

const INSERT_DRAFT = preparedStatement(
  'dossiers.insert-draft',
  `INSERT INTO dossiers (id, procedure_code, owner_id, agency_id, channel, data, documents, state, commune_code, procedure_name, field,
                         online_mode, limit_days, limit_hours, restart_on_supplement, idempotency_key, filed_by, national_code, created_at, updated_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
   ON CONFLICT DO NOTHING RETURNING id`,
);

/**
 * Inserts the draft; false when an earlier request holds its key or national code (a concurrent
 * one with the same key waits on the unique index until that request ends).
 */
export const insertDraft = async (tx: Queryable, r: DraftRow, at: Date): Promise<boolean> => {
  const { procedure } = r.checked;
  const { rows } = await tx.query<{ id: string }>(
    INSERT_DRAFT([r.id, procedure.code, r.ownerId, r.checked.agency.id, r.channel, JSON.stringify(r.checked.data), JSON.stringify(r.documents),
      r.checked.communeCode, procedure.name, procedure.field, procedure.online, procedure.days, procedure.hours, procedure.restartOnSupplement,
      r.idempotencyKey ?? null, r.filedBy ?? null, r.nationalCode ?? null, at]),
  );
  return rows.length > 0;
};
