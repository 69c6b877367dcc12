import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/access.ts';
import { AppError } from '../http/problems.ts';
import { listInbox, markAllRead, markRead } from './inbox.ts';

const Item = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

const AUTH = { access: 'authenticated' } as const;
const tags = ['notifications'];

/**
 * The notification centre, mounted at `/api/notifications`: each user sees only their own. The
 * web app polls `GET ?after=<newest createdAt>` (cheap: an index on user and time).
 */
export const inboxRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/',
    {
      config: AUTH,
      schema: {
        tags,
        summary: 'Thông báo của tôi',
        querystring: z.object({
          unread: z.enum(['true', 'false']).default('false'),
          after: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: { 200: z.object({ items: z.array(Item), unread: z.number().int() }) },
      },
    },
    async (request) => {
      const { userId } = requirePrincipal(request);
      const q = request.query;
      return listInbox(app.db, userId, { unreadOnly: q.unread === 'true', after: q.after ? new Date(q.after) : undefined, limit: q.limit });
    },
  );

  app.post('/:id/read', { config: AUTH, schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const { userId } = requirePrincipal(request);
    if (!(await markRead(app.db, userId, request.params.id))) throw new AppError('not-found', 'Không có thông báo này');
    return reply.status(204).send();
  });

  app.post('/read-all', { config: AUTH, schema: { tags, summary: 'Đánh dấu tất cả đã đọc', response: { 200: z.object({ marked: z.number().int() }) } } }, async (request) => {
    const { userId } = requirePrincipal(request);
    return { marked: await markAllRead(app.db, userId) };
  });
};
