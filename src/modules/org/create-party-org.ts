import { recordAudit } from '../../platform/audit/index.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { withTransaction, type Db } from '../../platform/db/pool.ts';
import { AppError, conflict, type FieldError } from '../../platform/http/problems.ts';
import type { WriteContext } from './create-agency.ts';
import { PARTY_ORG_COLUMNS } from './party-orgs-queries.ts';
import { ALLOWED_CHILD_KINDS, PARTY_ORG_KIND_LABELS, type PartyOrg, type PartyOrgCreate, type PartyOrgKind } from './party-orgs-schema.ts';
import { scopeParams, VISIBLE_PARTY_ORGS, type PartyScope } from './party-orgs-scope.ts';

const duplicate = (code: string) => conflict(`Mã tổ chức Đảng ${code} đã được dùng`);

/**
 * Adds a Party organisation under one the caller manages (`party.manage`: their own or one below
 * it), audited as `party_org.create`. A parent outside the caller's reach is reported exactly
 * like a missing one.
 */
export const createPartyOrg = async (db: Db, scope: PartyScope, input: PartyOrgCreate, ctx: WriteContext): Promise<PartyOrg> =>
  withTransaction(db, async (tx) => {
    const errors: FieldError[] = [];
    const { rows } = await tx.query<{ kind: PartyOrgKind | null; agency: boolean }>(
      `${VISIBLE_PARTY_ORGS}
       SELECT (SELECT o.kind FROM party_orgs o JOIN down d ON d.id = o.id WHERE o.id = $4) AS kind,
              ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM agencies WHERE id = $5)) AS agency`,
      [...scopeParams(scope), input.parentId, input.agencyId ?? null],
    );
    const parentKind = rows[0]?.kind;
    if (!scope.orgId || !parentKind) {
      errors.push({ field: 'parentId', message: 'Không tìm thấy tổ chức Đảng cấp trên trong phạm vi quản lý' });
    } else if (!ALLOWED_CHILD_KINDS[parentKind].includes(input.kind)) {
      errors.push({ field: 'kind', message: `${PARTY_ORG_KIND_LABELS[input.kind]} không thể trực thuộc ${PARTY_ORG_KIND_LABELS[parentKind].toLowerCase()}` });
    }
    if (!rows[0]?.agency) errors.push({ field: 'agencyId', message: 'Không tìm thấy cơ quan' });
    if (errors.length > 0) throw new AppError('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
    const taken = await tx.query('SELECT 1 FROM party_orgs WHERE code = $1', [input.code]);
    if (taken.rowCount) throw duplicate(input.code);

    const id = uuidv7();
    const inserted = await tx
      .query<PartyOrg>(
        `INSERT INTO party_orgs AS o (id, code, name, kind, parent_id, agency_id) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${PARTY_ORG_COLUMNS}`,
        [id, input.code, input.name, input.kind, input.parentId, input.agencyId ?? null],
      )
      .catch((error: unknown) => {
        throw (error as { code?: string }).code === '23505' ? duplicate(input.code) : error;
      });
    const org = inserted.rows[0]!;
    await recordAudit(tx, { actor: ctx.actor, action: 'party_org.create', target: { type: 'party_org', id }, after: org, requestId: ctx.requestId });
    return org;
  });
