import type { Queryable } from '../../../platform/db/pool.ts';
import type { FieldError } from '../../../platform/http/problems.ts';
import { checkDocuments } from './documents.ts';
import type { AgencyRef, DocumentRef } from './dossier-store.ts';
import { incomplete } from './errors.ts';
import { normalizeFormData, validateFormData } from './form-validation.ts';
import { resolveHandlingAgency } from './handling-agency.ts';
import { loadProcedure, type ProcedureForDossier } from './procedure-source.ts';

export type FilingInput = { procedureCode: string; data: Record<string, unknown>; documents: readonly DocumentRef[]; communeCode?: string | null };

export type CheckedFiling = {
  procedure: ProcedureForDossier;
  agency: AgencyRef;
  communeCode: string | null;
  data: Record<string, unknown>;
  documents: DocumentRef[];
};

/**
 * Everything a dossier must satisfy, all errors at once (422 `dossier-incomplete` naming each):
 * an active procedure, a handling agency (the commune for commune-level procedures), documents of
 * the procedure with files the citizen may use — and, when `complete` (filing rather than saving a
 * draft), data valid against the procedure's form and every required document attached.
 */
export const checkFiling = async (db: Queryable, ownerId: string, input: FilingInput, { complete }: { complete: boolean }): Promise<CheckedFiling> => {
  const procedure = await loadProcedure(db, input.procedureCode);
  if (!procedure || !procedure.active) throw incomplete([{ field: 'procedureCode', message: 'Không có thủ tục hành chính này hoặc thủ tục đã ngừng áp dụng' }]);
  const errors: FieldError[] = [];
  const where = await resolveHandlingAgency(db, procedure, input.communeCode);
  if ('error' in where) errors.push(where.error);
  const data = normalizeFormData(input.data) as Record<string, unknown>;
  if (complete) errors.push(...validateFormData(procedure, data));
  const documents = await checkDocuments(db, ownerId, procedure.documents, input.documents, { complete });
  errors.push(...documents.errors);
  if (errors.length || 'error' in where) throw incomplete(errors);
  return { procedure, agency: where.agency, communeCode: where.communeCode, data, documents: documents.refs };
};
