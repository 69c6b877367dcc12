import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../auth/access.ts';
import { uuidv7 } from '../db/ids.ts';
import { withTransaction } from '../db/pool.ts';
import { BREAK_REASONS } from './breaks.ts';
import { AuditExportQuery, auditExportLines } from './export.ts';
import { recordAudit } from './record.ts';
import { recordVerification } from './verifications.ts';
import { AuditEntriesQuery, AuditEntryPage, listAuditEntries } from './list-entries.ts';
import './retention-job.ts';
import { auditSigningKeyOf } from './signing.ts';
import { verifyAuditLog } from './verify.ts';

const ChainBreak = z.object({
  reason: z.enum(BREAK_REASONS),
  entryId: z.number().int().nullable(),
  stream: z.string().nullable(),
  seq: z.number().int().nullable(),
  checkpointId: z.number().int().nullable(),
  detail: z.string(),
});

const VerifyReport = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  streams: z.number().int(),
  checkpoints: z.number().int(),
  sealedEntries: z.number().int(),
  unsealedEntries: z.number().int(),
  archivedEntries: z.number().int(),
  archives: z.number().int(),
  breakCount: z.number().int(),
  firstBreak: ChainBreak.nullable(),
  breaks: z.array(ChainBreak),
  checkedAt: z.string(),
  durationMs: z.number().int(),
});

/**
 * The audit log, mounted at `/api/audit`, for administrators (`audit.read`): browse entries and
 * verify the chains and signed checkpoints (each run recorded for the security page), export
 * entries with their hashes for offline checking (the export itself is audited).
 */
export const auditRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Nhật ký kiểm toán'];
  const access = { anyOf: ['audit.read'] } as const;

  app.get(
    '/entries',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Các bản ghi nhật ký, mới nhất trước (lọc theo đối tượng, người thực hiện, thời gian; phân trang bằng cursor)',
        querystring: AuditEntriesQuery,
        response: { 200: AuditEntryPage },
      },
    },
    async (request) => listAuditEntries(app.db, request.query),
  );

  app.get(
    '/verify',
    {
      // Reads the whole log: a few runs a minute are plenty.
      config: { access, rateLimit: { max: 6, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Kiểm tra toàn vẹn nhật ký: chuỗi băm của từng luồng và các điểm niêm phong đã ký',
        response: { 200: VerifyReport },
      },
    },
    async () => {
      const report = await verifyAuditLog(app.db, auditSigningKeyOf(app.config), { keep: 20 });
      await recordVerification(app.db, report, 'api');
      return report;
    },
  );

  app.get(
    '/export',
    {
      config: { access, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Xuất nhật ký (JSON Lines hoặc CSV) kèm mã băm để kiểm tra chuỗi ngoại tuyến; thời gian theo ISO 8601',
        querystring: AuditExportQuery,
        produces: ['application/x-ndjson', 'text/csv'],
      },
    },
    async (request, reply) => {
      const q = request.query;
      await withTransaction(app.db, (tx) =>
        recordAudit(tx, {
          actor: auditActorOf(request),
          action: 'audit.export',
          target: { type: 'audit-export', id: uuidv7() },
          after: { from: q.from ?? null, to: q.to ?? null, format: q.format },
          requestId: request.id,
        }),
      );
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="nhat-ky-kiem-toan-${stamp}.${q.format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(auditExportLines(app.db, q)));
    },
  );
};
