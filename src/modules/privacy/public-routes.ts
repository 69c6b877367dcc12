import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildNotice, langOf } from './notice.ts';
import { loadRegister } from './register.ts';

/** The public processing notice, mounted at `/api/public/privacy`: no sign-in, cacheable. */
export const publicPrivacyRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/notice',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Dữ liệu cá nhân'],
        summary: 'Thông báo xử lý dữ liệu cá nhân (tiếng Việt; tiếng Anh với ?lang=en hoặc Accept-Language: en)',
        querystring: z.object({ lang: z.enum(['vi', 'en'], { message: 'lang: vi hoặc en' }).optional() }),
      },
    },
    async (request, reply) => {
      const lang = langOf(request.query.lang, request.headers['accept-language']);
      return reply.header('cache-control', 'public, max-age=300').header('content-language', lang).header('vary', 'Accept-Language').send(buildNotice(loadRegister(), lang));
    },
  );
};
