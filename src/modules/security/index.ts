export { securityRoutes } from './routes.ts';
export { securityChecks } from './checks.ts';
export { gatherSecurityFacts, type SecurityFacts } from './facts.ts';
export { SecurityCheck, SecurityConfigReport, CHECK_IDS } from './schema.ts';
