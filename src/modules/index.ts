import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from '../platform/audit/routes.ts';
import { authRoutes } from '../platform/auth/routes.ts';
import { usersRoutes } from '../platform/auth/users-routes.ts';
import { calendarRoutes } from '../platform/calendar/routes.ts';
import { filesRoutes } from '../platform/files/routes.ts';
import { inboxRoutes } from '../platform/notify/inbox-routes.ts';
import { paymentRoutes } from '../platform/payments/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { procedureRoutes } from './services/procedures/routes.ts';
import { portalRoutes } from './services/portal/routes.ts';
import { dossierRoutes, publicDossierRoutes } from './services/dossiers/index.ts';
import { intakeRoutes } from './services/intake/index.ts';
import { digitalRoutes } from './services/digital/index.ts';
import { open311Routes } from './feedback/open311/index.ts';
import { feedbackRoutes } from './feedback/index.ts';
import { iocRoutes } from './ioc/index.ts';
import { securityRoutes } from './security/index.ts';
import { meRoutes, privacyAdminRoutes, publicPrivacyRoutes } from './privacy/index.ts';
import { identityRoutes } from './identity/index.ts';

/** Every HTTP route plugin, platform and domain modules, with the prefix it is mounted under. */
export type ModuleRegistration = { prefix: string; plugin: FastifyPluginAsync };

export const modules: ModuleRegistration[] = [
  { prefix: '/api/auth', plugin: authRoutes },
  { prefix: '/api/users', plugin: usersRoutes },
  { prefix: '/api/files', plugin: filesRoutes },
  { prefix: '/api/notifications', plugin: inboxRoutes },
  { prefix: '/api/calendar', plugin: calendarRoutes },
  { prefix: '/api/audit', plugin: auditRoutes },
  { prefix: '/api/payments', plugin: paymentRoutes },
  { prefix: '/api/portal', plugin: portalRoutes },
  { prefix: '/api/dossiers', plugin: dossierRoutes },
  { prefix: '/api/public/dossiers', plugin: publicDossierRoutes },
  { prefix: '/api/intake', plugin: intakeRoutes },
  { prefix: '/api', plugin: digitalRoutes },
  { prefix: '/api/procedures', plugin: procedureRoutes },
  { prefix: '/api/ioc', plugin: iocRoutes },
  { prefix: '/api/feedback', plugin: feedbackRoutes },
  { prefix: '/api/admin', plugin: securityRoutes },
  { prefix: '/api/me', plugin: meRoutes },
  { prefix: '/api/me', plugin: identityRoutes },
  { prefix: '/api/privacy', plugin: privacyAdminRoutes },
  { prefix: '/api/public/privacy', plugin: publicPrivacyRoutes },
  { prefix: '/api', plugin: orgRoutes },
  { prefix: '/open311/v2', plugin: open311Routes },
];
