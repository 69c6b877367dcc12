import type { Queryable } from '../../../platform/db/pool.ts';
import { CATALOGUE_DATASET } from './import-catalogue.ts';
import { listProcedureInputs } from './procedure-queries.ts';
import { CATALOGUE_FORMAT, type Catalogue } from './schema.ts';

/**
 * The whole catalogue (inactive procedures included, flagged) in the catalogue file's shape,
 * ready to be written as JSON or Excel and imported elsewhere. Its `source` is the source of the
 * latest import, shipped catalogue or administrator's file.
 */
export const exportCatalogue = async (db: Queryable, now = new Date()): Promise<Catalogue> => {
  const procedures = await listProcedureInputs(db);
  const { rows } = await db.query<{ source: string }>(
    `SELECT source FROM data_imports WHERE dataset IN ($1, 'procedures-import') ORDER BY imported_at DESC LIMIT 1`,
    [CATALOGUE_DATASET],
  );
  return {
    format: CATALOGUE_FORMAT,
    source: rows[0]?.source ?? 'Danh mục thủ tục hành chính của Tỉnh số',
    exportedAt: now.toISOString(),
    procedures,
  };
};
