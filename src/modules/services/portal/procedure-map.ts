import { type AuditActor, recordAudit } from '../../../platform/audit/index.ts';
import { type Db, preparedStatement, type Queryable, withTransaction } from '../../../platform/db/pool.ts';
import { invalid, notFound } from '../../../platform/http/problems.ts';

/**
 * The explicit mapping of national procedure codes (MaTTHC of the national catalogue) to the
 * province's procedures (`portal_procedure_map`): a dossier the national portal forwards finds its
 * procedure here and nowhere else — never by name similarity — and the pushes back name the mapped
 * national code. Several national codes may lead to one local procedure; each national code leads
 * to exactly one. Administrators edit it (audited).
 */
export const NATIONAL_PROCEDURE_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/;

export type ProcedureMapping = {
  nationalCode: string;
  procedureCode: string;
  procedureName: string;
  procedureActive: boolean;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

type MappingRow = { national_code: string; procedure_code: string; name: string; active: boolean; note: string | null; updated_at: Date; updated_by: string | null };

const SELECT = `SELECT m.national_code, m.procedure_code, p.name, p.active, m.note, m.updated_at, u.username AS updated_by
                  FROM portal_procedure_map m JOIN procedures p ON p.code = m.procedure_code LEFT JOIN users u ON u.id = m.updated_by`;

const mappingOf = (r: MappingRow): ProcedureMapping => ({
  nationalCode: r.national_code,
  procedureCode: r.procedure_code,
  procedureName: r.name,
  procedureActive: r.active,
  note: r.note,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

export const listMappings = async (db: Queryable): Promise<ProcedureMapping[]> =>
  (await db.query<MappingRow>(`${SELECT} ORDER BY m.national_code`)).rows.map(mappingOf);

/** The local procedure a national code is mapped to, if any. */
export const mappedProcedure = async (db: Queryable, nationalCode: string): Promise<string | undefined> =>
  (await db.query<{ procedure_code: string }>('SELECT procedure_code FROM portal_procedure_map WHERE national_code = $1', [nationalCode])).rows[0]
    ?.procedure_code;

/** Every mapped national code (for the 422 of an intake whose code is not among them). */
export const mappedNationalCodes = async (db: Queryable): Promise<string[]> =>
  (await db.query<{ national_code: string }>('SELECT national_code FROM portal_procedure_map ORDER BY national_code')).rows.map((r) => r.national_code);

const NATIONAL_CODE_OF = preparedStatement(
  'portal.national-code-of',
  'SELECT national_code FROM portal_procedure_map WHERE procedure_code = $1 ORDER BY national_code LIMIT 1',
);

/**
 * The national code (MaTTHC) pushes name for a local procedure: the mapped one (the first, when
 * several map to it), else the catalogue's own national code, else none (the local code is sent).
 */
export const nationalProcedureCodeOf = async (db: Queryable, procedureCode: string, catalogueCode: string | null): Promise<string | null> => {
  const { rows } = await db.query<{ national_code: string }>(NATIONAL_CODE_OF([procedureCode]));
  return rows[0]?.national_code ?? catalogueCode;
};

export type MappingInput = { nationalCode: string; procedureCode: string; note?: string | null };

/** Sets where a national code leads (create or replace); 400 for an unknown procedure. */
export const putMapping = async (db: Db, input: MappingInput, actor: AuditActor, requestId?: string): Promise<{ mapping: ProcedureMapping; created: boolean }> =>
  withTransaction(db, async (tx) => {
    const known = await tx.query('SELECT 1 FROM procedures WHERE code = $1', [input.procedureCode]);
    if (!known.rowCount) throw invalid('procedureCode', 'Không có thủ tục này trong danh mục của tỉnh');
    const before = (await tx.query<MappingRow>(`${SELECT} WHERE m.national_code = $1 FOR UPDATE OF m`, [input.nationalCode])).rows[0];
    await tx.query(
      `INSERT INTO portal_procedure_map (national_code, procedure_code, note, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (national_code) DO UPDATE SET procedure_code = EXCLUDED.procedure_code, note = EXCLUDED.note,
              updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [input.nationalCode, input.procedureCode, input.note?.trim() || null, actor.id],
    );
    await recordAudit(tx, {
      actor,
      action: 'portal.procedure-map.put',
      target: { type: 'portal_procedure_map', id: input.nationalCode },
      before: before ? { procedureCode: before.procedure_code, note: before.note } : undefined,
      after: { procedureCode: input.procedureCode, note: input.note?.trim() || null },
      requestId,
    });
    const after = (await tx.query<MappingRow>(`${SELECT} WHERE m.national_code = $1`, [input.nationalCode])).rows[0]!;
    return { mapping: mappingOf(after), created: !before };
  });

/** Removes a national code's mapping (its dossiers already filed keep their procedure); 404 when there is none. */
export const deleteMapping = async (db: Db, nationalCode: string, actor: AuditActor, requestId?: string): Promise<void> =>
  withTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ procedure_code: string; note: string | null }>(
      'DELETE FROM portal_procedure_map WHERE national_code = $1 RETURNING procedure_code, note',
      [nationalCode],
    );
    if (!rows[0]) throw notFound('Mã thủ tục quốc gia này chưa được ánh xạ');
    await recordAudit(tx, {
      actor,
      action: 'portal.procedure-map.delete',
      target: { type: 'portal_procedure_map', id: nationalCode },
      before: { procedureCode: rows[0].procedure_code, note: rows[0].note },
      requestId,
    });
  });
