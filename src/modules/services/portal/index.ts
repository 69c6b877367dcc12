export { enqueuePortalSync } from './enqueue-sync.ts';
export { PORTAL_SYNC_QUEUE, syncDossierJob } from './sync-job.ts';
export { portalRoutes } from './routes.ts';
export { mappedNationalCodes, mappedProcedure, nationalProcedureCodeOf } from './procedure-map.ts';
export { RECONCILE_QUEUE, reconcileWithPortal } from './reconcile.ts';
export { markKnownToPortal } from './sync-store.ts';
export { buildDossierRecord, buildProgressRecords, portalCodeOf, portalTime, PORTAL_SERVICES } from './payload.ts';
export type { PortalDossierSnapshot, PortalDossier } from './types.ts';
