import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../platform/auth/access.ts';
import { forbidden } from '../../platform/http/problems.ts';
import { hasScope } from '../../platform/auth/access.ts';
import { AlertSettings, AlertSettingsPatch, getAlertSettings, updateAlertSettings } from './alert-settings.ts';
import { currentAlerts } from './alerts.ts';
import { agencyDetail, procedureDossiers } from './drilldown.ts';
import { index766 } from './index-766.ts';
import { createOverviewCache } from './overview-cache.ts';
import { type IocDeps } from './overview.ts';
import { monthlyReportModel } from './report-model.ts';
import { FOLD_INTERVAL_MS, startIocFolding } from './rollups.ts';
import { AgencyParams, DossierListQuery, DrillQuery, Index766Query, OverviewQuery, ProcedureParams, ReportQuery } from './schema.ts';

const LEADERS = { access: { anyOf: ['ioc.read.agency', 'ioc.read.province'] } } as const;
const PROVINCE = { access: { anyOf: ['ioc.read.province'] } } as const;

/**
 * The operations centre (IOC), mounted at `/api/ioc` (README.md beside this file). Every figure is
 * read from the rollups; who sees which unit is decided in access.ts. The plugin also folds the
 * rollup deltas every few seconds while the server runs.
 */
export const iocRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const tags = ['Trung tâm điều hành'];
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
  const deps: IocDeps = { db: app.db, calendar: app.calendar };
  // Leaders' screens share one computation per fold interval (overview-cache.ts).
  const overview = createOverviewCache(deps, FOLD_INTERVAL_MS);

  let stopFolding: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopFolding = startIocFolding(app.db, app.log);
  });
  app.addHook('onClose', async () => stopFolding?.());

  app.get(
    '/overview',
    { config: LEADERS, schema: { tags, security, summary: 'Số liệu điều hành: hồ sơ, phản ánh, xu hướng, chỉ tiêu 749, xếp hạng, điểm nóng, cảnh báo', querystring: OverviewQuery } },
    async (request) => overview(requirePrincipal(request), request.query),
  );

  app.get(
    '/agencies/:agencyId',
    { config: LEADERS, schema: { tags, security, summary: 'Một cơ quan: theo thủ tục, khối lượng việc của cán bộ, hồ sơ quá hạn', params: AgencyParams, querystring: DrillQuery } },
    async (request) => agencyDetail(deps, requirePrincipal(request), request.params.agencyId, request.query),
  );

  app.get(
    '/agencies/:agencyId/procedures/:procedureCode/dossiers',
    { config: LEADERS, schema: { tags, security, summary: 'Danh sách hồ sơ của một thủ tục tại một cơ quan (không có thông tin cá nhân)', params: ProcedureParams, querystring: DossierListQuery } },
    async (request) => procedureDossiers(deps, requirePrincipal(request), request.params.agencyId, request.params.procedureCode, request.query),
  );

  app.get(
    '/index-766',
    { config: LEADERS, schema: { tags, security, summary: 'Chỉ số Quyết định 766: năm nhóm và tổng điểm theo tháng, quý', querystring: Index766Query } },
    async (request) => index766(deps, requirePrincipal(request), request.query),
  );

  app.get(
    '/alerts',
    { config: LEADERS, schema: { tags, security, summary: 'Cảnh báo: đơn vị dưới ngưỡng đúng hạn hoặc có hồ sơ quá hạn' } },
    async (request) => currentAlerts(deps, requirePrincipal(request)),
  );

  app.get(
    '/alert-settings',
    { config: LEADERS, schema: { tags, security, summary: 'Ngưỡng cảnh báo và thư hằng ngày', response: { 200: AlertSettings } } },
    async () => getAlertSettings(app.db),
  );

  app.patch(
    '/alert-settings',
    { config: PROVINCE, schema: { tags, security, summary: 'Đổi ngưỡng cảnh báo (lãnh đạo tỉnh; ghi nhật ký)', body: AlertSettingsPatch, response: { 200: AlertSettings } } },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!hasScope(principal, 'ioc.read.province')) throw forbidden();
      return updateAlertSettings(app.db, principal, request.body, request.id);
    },
  );

  app.get(
    '/reports/monthly.xlsx',
    { config: LEADERS, schema: { tags, security, summary: 'Báo cáo tháng (Excel)', querystring: ReportQuery } },
    async (request, reply) => {
      const model = await monthlyReportModel(deps, requirePrincipal(request), request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${model.fileName}.xlsx"`)
        // The report writers (exceljs, pdf-lib) load on first use, not with every server.
        .send(await (await import('./report-excel.ts')).monthlyReportExcel(model));
    },
  );

  app.get(
    '/reports/monthly.pdf',
    { config: LEADERS, schema: { tags, security, summary: 'Báo cáo tháng (PDF, phông Tinos nhúng)', querystring: ReportQuery } },
    async (request, reply) => {
      const model = await monthlyReportModel(deps, requirePrincipal(request), request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${model.fileName}.pdf"`)
        .send(Buffer.from(await (await import('./report-pdf.ts')).monthlyReportPdf(model)));
    },
  );
};
