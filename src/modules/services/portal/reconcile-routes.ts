import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasScope, requirePrincipal } from '../../../platform/auth/access.ts';
import { invalid, notFound } from '../../../platform/http/problems.ts';
import { reachOf, visibleAgencies } from '../dossiers/access.ts';
import { defaultWindow, reconcileWithPortal } from './reconcile.ts';
import { differencesOf, findRun, listRuns } from './reconcile-store.ts';

const Counts = z.record(z.string(), z.number().int()).nullable();
export const RunView = z.object({
  id: z.uuid(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  outcome: z.enum(['running', 'matched', 'differences', 'failed']),
  error: z.string().nullable(),
  localCount: z.number().int().nullable(),
  portalCount: z.number().int().nullable(),
  localByStatus: Counts.describe('Số hồ sơ theo mã trạng thái, bên tỉnh'),
  portalByStatus: Counts.describe('Số hồ sơ theo mã trạng thái, trên Cổng DVC quốc gia'),
  differenceCount: z.number().int(),
  startedBy: z.string().nullable().describe('Người chạy; null: lịch chạy hằng đêm'),
});
const DifferenceView = z.object({
  portalCode: z.string().describe('Mã hồ sơ trên Cổng DVC quốc gia'),
  kind: z.enum(['missing-on-portal', 'missing-here', 'status-differs']),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyCode: z.string().nullable(),
  localStatus: z.number().int().nullable(),
  portalStatus: z.number().int().nullable(),
  syncPending: z.boolean().describe('Một lượt đồng bộ hồ sơ này đang trên đường đi: chênh lệch có thể chỉ là tạm thời'),
});
const RunWithDifferences = RunView.extend({ differences: z.array(DifferenceView) });

const MAX_SPAN_MS = 366 * 86_400_000;
const Instant = z.iso.datetime({ offset: true, message: 'Thời điểm ISO 8601' });

/**
 * The daily reconciliation with the national portal, mounted at `/api/portal/reconciliations`:
 * the runs, one run with its differences (officers see those of the agencies they handle or
 * receive for; administrators and province monitors all of them), and a run on demand.
 */
export const reconcileRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Đồng bộ Cổng DVC quốc gia'];
  const readers = { access: { anyOf: ['org.write', 'dossier.read.province', 'dossier.read.agency'] } } as const;

  app.get(
    '',
    {
      config: readers,
      schema: { tags, summary: 'Các lượt đối soát với Cổng DVC quốc gia, mới nhất trước', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.object({ items: z.array(RunView) }) } },
    },
    async (request) => ({ items: await listRuns(app.db, request.query.limit) }),
  );

  app.get(
    '/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Một lượt đối soát ("latest": lượt gần nhất đã xong) và các chênh lệch trong phạm vi được xem',
        params: z.object({ id: z.union([z.literal('latest'), z.uuid('Mã lượt đối soát không hợp lệ')]) }),
        response: { 200: RunWithDifferences },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const run = await findRun(app.db, request.params.id);
      if (!run) throw notFound('Chưa có lượt đối soát này');
      const seesAll = hasScope(principal, 'org.write') || hasScope(principal, 'dossier.read.province');
      const agencies = seesAll ? null : (visibleAgencies(await reachOf(app.db, principal)) ?? null);
      return { ...run, differences: await differencesOf(app.db, run.id, agencies) };
    },
  );

  app.post(
    '',
    {
      config: { access: { anyOf: ['org.write'] } },
      schema: {
        tags,
        summary: 'Đối soát ngay (mặc định 30 ngày gần nhất, theo ngày nộp hồ sơ)',
        body: z.object({ from: Instant.optional(), to: Instant.optional() }).default({}),
        response: { 201: RunWithDifferences },
      },
    },
    async (request, reply) => {
      const window = defaultWindow();
      const to = request.body.to ? new Date(request.body.to) : window.to;
      const from = request.body.from ? new Date(request.body.from) : new Date(to.getTime() - (window.to.getTime() - window.from.getTime()));
      if (from >= to) throw invalid('from', 'Thời điểm bắt đầu phải trước thời điểm kết thúc');
      if (to.getTime() - from.getTime() > MAX_SPAN_MS) throw invalid('from', 'Mỗi lượt đối soát tối đa 366 ngày');
      const principal = requirePrincipal(request);
      const run = await reconcileWithPortal(app.db, app.config, { from, to, startedBy: principal.userId });
      return reply.status(201).send({ ...run, differences: await differencesOf(app.db, run.id, null) });
    },
  );
};
