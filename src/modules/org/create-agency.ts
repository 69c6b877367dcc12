import { recordAudit, type AuditActor } from '../../platform/audit/index.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { withTransaction, type Db } from '../../platform/db/pool.ts';
import { AGENCY_COLUMNS } from './agencies-queries.ts';
import type { Agency, AgencyCreate } from './agencies-schema.ts';
import { asCodeConflict, checkAgencyDraft, lockAgencyTree } from './agency-rules.ts';

export type WriteContext = { actor: AuditActor; requestId?: string };

/** Adds an agency (admins, `org.write`), audited as `agency.create`. */
export const createAgency = async (db: Db, input: AgencyCreate, ctx: WriteContext): Promise<Agency> =>
  withTransaction(db, async (tx) => {
    await lockAgencyTree(tx);
    const id = uuidv7();
    const draft = {
      id,
      code: input.code,
      kind: input.kind,
      parentId: input.parentId ?? null,
      provinceCode: input.provinceCode,
      communeCode: input.communeCode ?? null,
    };
    const provinceCode = await checkAgencyDraft(tx, draft);
    const { rows } = await tx
      .query<Agency>(
        `INSERT INTO agencies AS a (id, code, name, short_name, kind, parent_id, province_code, commune_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${AGENCY_COLUMNS}`,
        [id, draft.code, input.name, input.shortName ?? null, draft.kind, draft.parentId, provinceCode, draft.communeCode],
      )
      .catch((error: unknown) => {
        throw asCodeConflict(error, draft.code);
      });
    const agency = rows[0]!;
    await recordAudit(tx, { actor: ctx.actor, action: 'agency.create', target: { type: 'agency', id }, after: agency, requestId: ctx.requestId });
    return agency;
  });
