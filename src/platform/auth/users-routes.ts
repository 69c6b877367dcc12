import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from './access.ts';
import { createUser } from './create-user.ts';
import { getUser, listUsers } from './list-users.ts';
import { listPartyOrgChoices, PartyOrgChoices } from './party-org-choices.ts';
import { resetTotp } from './totp-reset.ts';
import { updateUser } from './update-user.ts';
import { CreateUserBody, ListUsersQuery, UpdateUserBody, UserIdParams, UserPage } from './users-schema.ts';
import { UserView } from './user-store.ts';

/**
 * User administration, mounted at `/api/users`. Administrators (`users.write`) see and change
 * every account; leaders (`users.read`) list and read the accounts of their own agency only.
 */
export const usersRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/',
    {
      config: { access: { anyOf: ['users.read'] } },
      schema: { tags: ['users'], summary: 'Danh sách người dùng (lọc theo vai trò, cơ quan; tìm theo tên)', querystring: ListUsersQuery, response: { 200: UserPage } },
    },
    async (request) => listUsers(app.db, requirePrincipal(request), request.query),
  );

  app.get(
    '/party-orgs',
    {
      config: { access: { anyOf: ['users.write'] } },
      schema: { tags: ['users'], summary: 'Các tổ chức Đảng để gắn vào tài khoản (tên, mã, tổ chức cấp trên; theo cây)', response: { 200: PartyOrgChoices } },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await listPartyOrgChoices(app.db)),
  );

  app.get(
    '/:id',
    {
      config: { access: { anyOf: ['users.read'] } },
      schema: { tags: ['users'], summary: 'Một người dùng', params: UserIdParams, response: { 200: UserView } },
    },
    async (request) => getUser(app.db, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/',
    {
      config: { access: { anyOf: ['users.write'] } },
      schema: { tags: ['users'], summary: 'Tạo tài khoản (cán bộ, lãnh đạo, ...)', body: CreateUserBody, response: { 201: UserView } },
    },
    async (request, reply) => {
      const user = await createUser(app.db, request.body, auditActorOf(request), request.id);
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/:id/totp-reset',
    {
      config: { access: { anyOf: ['users.write'] } },
      schema: {
        tags: ['users'],
        summary: 'Đặt lại xác thực hai lớp (TOTP) của một người dùng; lần đăng nhập sau sẽ đăng ký lại',
        params: UserIdParams,
        response: { 204: z.null().describe('Đã đặt lại; mọi phiên của người dùng đã bị thu hồi') },
      },
    },
    async (request, reply) => {
      await resetTotp(app.db, request.params.id, auditActorOf(request), request.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: { anyOf: ['users.write'] } },
      schema: {
        tags: ['users'],
        summary: 'Đổi vai trò, cơ quan, họ tên, liên hệ (tài khoản cán bộ) hoặc khóa/mở khóa tài khoản',
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: UserView },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return updateUser(app.db, request.params.id, request.body, { id: principal.userId, name: principal.username }, request.id);
    },
  );
};
