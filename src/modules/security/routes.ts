import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { securityChecks } from './checks.ts';
import { gatherSecurityFacts } from './facts.ts';
import { SecurityConfigReport } from './schema.ts';

/**
 * `GET /api/admin/security-config`: the security-configuration checks for the system
 * administrator (`users.write`, which only the admin role holds). Reads only.
 */
export const securityRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/security-config',
    {
      config: { access: { anyOf: ['users.write'] } },
      schema: {
        tags: ['An toàn thông tin'],
        summary: 'Kiểm tra cấu hình an toàn thông tin (TLS, khóa bí mật, sao lưu, nhật ký, xác thực hai lớp, tài khoản demo)',
        response: { 200: SecurityConfigReport },
      },
    },
    async (): Promise<SecurityConfigReport> => {
      const now = new Date();
      const checks = securityChecks(app.config, await gatherSecurityFacts(app.db, app.config), now);
      const count = (s: string) => checks.filter((c) => c.status === s).length;
      return { checkedAt: now.toISOString(), summary: { ok: count('ok'), warning: count('warning'), missing: count('missing') }, checks };
    },
  );
};
