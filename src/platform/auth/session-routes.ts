import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { auditActorOf, requirePrincipal } from './access.ts';
import { MeAnswer, SsoAnswer } from './schema.ts';
import { clearSessionCookies } from './session-cookies.ts';
import { revokeAllSessions, revokeSession } from './sessions.ts';

/** `POST /logout`, `POST /logout-all`, `GET /me`, `GET /sso`. */
export const registerSessionRoutes = (parent: FastifyInstance) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Đăng xuất phiên hiện tại', response: { 204: z.null().describe('Đã đăng xuất') } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await withTransaction(app.db, async (tx) => {
        await revokeSession(tx, principal.sessionId);
        await recordAudit(tx, {
          actor: auditActorOf(request),
          action: 'session.logout',
          target: { type: 'user', id: principal.userId },
          before: { sessionId: principal.sessionId },
          requestId: request.id,
        });
      });
      clearSessionCookies(reply, app.config);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/logout-all',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Đăng xuất khỏi mọi thiết bị', response: { 204: z.null().describe('Mọi phiên đã bị thu hồi') } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await withTransaction(app.db, async (tx) => {
        const revoked = await revokeAllSessions(tx, principal.userId);
        await recordAudit(tx, {
          actor: auditActorOf(request),
          action: 'session.logout-all',
          target: { type: 'user', id: principal.userId },
          after: { revokedSessions: revoked.rowCount ?? 0 },
          requestId: request.id,
        });
      });
      clearSessionCookies(reply, app.config);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Người dùng đang đăng nhập và mã CSRF của phiên', response: { 200: MeAnswer } },
    },
    async (request) => {
      const p = requirePrincipal(request);
      return {
        user: { id: p.userId, username: p.username, fullName: p.fullName, roles: p.roles, agencyId: p.agencyId },
        scopes: [...p.scopes].sort(),
        csrfToken: p.csrfToken,
      };
    },
  );

  app.get(
    '/sso',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Có bật đăng nhập một lần (OpenID Connect) không', response: { 200: SsoAnswer } },
    },
    async () => ({ enabled: Boolean(app.config.oidc), name: app.config.oidc?.name ?? null }),
  );
};
