import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { COMMUNE_AGENCY_CODE, COMMUNE_AGENCY_NAME, type Procedure, type ProcedureInput } from './schema.ts';

/** Columns of a procedure as answered, `a` being the handling agency (absent for `commune`). */
export const PROCEDURE_COLUMNS = `p.code, p.national_code AS "nationalCode", p.name, p.field, p.level,
  p.agency_code AS "agencyCode", a.name AS "agencyName", p.days, p.hours, p.time_limit AS "timeLimit",
  p.restart_on_supplement AS "restartOnSupplement", p.online, p.fees, p.documents, p.form, p.result,
  p.legal_basis AS "legalBasis", p.workflow_key AS "workflowKey", p.review_note AS "reviewNote", p.active,
  p.min_identity_level AS "minIdentityLevel", p.updated_at AS "updatedAt"`;
export const PROCEDURE_FROM = 'procedures p LEFT JOIN agencies a ON a.code = p.agency_code';

/** Commune-level procedures name no agency of their own: say who handles them. */
export const withAgencyName = <T extends { agencyCode: string; agencyName: string | null }>(row: T): T =>
  row.agencyCode === COMMUNE_AGENCY_CODE ? { ...row, agencyName: COMMUNE_AGENCY_NAME } : row;

/**
 * One procedure by its code, active or not (a dossier filed under a procedure since withdrawn from
 * the catalogue still shows it); undefined when unknown. The use case other modules call.
 */
/** Every filing reads its procedure (twice: to check the filing, and for the portal's snapshot). */
const PROCEDURE_BY_CODE = preparedStatement('procedures.by-code', `SELECT ${PROCEDURE_COLUMNS} FROM ${PROCEDURE_FROM} WHERE p.code = $1`);

export const findProcedure = async (db: Queryable, code: string): Promise<Procedure | undefined> => {
  const { rows } = await db.query<Procedure>(PROCEDURE_BY_CODE([code]));
  return rows[0] && withAgencyName(rows[0]);
};

export const getProcedure = async (db: Queryable, code: string): Promise<Procedure> => {
  const procedure = await findProcedure(db, code);
  if (!procedure) throw notFound(`Không có thủ tục mã ${code}`);
  return procedure;
};

/** A stored procedure in the catalogue file's shape (what import compares and export writes). */
export const toInput = (p: Procedure): ProcedureInput => ({
  code: p.code,
  nationalCode: p.nationalCode,
  name: p.name,
  field: p.field,
  level: p.level,
  agencyCode: p.agencyCode,
  days: p.days,
  hours: p.hours,
  timeLimit: p.timeLimit,
  restartOnSupplement: p.restartOnSupplement,
  online: p.online,
  fees: p.fees,
  documents: p.documents,
  form: p.form,
  result: p.result,
  legalBasis: p.legalBasis,
  workflowKey: p.workflowKey,
  reviewNote: p.reviewNote,
  active: p.active,
  minIdentityLevel: p.minIdentityLevel as ProcedureInput['minIdentityLevel'],
});

/** Every procedure in catalogue form, by code; `codes` limits it to those (locked FOR UPDATE). */
export const listProcedureInputs = async (db: Queryable, codes?: readonly string[]): Promise<ProcedureInput[]> => {
  const { rows } = codes
    ? await db.query<Procedure>(`SELECT ${PROCEDURE_COLUMNS} FROM ${PROCEDURE_FROM} WHERE p.code = ANY($1::text[]) ORDER BY p.code FOR UPDATE OF p`, [codes])
    : await db.query<Procedure>(`SELECT ${PROCEDURE_COLUMNS} FROM ${PROCEDURE_FROM} ORDER BY p.code`);
  return rows.map(toInput);
};
