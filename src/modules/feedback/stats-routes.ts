import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../platform/auth/access.ts';
import type { Principal } from '../../platform/auth/sessions.ts';
import { forbidden } from '../../platform/http/problems.ts';
import { feedbackHotSpots, feedbackStats, type StatsFilter } from './stats.ts';

const IOC = { access: { anyOf: ['ioc.read.agency', 'ioc.read.province'] } } as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD');
const list = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const FilterQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  agency: z.string().max(2000).optional().transform((s) => s?.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.uuid('Mã cơ quan không hợp lệ')).optional()),
  topic: list.optional(),
  commune: list.optional(),
});

const StatsQuery = FilterQuery.extend({ groupBy: z.enum(['agency', 'topic', 'commune', 'month']).default('agency') });
const HotSpotQuery = FilterQuery.extend({
  cell: z.coerce.number().min(0.001).max(0.5).default(0.01),
  min: z.coerce.number().int().min(1).max(1000).default(2),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const Metrics = z.object({
  received: z.number(),
  open: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  answeredLate: z.number(),
  openOverdue: z.number(),
  overdue: z.number(),
  rated: z.number(),
  ratingSum: z.number(),
  unsatisfied: z.number(),
  onTimeRate: z.number().nullable(),
  averageRating: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
});

const StatsAnswer = z.object({
  totals: Metrics,
  decision766: z.object({ total: z.number(), unsatisfied: z.number(), overdue: z.number(), satisfactionRate: z.number().nullable() }),
  groupBy: z.string(),
  groups: z.array(Metrics.extend({ key: z.string(), label: z.string() })),
});

const HotSpot = z.object({ lat: z.number(), lng: z.number(), reports: z.number(), overdue: z.number(), topTopic: z.string(), bbox: z.array(z.number()) });

/**
 * Province readers (`ioc.read.province`) see every agency; agency readers (`ioc.read.agency`
 * only) see their own agency's reports, whatever agency filter they ask for.
 */
const scopedFilter = (principal: Principal, q: z.infer<typeof FilterQuery>): StatsFilter => {
  const filter: StatsFilter = { from: q.from, to: q.to, topicCodes: q.topic, communeCodes: q.commune, agencyIds: q.agency?.length ? q.agency : undefined };
  if (principal.scopes.has('ioc.read.province')) return filter;
  if (!principal.agencyId) throw forbidden('Tài khoản chưa thuộc cơ quan nào');
  return { ...filter, agencyIds: [principal.agencyId] };
};

/** `GET /api/feedback/stats` and `/stats/hotspots` (formulas: stats.ts). */
export const statsRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Phản ánh, kiến nghị'];

  app.get(
    '/stats',
    { config: IOC, schema: { tags, summary: 'Thống kê phản ánh theo cơ quan, lĩnh vực, xã hoặc tháng (đúng hạn, quá hạn, hài lòng theo Quyết định 766)', querystring: StatsQuery, response: { 200: StatsAnswer } } },
    async (request) => feedbackStats(app.db, request.query.groupBy, scopedFilter(requirePrincipal(request), request.query)),
  );

  app.get(
    '/stats/hotspots',
    { config: IOC, schema: { tags, summary: 'Điểm nóng: phản ánh đang mở gom theo ô lưới (mặc định 0,01° ≈ 1 km)', querystring: HotSpotQuery, response: { 200: z.array(HotSpot) } } },
    async (request) =>
      feedbackHotSpots(app.db, scopedFilter(requirePrincipal(request), request.query), { cellDegrees: request.query.cell, minReports: request.query.min, limit: request.query.limit }),
  );
};
