import type { FastifyPluginAsync } from 'fastify';

/** Every domain module's HTTP plugin and the prefix it is mounted under. */
export type ModuleRegistration = { prefix: string; plugin: FastifyPluginAsync };

export const modules: ModuleRegistration[] = [];
