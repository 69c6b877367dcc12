import type { FastifyPluginAsync } from 'fastify';
import { adminUnitsRoutes } from './admin-units-routes.ts';
import { agenciesRoutes } from './agencies-routes.ts';
import { partyOrgsRoutes } from './party-orgs-routes.ts';

/** Organisations, mounted at /api: administrative units, agencies, Party organisations. */
export const orgRoutes: FastifyPluginAsync = async (app) => {
  await app.register(adminUnitsRoutes);
  await app.register(agenciesRoutes);
  await app.register(partyOrgsRoutes);
};
