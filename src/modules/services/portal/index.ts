export { enqueuePortalSync } from './enqueue-sync.ts';
export { PORTAL_SYNC_QUEUE, syncDossierJob } from './sync-job.ts';
export { portalRoutes } from './routes.ts';
export { buildDossierRecord, buildProgressRecords, portalTime, PORTAL_SERVICES } from './payload.ts';
export type { PortalDossierSnapshot, PortalDossier } from './types.ts';
