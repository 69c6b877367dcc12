import { recordAudit } from '../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../platform/db/pool.ts';
import { notFound } from '../../platform/http/problems.ts';
import { AGENCY_COLUMNS, findAgency } from './agencies-queries.ts';
import type { Agency, AgencyPatch } from './agencies-schema.ts';
import { asCodeConflict, checkAgencyDraft, lockAgencyTree } from './agency-rules.ts';
import type { WriteContext } from './create-agency.ts';

/**
 * Changes an agency's fields (admins, `org.write`), audited as `agency.update` with the record
 * before and after. A moved agency may not go under itself or one of its own units.
 */
export const updateAgency = async (db: Db, id: string, patch: AgencyPatch, ctx: WriteContext): Promise<Agency> =>
  withTransaction(db, async (tx) => {
    await lockAgencyTree(tx);
    const before = await findAgency(tx, id, true);
    if (!before) throw notFound('Không tìm thấy cơ quan');
    const next = {
      code: patch.code ?? before.code,
      name: patch.name ?? before.name,
      shortName: patch.shortName !== undefined ? patch.shortName : before.shortName,
      kind: patch.kind ?? before.kind,
      parentId: patch.parentId !== undefined ? patch.parentId : before.parentId,
      communeCode: patch.communeCode !== undefined ? patch.communeCode : before.communeCode,
    };
    // A new parent brings its province unless one is given; otherwise the province stays.
    const provinceGiven = patch.provinceCode ?? (patch.parentId ? undefined : before.provinceCode);
    const provinceCode = await checkAgencyDraft(tx, { id, ...next, provinceCode: provinceGiven });
    const { rows } = await tx
      .query<Agency>(
        `UPDATE agencies AS a SET code = $2, name = $3, short_name = $4, kind = $5, parent_id = $6, province_code = $7,
                commune_code = $8, updated_at = now()
          WHERE a.id = $1 RETURNING ${AGENCY_COLUMNS}`,
        [id, next.code, next.name, next.shortName, next.kind, next.parentId, provinceCode, next.communeCode],
      )
      .catch((error: unknown) => {
        throw asCodeConflict(error, next.code);
      });
    const after = rows[0]!;
    await recordAudit(tx, { actor: ctx.actor, action: 'agency.update', target: { type: 'agency', id }, before, after, requestId: ctx.requestId });
    return after;
  });
