import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BREAK_REASONS } from './breaks.ts';
import { AuditEntriesQuery, AuditEntryPage, listAuditEntries } from './list-entries.ts';
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
  breakCount: z.number().int(),
  firstBreak: ChainBreak.nullable(),
  breaks: z.array(ChainBreak),
  checkedAt: z.string(),
  durationMs: z.number().int(),
});

/**
 * The audit log, mounted at `/api/audit`, for administrators (`audit.read`): browse entries and
 * verify the chains and signed checkpoints. Reads only; the log is written by `recordAudit`.
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
    async () => verifyAuditLog(app.db, auditSigningKeyOf(app.config), { keep: 20 }),
  );
};
