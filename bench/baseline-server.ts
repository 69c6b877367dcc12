import Fastify from 'fastify';
import { trackDossier } from '../src/modules/services/dossiers/public-tracking.ts';
import { createPool, SERVER_IDLE_MS } from '../src/platform/db/pool.ts';

/**
 * The baseline of the tracking figure: a bare Fastify route running the app's own tracking query
 * (`trackDossier`, one indexed SELECT) on a pool like the app's (10 connections kept through a lull), without the app's
 * hooks, logging, security headers, rate limits or schemas. The app should keep ≥ 0.7 × its
 * throughput. Started by the bench as a separate process, like the app.
 */
const db = createPool(process.env.DATABASE_URL!, 10, undefined, { idleTimeoutMillis: SERVER_IDLE_MS });
const app = Fastify({ logger: false });

app.get('/ready', async () => ({ status: 'ready' }));
app.get<{ Params: { code: string } }>('/track/:code', async (request, reply) => {
  try {
    return await trackDossier(db, request.params.code);
  } catch {
    return reply.code(404).send({ status: 404 });
  }
});

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => {
  void app.close().then(() => db.end()).then(() => process.exit(0));
});
