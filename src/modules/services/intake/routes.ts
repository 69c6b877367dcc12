import type { FastifyPluginAsync } from 'fastify';
import { counterRoutes } from './counter-routes.ts';
import { nationalIntakeRoutes } from './national-routes.ts';

/** Dossiers filed for citizens, mounted at `/api/intake`: at the counter, and forwarded by the national portal. */
export const intakeRoutes: FastifyPluginAsync = async (app) => {
  await app.register(counterRoutes, { prefix: '/counter' });
  await app.register(nationalIntakeRoutes, { prefix: '/national-portal' });
};
