import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from '../../platform/auth/access.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { closeBreach, listBreaches, recordBreach, recordNotification } from './breaches.ts';
import { listRequests, resolveRequest } from './requests.ts';
import { BreachBody, BreachView, CloseBody, IdParam, NotifyBody, QueueItem, QueueQuery, ResolveBody } from './schema.ts';

/**
 * The privacy officer's side, mounted at `/api/privacy`: data subjects' requests and breaches.
 * Held by the `privacy_officer` role (scope privacy.manage) and by administrators (users.write:
 * an accepted deletion disables an account, which is user administration).
 */
const config = { access: { anyOf: ['privacy.manage', 'users.write'] } } as const;
const tags = ['Bảo vệ dữ liệu cá nhân'];

export const privacyAdminRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/requests',
    { config, schema: { tags, summary: 'Yêu cầu của chủ thể dữ liệu (đang chờ trước, theo hạn)', querystring: QueueQuery, response: { 200: z.object({ items: z.array(QueueItem) }) } } },
    async (request) => ({ items: await listRequests(app.db, request.query) }),
  );

  app.post(
    '/requests/:id/resolve',
    {
      config,
      schema: {
        tags,
        summary: 'Giải quyết yêu cầu (chấp nhận yêu cầu xóa sẽ ẩn danh hóa tài khoản và dữ liệu không thuộc diện phải lưu trữ)',
        params: IdParam,
        body: ResolveBody,
        response: { 200: QueueItem.omit({ person: true, overdue: true }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return withTransaction(app.db, (tx) => resolveRequest(tx, request.params.id, request.body, { ...auditActorOf(request), id: principal.userId }, request.id));
    },
  );

  app.get(
    '/breaches',
    { config, schema: { tags, summary: 'Sự cố dữ liệu cá nhân, với hạn 72 giờ thông báo cho A05', response: { 200: z.object({ items: z.array(BreachView) }) } } },
    async () => ({ items: await listBreaches(app.db) }),
  );

  app.post(
    '/breaches',
    { config, schema: { tags, summary: 'Ghi nhận sự cố dữ liệu cá nhân', body: BreachBody, response: { 201: BreachView } } },
    async (request, reply) => reply.status(201).send(await withTransaction(app.db, (tx) => recordBreach(tx, request.body, auditActorOf(request), request.id))),
  );

  app.post(
    '/breaches/:id/notify',
    { config, schema: { tags, summary: 'Ghi nhận đã thông báo cho cơ quan chuyên trách (A05) hoặc chủ thể dữ liệu', params: IdParam, body: NotifyBody, response: { 200: BreachView } } },
    async (request) =>
      withTransaction(app.db, (tx) => recordNotification(tx, request.params.id, request.body.target, request.body.at ?? new Date(), auditActorOf(request), request.id)),
  );

  app.post(
    '/breaches/:id/close',
    { config, schema: { tags, summary: 'Đóng sự cố với các biện pháp đã thực hiện', params: IdParam, body: CloseBody, response: { 200: BreachView } } },
    async (request) => withTransaction(app.db, (tx) => closeBreach(tx, request.params.id, request.body.measures, auditActorOf(request), request.id)),
  );
};
