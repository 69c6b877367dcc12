import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from '../../platform/auth/access.ts';
import { identityStanding } from '../../platform/auth/vneid-level.ts';
import { populationClientFor } from './population/index.ts';
import { prefillFromPopulation } from './population/prefill.ts';
import { PrefillAnswer } from './population/schema.ts';

const CITIZEN = { access: { anyOf: ['dossier.file'] } } as const;

const IdentityView = z.object({
  /** The level this session may file at (0 unless it was opened by the VNeID sign-in that proved it). */
  level: z.number(),
  recordedLevel: z.number(),
  verifiedAt: z.date().nullable(),
  /** Whether a verified ID number is known (the number itself is never sent back here). */
  hasIdNumber: z.boolean(),
});

/**
 * The citizen's electronic identity, mounted at `/api/me` beside the privacy module's routes:
 * `GET /identity` (VNeID level of this session) and `POST /prefill` (identity and residence from
 * the national population database, with consent). Citizens only (`dossier.file`).
 */
export const identityRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Định danh điện tử'];
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
  const population = populationClientFor(app);

  app.get(
    '/identity',
    { config: CITIZEN, schema: { tags, security, summary: 'Mức định danh điện tử (VNeID) của phiên đăng nhập này', response: { 200: IdentityView } } },
    async (request) => {
      const principal = requirePrincipal(request);
      const standing = await identityStanding(app.db, principal.userId, principal.sessionId);
      const idNumber = standing.idNumber ?? null;
      return { level: standing.level, recordedLevel: standing.recordedLevel, verifiedAt: standing.verifiedAt, hasIdNumber: idNumber !== null };
    },
  );

  app.post(
    '/prefill',
    {
      config: CITIZEN,
      schema: {
        tags,
        security,
        summary: 'Điền sẵn họ tên, ngày sinh, giới tính, nơi thường trú, nơi ở hiện tại từ Cơ sở dữ liệu quốc gia về dân cư (cần đồng ý population-prefill)',
        body: z.object({}).strict().optional(),
        response: { 200: PrefillAnswer },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const answer = await prefillFromPopulation({
        db: app.db,
        population,
        userId: principal.userId,
        sessionId: principal.sessionId,
        actor: auditActorOf(request),
        requestId: request.id,
        log: request.log,
      });
      return reply.header('cache-control', 'no-store').send(answer);
    },
  );
};
