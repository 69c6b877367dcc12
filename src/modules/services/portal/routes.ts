import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../../../platform/auth/access.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { type DeadLetter, listDeadLetters, retryDeadLetter } from '../../../platform/jobs/index.ts';
import { procedureMapRoutes } from './procedure-map-routes.ts';
import { reconcileRoutes } from './reconcile-routes.ts';
import { PORTAL_SYNC_QUEUE } from './sync-job.ts';
import { deliveredVersions } from './sync-store.ts';

const DeadLetterItem = z.object({
  id: z.uuid(),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  /** The national status the failed push carried. */
  status: z.number().int().nullable(),
  version: z.number().int().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  failedAt: z.string(),
  retriedAt: z.string().nullable(),
  retriedBy: z.string().nullable(),
  /** The portal has since received a later state of this dossier: retrying changes nothing. */
  superseded: z.boolean(),
});

const DeadLetterQuery = z.object({
  state: z.enum(['open', 'retried', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Page on: `failedAt` of the last item of the previous page. */
  before: z.iso.datetime({ offset: true }).optional(),
});

type JobPayload = { version?: number; snapshot?: { id?: string; code?: string; status?: number } };

const toItem = (d: DeadLetter, delivered: Map<string, number>): z.infer<typeof DeadLetterItem> => {
  const p = (d.payload ?? {}) as JobPayload;
  const dossierId = p.snapshot?.id ?? null;
  const version = p.version ?? null;
  return {
    id: d.id,
    dossierId,
    dossierCode: p.snapshot?.code ?? null,
    status: p.snapshot?.status ?? null,
    version,
    attempts: d.attempts,
    error: d.error,
    failedAt: d.failedAt.toISOString(),
    retriedAt: d.retriedAt?.toISOString() ?? null,
    retriedBy: d.retriedBy?.name ?? null,
    superseded: dossierId !== null && version !== null && (delivered.get(dossierId) ?? 0) >= version,
  };
};

/**
 * National-portal sync operations, mounted at `/api/portal`: the pushes that failed every retry
 * (dead letters) and sending one again; the procedure mapping (procedure-map-routes.ts) and the
 * reconciliations (reconcile-routes.ts) below it. For administrators (`org.write`) and province-wide
 * monitors (`dossier.read.province`); the list holds dossier codes and statuses, no personal data.
 */
export const portalRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Đồng bộ Cổng DVC quốc gia'];
  const access = { anyOf: ['org.write', 'dossier.read.province'] } as const;
  await app.register(procedureMapRoutes, { prefix: '/procedure-map' });
  await app.register(reconcileRoutes, { prefix: '/reconciliations' });

  app.get(
    '/dead-letters',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Các lượt đồng bộ hồ sơ lên Cổng DVC quốc gia đã thất bại sau mọi lần thử lại, mới nhất trước',
        querystring: DeadLetterQuery,
        response: { 200: z.object({ items: z.array(DeadLetterItem) }) },
      },
    },
    async (request) => {
      const { state, limit, before } = request.query;
      const dead = await listDeadLetters(app.db, { queue: PORTAL_SYNC_QUEUE, state, limit, before: before ? new Date(before) : undefined });
      const ids = dead.map((d) => (d.payload as JobPayload | null)?.snapshot?.id).filter((id): id is string => typeof id === 'string');
      const delivered = await deliveredVersions(app.db, ids);
      return { items: dead.map((d) => toItem(d, delivered)) };
    },
  );

  app.post(
    '/dead-letters/:id/retry',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Gửi lại một lượt đồng bộ thất bại (một lần; lượt gửi lại có số lần thử mới)',
        params: z.object({ id: z.uuid() }),
        response: { 202: DeadLetterItem },
      },
    },
    async (request, reply) => {
      const retried = await withTransaction(app.db, (tx) =>
        retryDeadLetter(tx, { id: request.params.id, queue: PORTAL_SYNC_QUEUE, actor: auditActorOf(request), requestId: request.id }),
      );
      const delivered = await deliveredVersions(app.db, [(retried.payload as JobPayload).snapshot?.id].filter((id): id is string => !!id));
      return reply.status(202).send(toItem(retried, delivered));
    },
  );
};
