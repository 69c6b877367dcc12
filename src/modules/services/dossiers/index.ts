/** Dossiers (hồ sơ) from draft to result: README.md maps each concept to its file. */
export { dossierRoutes } from './routes.ts';
export { publicDossierRoutes } from './public-routes.ts';
export { applyDossierAction, type ActionDeps, type ActionRequest } from './apply-action.ts';
export { findDossier, type DossierChannel, type DossierRow } from './dossier-store.ts';
export { trackDossier } from './public-tracking.ts';
export { contextOf, trackingUrl, type DossierContext } from './context.ts';
export { idempotencyKeyOf } from './idempotency-key.ts';
export { statusName } from './status.ts';
export type { FilingDeps } from './file-dossier.ts';
export { fileAtCounter, fileFromNationalPortal, type CounterFiling, type FiledForCitizen, type NationalPortalFiling } from './file-for-citizen.ts';
export { dossierRatingStats, type RatingStats } from './rating-stats.ts';
