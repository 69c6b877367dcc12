/**
 * The procedure catalogue (thủ tục hành chính): what other modules use. See README.md.
 */
export { findProcedure, getProcedure } from './procedure-queries.ts';
export { searchProcedures } from './search-procedures.ts';
export { importProcedureCatalogue, CATALOGUE_FILE } from './import-catalogue.ts';
export { importProcedures } from './import-procedures.ts';
export { exportCatalogue } from './export-catalogue.ts';
export { procedureRoutes } from './routes.ts';
export { COMMUNE_AGENCY_CODE, COMMUNE_AGENCY_NAME, type Procedure, type ProcedureDocument, type ProcedureFee, type ProcedureSummary } from './schema.ts';
