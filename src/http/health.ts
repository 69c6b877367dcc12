import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listMigrations } from '../platform/db/migrate.ts';

/** `/healthz`: the process answers. `/readyz`: the database answers and every migration is applied. */
export const registerHealth = async (app: FastifyInstance) => {
  const expected = (await listMigrations()).map((m) => m.name);
  const Health = z.object({ status: z.string() });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true, response: { 200: Health } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      const { rows } = await app.db.query<{ name: string }>('SELECT name FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.name));
      const pending = expected.filter((n) => !applied.has(n));
      if (pending.length > 0) return reply.status(503).send({ status: 'migrations-pending', pending });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database-unavailable' });
    }
  });
};
