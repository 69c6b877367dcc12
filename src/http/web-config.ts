import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const WebConfig = z.object({
  map: z.object({
    tileUrl: z.string().nullable().describe('Mẫu URL ô bản đồ nền ({z}/{x}/{y}); null: không có bản đồ nền'),
    attribution: z.string(),
  }),
});

/**
 * `GET /api/web-config`: the deployment's settings the web app needs at run time (today the base
 * map's tiles, from MAP_TILE_URL / MAP_TILE_ATTRIBUTION). Public and cacheable; no secrets.
 */
export const registerWebConfig = (app: FastifyInstance) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/web-config',
    { config: { access: 'public' }, schema: { tags: ['Ứng dụng web'], summary: 'Cấu hình ứng dụng web (bản đồ nền)', response: { 200: WebConfig } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { map: app.config.map };
    },
  );
};
