/** Dossiers (hồ sơ) from draft to result: README.md maps each concept to its file. */
export { dossierRoutes } from './routes.ts';
export { publicDossierRoutes } from './public-routes.ts';
export { applyDossierAction, type ActionDeps, type ActionRequest } from './apply-action.ts';
export { findDossier, type DossierRow } from './dossier-store.ts';
export { trackDossier } from './public-tracking.ts';
