import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { invalid } from '../http/problems.ts';
import { auditActorOf, requirePrincipal } from './access.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { attemptKeys, releaseAttempt, reserveAttempt, signInLimit } from './rate-limit.ts';

export const PasswordChangeBody = z.object({
  current: z.string().min(1, 'Nhập mật khẩu hiện tại').max(1024),
  next: z.string().min(1, 'Nhập mật khẩu mới').max(256, 'Mật khẩu tối đa 256 ký tự'),
});

/**
 * `POST /password {current, next}`: the signed-in user changes their password. A wrong current
 * password counts in the sign-in lockout; the new one must pass the policy (password-policy.ts).
 * Every other session of the user is revoked; the one making the change stays open.
 */
export const registerPasswordChange = (parent: FastifyInstance) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của chính mình',
        body: PasswordChangeBody,
        response: { 204: z.null().describe('Đã đổi mật khẩu; các phiên khác đã bị thu hồi') },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { current, next } = request.body;
      const keys = attemptKeys('login', `user:${principal.userId}`, request.ip, app.config.rateLimitAllow);
      const reservation = await reserveAttempt(app.db, keys, signInLimit(app.config.signIn));
      const { rows } = await app.db.query<{ password_hash: string | null; phone: string | null; email: string | null }>(
        'SELECT password_hash, phone, email FROM users WHERE id = $1',
        [principal.userId],
      );
      const user = rows[0];
      if (!user || !(await verifyPassword(user.password_hash, current))) {
        // 400, not 401: the session is fine, only the field is wrong (the try stays counted).
        throw invalid('current', 'Mật khẩu hiện tại không đúng');
      }
      await releaseAttempt(app.db, reservation);
      if (next === current) throw invalid('next', 'Mật khẩu mới phải khác mật khẩu hiện tại');
      checkPasswordPolicy(next, { roles: principal.roles, username: principal.username, phone: user.phone, email: user.email }, 'next');
      const passwordHash = await hashPassword(next);
      await withTransaction(app.db, async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [principal.userId, passwordHash]);
        const revoked = await tx.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [
          principal.userId,
          principal.sessionId,
        ]);
        await recordAudit(tx, {
          actor: auditActorOf(request),
          action: 'user.password-change',
          target: { type: 'user', id: principal.userId },
          after: { revokedSessions: revoked.rowCount ?? 0 },
          requestId: request.id,
        });
      });
      return reply.code(204).send(null);
    },
  );
};
