import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../platform/config/index.ts';
import type { Db } from '../platform/db/pool.ts';
import { registerErrorHandler } from '../platform/http/error-handler.ts';
import { registerHealth } from './health.ts';
import { bufferedStdout, loggerOptions } from './logger.ts';

/**
 * What a worker process (`TINHSO_WORKER_MODE=worker`) serves: `/healthz` and `/readyz` only, so
 * that a supervisor or a load balancer's health check sees it like the API; every other path is a
 * 404 problem. Its logger writes as the API's does.
 */
export const buildWorkerApp = async ({ config, db }: { config: Config; db: Db }): Promise<FastifyInstance> => {
  const stdout = bufferedStdout();
  const app = Fastify({ logger: { ...loggerOptions(config), stream: stdout.stream } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('config', config);
  app.addHook('onClose', (_app, done) => {
    stdout.close();
    done();
  });
  registerErrorHandler(app);
  await registerHealth(app);
  return app;
};
