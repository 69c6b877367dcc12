import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import type { FieldError } from '../../../platform/http/problems.ts';
import type { AgencyRef } from './dossier-store.ts';
import type { ProcedureForDossier } from './procedure-source.ts';

/**
 * The agency that handles a dossier. Province-level procedures name their agency (e.g. Sở Tư pháp
 * `000.00.04.H59`); commune-level ones are handled by the People's Committee of the commune the
 * citizen chooses (`communeCode`, any commune: filing does not depend on residence, Decree
 * 118/2025), whatever placeholder the catalogue stores as their agency.
 */
const COMMUNE_COMMITTEE = preparedStatement(
  'dossiers.commune-committee',
  `SELECT id, code, name FROM agencies WHERE kind = 'commune_committee' AND commune_code = $1 ORDER BY code LIMIT 1`,
);
const AGENCY_BY_CODE = preparedStatement('dossiers.agency-by-code', 'SELECT id, code, name FROM agencies WHERE code = $1');

export const resolveHandlingAgency = async (
  db: Queryable,
  procedure: ProcedureForDossier,
  communeCode: string | undefined | null,
): Promise<{ agency: AgencyRef; communeCode: string | null } | { error: FieldError }> => {
  if (procedure.level === 'commune') {
    if (!communeCode) return { error: { field: 'communeCode', message: 'Chọn xã, phường nơi nộp hồ sơ (thủ tục cấp xã)' } };
    const { rows } = await db.query<AgencyRef>(COMMUNE_COMMITTEE([communeCode]));
    if (!rows[0]) return { error: { field: 'communeCode', message: 'Chưa có Ủy ban nhân dân của xã, phường này trên hệ thống' } };
    return { agency: rows[0], communeCode };
  }
  const { rows } = await db.query<AgencyRef>(AGENCY_BY_CODE([procedure.agencyCode]));
  if (!rows[0]) return { error: { field: 'procedureCode', message: 'Thủ tục chưa có cơ quan giải quyết trên hệ thống' } };
  return { agency: rows[0], communeCode: null };
};
