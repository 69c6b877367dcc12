import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR } from '../../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../../platform/db/pool.ts';
import { AppError } from '../../../platform/http/problems.ts';
import { applyCatalogue, IMPORT_LOCK } from './import-procedures.ts';
import type { ImportSummary } from './schema.ts';
import { parseCatalogue } from './validate-catalogue.ts';

/**
 * The catalogue shipped with the app (`assets/procedures/catalogue.json`), loaded at start like
 * the administrative units. Idempotent by checksum: a file already imported is skipped without
 * parsing; a changed file (a new release) is applied procedure by procedure, so the procedures it
 * lists take its content and procedures added by an administrator stay as they are.
 */
export const CATALOGUE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../assets/procedures/catalogue.json');
export const CATALOGUE_DATASET = 'procedures-catalogue';
/** Bumped when the importer reads more of the file, so that a database imported before re-imports. */
const IMPORTER_VERSION = 1;

export type CatalogueImportResult = ImportSummary & { skipped: boolean };

export const importProcedureCatalogue = async (db: Db, file = CATALOGUE_FILE): Promise<CatalogueImportResult> => {
  const text = await readFile(file, 'utf8');
  const checksum = createHash('sha256').update(`v${IMPORTER_VERSION}\n`).update(text).digest('hex');
  const isDone = async (q: Pick<Db, 'query'>) =>
    (await q.query('SELECT row_count FROM data_imports WHERE dataset = $1 AND checksum = $2', [CATALOGUE_DATASET, checksum])).rows[0] as
      | { row_count: number }
      | undefined;
  const done = await isDone(db);
  const skipped = (total: number): CatalogueImportResult => ({ skipped: true, total, created: 0, updated: 0, unchanged: total, deactivated: 0 });
  if (done) return skipped(done.row_count);

  let catalogue;
  try {
    catalogue = parseCatalogue(JSON.parse(text));
  } catch (error) {
    const errors = error instanceof AppError ? (error.extra.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('\n') : '';
    throw new Error(`procedure catalogue ${file} is invalid: ${(error as Error).message}\n${errors}`.trim(), { cause: error });
  }
  return withTransaction(db, async (tx) => {
    // Two instances starting at once: the second waits for the lock, then finds the file imported.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const again = await isDone(tx);
    if (again) return skipped(again.row_count);
    const result = await applyCatalogue(tx, catalogue, { actor: SYSTEM_ACTOR, dataset: CATALOGUE_DATASET, checksum });
    return { skipped: false, ...result };
  });
};
