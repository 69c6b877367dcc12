import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../../../platform/auth/access.ts';
import { exportCatalogue } from './export-catalogue.ts';
import { importProcedures } from './import-procedures.ts';
import { getProcedure } from './procedure-queries.ts';
import { FieldCount, ImportSummary, Procedure, ProcedureCode, ProcedureSearchQuery, ProcedureSummary } from './schema.ts';
import { listProcedureFields, searchProcedures } from './search-procedures.ts';
import { parseCatalogue } from './validate-catalogue.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_LIMIT = 20 * 1024 * 1024;

/**
 * The procedure catalogue, mounted at `/api/procedures`: search and detail are public (what a
 * citizen needs before signing in); export and import (JSON or Excel) are for administrators
 * (`org.write`), and every imported change is audited. exceljs takes ~2 s to load, so the Excel
 * code is imported on first use rather than at start.
 */
export const procedureRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const tags = ['Thủ tục hành chính'];
  const admin = { access: { anyOf: ['org.write'] } } as const;
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
  // An .xlsx upload arrives as the raw body (this plugin only; JSON uses Fastify's parser).
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));

  app.get(
    '',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tìm thủ tục hành chính (không phân biệt dấu; lọc theo lĩnh vực, cơ quan, cấp, mức độ trực tuyến)',
        querystring: ProcedureSearchQuery,
        response: { 200: z.array(ProcedureSummary) },
      },
    },
    async (request) => searchProcedures(app.db, request.query),
  );

  app.get(
    '/fields',
    { config: { access: 'public' }, schema: { tags, summary: 'Các lĩnh vực và số thủ tục của mỗi lĩnh vực', response: { 200: z.array(FieldCount) } } },
    async () => listProcedureFields(app.db),
  );

  app.get(
    '/export',
    {
      config: admin,
      schema: {
        tags,
        security,
        summary: 'Xuất toàn bộ danh mục thủ tục (JSON hoặc Excel .xlsx) — quản trị',
        querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
      },
    },
    async (request, reply) => {
      const catalogue = await exportCatalogue(app.db);
      const day = catalogue.exportedAt!.slice(0, 10).replaceAll('-', '');
      const name = `thu-tuc-hanh-chinh-${day}.${request.query.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (request.query.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(catalogue, null, 2));
      const { catalogueToXlsx } = await import('./excel-write.ts');
      return reply.type(XLSX_TYPE).send(await catalogueToXlsx(catalogue));
    },
  );

  app.post(
    '/import',
    {
      config: admin,
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Nhập danh mục thủ tục từ tệp JSON (application/json) hoặc Excel (.xlsx, gửi nguyên tệp) — quản trị; replace=true ngừng áp dụng các thủ tục không có trong tệp',
        consumes: ['application/json', XLSX_TYPE],
        querystring: z.object({ replace: z.enum(['true', 'false']).default('false') }),
        response: { 200: ImportSummary },
      },
    },
    async (request) => {
      const body: unknown = request.body;
      const candidate = Buffer.isBuffer(body) ? await (await import('./excel-read.ts')).xlsxToCatalogue(body) : body;
      const catalogue = parseCatalogue(candidate);
      return importProcedures(app.db, catalogue, { actor: auditActorOf(request), requestId: request.id, replace: request.query.replace === 'true' });
    },
  );

  app.get(
    '/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Một thủ tục: thời hạn, phí, lệ phí, thành phần hồ sơ, biểu mẫu điện tử (JSON Schema 2020-12), căn cứ pháp lý',
        params: z.object({ code: ProcedureCode }),
        response: { 200: Procedure },
      },
    },
    async (request) => getProcedure(app.db, request.params.code),
  );
};
