import { z } from 'zod';

/** Query and parameter schemas of the operations-centre API (routes.ts). */
const IsoDay = z.iso.date('Ngày dạng YYYY-MM-DD');

export const PeriodKind = z.enum(['month', 'quarter', 'year']).describe('Kỳ: tháng, quý, năm (mặc định: tháng)');
export const Granularity = z.enum(['day', 'week', 'month']).describe('Đường xu hướng theo ngày, tuần, tháng');

export const OverviewQuery = z.object({
  period: PeriodKind.optional(),
  at: IsoDay.optional().describe('Một ngày trong kỳ (mặc định: hôm nay)'),
  granularity: Granularity.optional(),
  agencyId: z.uuid().optional().describe('Chỉ một cơ quan (lãnh đạo tỉnh)'),
});

export const DrillQuery = z.object({ period: PeriodKind.optional(), at: IsoDay.optional() });

export const AgencyParams = z.object({ agencyId: z.uuid() });
export const ProcedureParams = z.object({ agencyId: z.uuid(), procedureCode: z.string().trim().min(1).max(100) });

export const DossierListQuery = DrillQuery.extend({
  filter: z.enum(['all', 'in-progress', 'overdue', 'late']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const Index766Query = z.object({
  period: z.enum(['month', 'quarter']).optional().describe('Tháng hoặc quý'),
  at: IsoDay.optional(),
  agencyId: z.uuid().optional(),
});

export const ReportQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng dạng YYYY-MM').optional().describe('Tháng báo cáo (mặc định: tháng trước)'),
  agencyId: z.uuid().optional(),
});
