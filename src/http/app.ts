import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../platform/auth/access.ts';
import { CalendarService } from '../platform/calendar/service.ts';
import type { Config } from '../platform/config/index.ts';
import { tileImageSource } from '../platform/config/map-tiles.ts';
import { uuidv7 } from '../platform/db/ids.ts';
import type { Db } from '../platform/db/pool.ts';
import { frameworkErrorHandler, registerErrorHandler } from '../platform/http/error-handler.ts';
import { registerNulGuard } from '../platform/http/nul-guard.ts';
import { registerProblemDocs } from '../platform/http/problem-docs.ts';
import { registerSecurityHeaders } from '../platform/http/security-headers.ts';
import { notifierFor } from '../platform/notify/index.ts';
import { modules } from '../modules/index.ts';
import { registerHealth } from './health.ts';
import { registerWebConfig } from './web-config.ts';
import { accessLine, bufferedStdout, LazyRequestLogger, loggerOptions, RequestLogController } from './logger.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** `logger: false` silences logs (tests); a `logStream` receives them instead of stdout. */
export type BuildAppOptions = { config: Config; db: Db; logger?: boolean; logStream?: NodeJS.WritableStream };

/** Builds the whole HTTP application (API, OpenAPI docs, web assets) without listening. */
export const buildApp = async ({ config, db, logger = true, logStream }: BuildAppOptions): Promise<FastifyInstance> => {
  const stdout = logger && !logStream ? bufferedStdout() : undefined;
  const stream = logger ? (logStream ?? stdout?.stream) : undefined;
  const app = Fastify({
    logger: stream ? { ...loggerOptions(config), stream } : false,
    logController: new RequestLogController(stream ? accessLine(config.logLevel, stream) : undefined),
    childLoggerFactory: (logger, bindings, options) => new LazyRequestLogger(logger, bindings, options),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : uuidv7();
    },
    trustProxy: config.trustProxy ?? config.isProduction,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('calendar', new CalendarService(db));
  // Loaded before the first request, so that no request ever waits for it inside a transaction.
  app.addHook('onReady', () => app.calendar.reload());
  app.decorate('notifier', notifierFor(config, app.log));
  if (stdout) app.addHook('onClose', (_app, done) => {
    stdout.close();
    done();
  });
  registerErrorHandler(app);
  registerNulGuard(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Base-map tiles come from the configured tile server (config/map-tiles.ts).
        imgSrc: ["'self'", 'data:', 'blob:', ...[tileImageSource(config.map)].filter((src) => src !== null)],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    hsts: config.isProduction,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(rateLimit, {
    global: true,
    max: 1200,
    timeWindow: '1 minute',
    allowList: config.rateLimitAllow,
  });
  await app.register(access, { db, secret: config.sessionSecret });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tỉnh số API', version: '0.1.0', description: 'API của nền tảng chính quyền số Tỉnh số.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'tinhso_session' } } },
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id (`.meta({ id })`, e.g. recursive trees) become components.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await registerHealth(app);
  registerWebConfig(app);
  registerProblemDocs(app);
  for (const mod of modules) await app.register(mod.plugin, { prefix: mod.prefix });

  if (existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, maxAge: '1h', preCompressed: true });
    // The web app routes on the client: any other GET for a page answers the app's shell; a
    // missing file (an old asset, a typo) is a plain 404, never the HTML page.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '';
      if (/^\/(api|open311|docs|assets)(\/|$)/.test(pathname) || /\.[a-z0-9]{1,8}$/i.test(pathname)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
};
