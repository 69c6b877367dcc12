import type { FastifyPluginAsync } from 'fastify';

// Placeholder: filled in by the work on this area.
export const authRoutes: FastifyPluginAsync = async () => undefined;
