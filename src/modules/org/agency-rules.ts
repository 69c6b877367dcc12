import type { DbClient } from '../../platform/db/pool.ts';
import { AppError, conflict, type FieldError } from '../../platform/http/problems.ts';
import type { AgencyKind } from './agencies-schema.ts';
import { levelOneOf } from './agency-code.ts';

/** What an agency must satisfy before it is written (create or update). */
export type AgencyDraft = {
  id: string;
  code: string;
  kind: AgencyKind;
  parentId: string | null;
  provinceCode: string | undefined;
  communeCode: string | null;
};

/** Writers of the agency tree queue behind one lock, so two moves can never make a cycle together. */
export const lockAgencyTree = (tx: DbClient) => tx.query('SELECT pg_advisory_xact_lock(727010)');

const parentProblems = async (tx: DbClient, draft: AgencyDraft, errors: FieldError[]) => {
  if (!draft.parentId) return undefined;
  const { rows } = await tx.query<{ code: string; province_code: string; is_descendant: boolean }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM agencies WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id)
     SELECT p.code, p.province_code, EXISTS (SELECT 1 FROM up WHERE up.id = $2) AS is_descendant
       FROM agencies p WHERE p.id = $1`,
    [draft.parentId, draft.id],
  );
  const parent = rows[0];
  if (!parent) {
    errors.push({ field: 'parentId', message: 'Không tìm thấy cơ quan cấp trên' });
    return undefined;
  }
  if (parent.is_descendant) {
    errors.push({ field: 'parentId', message: 'Cơ quan cấp trên không thể là chính cơ quan này hoặc một cơ quan trực thuộc nó' });
  }
  if (levelOneOf(parent.code) !== levelOneOf(draft.code)) {
    errors.push({ field: 'code', message: `Nhóm mã cấp 1 phải trùng với cơ quan cấp trên (${levelOneOf(parent.code)})` });
  }
  return parent;
};

/**
 * Checks references and consistency; throws 400 with every field error found, or 409 when the
 * code is taken. Returns the province code to store (the given one, else the parent's).
 */
export const checkAgencyDraft = async (tx: DbClient, draft: AgencyDraft): Promise<string> => {
  const errors: FieldError[] = [];
  const parent = await parentProblems(tx, draft, errors);
  const provinceCode = draft.provinceCode ?? parent?.province_code;
  if (parent && provinceCode !== parent.province_code) {
    errors.push({ field: 'provinceCode', message: `Phải trùng với tỉnh của cơ quan cấp trên (${parent.province_code})` });
  }
  if (!provinceCode) {
    if (!draft.parentId) errors.push({ field: 'provinceCode', message: 'Cần mã tỉnh khi cơ quan không có cơ quan cấp trên' });
  } else {
    const { rows } = await tx.query<{ province: boolean; commune_province: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM admin_provinces WHERE code = $1) AS province,
              (SELECT province_code FROM admin_communes WHERE code = $2) AS commune_province`,
      [provinceCode, draft.communeCode],
    );
    if (!rows[0]?.province) errors.push({ field: 'provinceCode', message: `Không có tỉnh, thành phố mã ${provinceCode}` });
    if (draft.communeCode && rows[0]?.commune_province == null) {
      errors.push({ field: 'communeCode', message: `Không có xã, phường, đặc khu mã ${draft.communeCode}` });
    } else if (draft.communeCode && rows[0]?.commune_province !== provinceCode) {
      errors.push({ field: 'communeCode', message: `Xã, phường, đặc khu ${draft.communeCode} không thuộc tỉnh ${provinceCode}` });
    }
  }
  if (draft.kind === 'commune_committee' && !draft.communeCode) {
    errors.push({ field: 'communeCode', message: 'Ủy ban nhân dân cấp xã cần mã xã, phường, đặc khu' });
  }
  if (errors.length > 0) {
    throw new AppError('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  const taken = await tx.query('SELECT 1 FROM agencies WHERE code = $1 AND id <> $2', [draft.code, draft.id]);
  if (taken.rowCount) throw conflict(`Mã định danh ${draft.code} đã được dùng cho cơ quan khác`);
  return provinceCode!;
};

/** A unique-violation on the code from a concurrent writer, as the same 409. */
export const asCodeConflict = (error: unknown, code: string): unknown =>
  (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'agencies_code_key'
    ? conflict(`Mã định danh ${code} đã được dùng cho cơ quan khác`)
    : error;
