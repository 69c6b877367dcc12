/** Electronic identity: VNeID levels at filing, prefill from the population database. README.md maps each concept to its file. */
export { requireIdentityLevel } from './identity-level.ts';
export { identityRoutes } from './routes.ts';
export { PREFILL_PURPOSE, prefillFromPopulation } from './population/prefill.ts';
