import { createHash } from 'node:crypto';
import { canonicalJson, recordAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { withTransaction, type Db, type DbClient } from '../../../platform/db/pool.ts';
import { listProcedureInputs } from './procedure-queries.ts';
import type { Catalogue, ImportSummary, ProcedureInput } from './schema.ts';

/**
 * Loads a validated catalogue (`Catalogue`, see validate-catalogue.ts) into the `procedures` table:
 * a new code is inserted, a changed procedure updated, an identical one left alone, so importing
 * the same content twice changes nothing. Procedures are never deleted (dossiers point at them);
 * with `replace`, those missing from the catalogue are deactivated (hidden from search).
 * Every change is audited per procedure (`procedure.create|update|deactivate`, before/after),
 * and the import as a whole (`procedures.import`), in the one transaction.
 */
export type ImportOptions = {
  actor: AuditActor;
  requestId?: string;
  replace?: boolean;
  /** Where `data_imports` records this import: `procedures-import` unless told (the shipped file's own). */
  dataset?: string;
  checksum?: string;
};

/** Lock ordering concurrent imports (the shipped catalogue at start, an administrator's upload). */
export const IMPORT_LOCK = 727_003;

const params = (p: ProcedureInput) => [
  p.code, p.nationalCode, p.name, p.field, p.level, p.agencyCode, p.days, p.hours, p.timeLimit, p.restartOnSupplement, p.online,
  JSON.stringify(p.fees), JSON.stringify(p.documents), JSON.stringify(p.form), p.result, p.legalBasis, p.workflowKey, p.reviewNote, p.active,
  p.minIdentityLevel,
];

const INSERT = `INSERT INTO procedures (code, national_code, name, field, level, agency_code, days, hours, time_limit,
    restart_on_supplement, online, fees, documents, form, result, legal_basis, workflow_key, review_note, active, min_identity_level)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`;

const UPDATE = `UPDATE procedures SET national_code = $2, name = $3, field = $4, level = $5, agency_code = $6, days = $7, hours = $8,
    time_limit = $9, restart_on_supplement = $10, online = $11, fees = $12, documents = $13, form = $14, result = $15,
    legal_basis = $16, workflow_key = $17, review_note = $18, active = $19, min_identity_level = $20, updated_at = now()
  WHERE code = $1`;

/** The import inside a caller's transaction (the shipped-catalogue import adds its bookkeeping). */
export const applyCatalogue = async (tx: DbClient, catalogue: Catalogue, o: ImportOptions): Promise<ImportSummary> => {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
  const codes = catalogue.procedures.map((p) => p.code);
  const existing = new Map((await listProcedureInputs(tx, codes)).map((p) => [p.code, p]));
  const summary: ImportSummary = { total: codes.length, created: 0, updated: 0, unchanged: 0, deactivated: 0 };
  const audit = (action: string, code: string, before?: unknown, after?: unknown) =>
    recordAudit(tx, { actor: o.actor, action, target: { type: 'procedure', id: code }, before, after, requestId: o.requestId });

  for (const procedure of catalogue.procedures) {
    const before = existing.get(procedure.code);
    if (!before) {
      await tx.query(INSERT, params(procedure));
      await audit('procedure.create', procedure.code, undefined, procedure);
      summary.created += 1;
    } else if (canonicalJson(before) !== canonicalJson(procedure)) {
      await tx.query(UPDATE, params(procedure));
      await audit('procedure.update', procedure.code, before, procedure);
      summary.updated += 1;
    } else {
      summary.unchanged += 1;
    }
  }
  if (o.replace) {
    const { rows } = await tx.query<{ code: string }>(
      'UPDATE procedures SET active = false, updated_at = now() WHERE active AND code <> ALL($1::text[]) RETURNING code',
      [codes],
    );
    for (const { code } of rows) await audit('procedure.deactivate', code, { active: true }, { active: false });
    summary.deactivated = rows.length;
  }
  const dataset = o.dataset ?? 'procedures-import';
  const checksum = o.checksum ?? createHash('sha256').update(canonicalJson(catalogue.procedures)).digest('hex');
  await tx.query(
    `INSERT INTO data_imports (dataset, source, checksum, row_count) VALUES ($1, $2, $3, $4)
     ON CONFLICT (dataset) DO UPDATE SET source = EXCLUDED.source, checksum = EXCLUDED.checksum,
       row_count = EXCLUDED.row_count, imported_at = now()`,
    [dataset, catalogue.source, checksum, codes.length],
  );
  await recordAudit(tx, {
    actor: o.actor,
    action: 'procedures.import',
    target: { type: 'dataset', id: dataset },
    after: { source: catalogue.source, replace: Boolean(o.replace), ...summary },
    requestId: o.requestId,
  });
  return summary;
};

export const importProcedures = (db: Db, catalogue: Catalogue, o: ImportOptions): Promise<ImportSummary> =>
  withTransaction(db, (tx) => applyCatalogue(tx, catalogue, o));
