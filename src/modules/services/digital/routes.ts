import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../../../platform/auth/access.ts';
import { attachmentDisposition } from '../../../platform/files/file-name.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { LocalFileStore } from '../../../platform/files/store.ts';
import { contextOf } from '../dossiers/context.ts';
import { readableDossier } from '../dossiers/get-dossier.ts';
import { DossierIdParams } from '../dossiers/schema.ts';
import { EResult, EResultBody, issueEResult } from './e-result.ts';
import { receiptsOf } from './fee-receipts.ts';
import { dossierFormPdf, FormKind } from './forms.ts';
import { listPapers } from './papers.ts';
import { findPaymentReconciliation, PaymentReconciliation, reconcileDayNow } from './payment-reconciliation.ts';
import { feeReceiptPdf } from './receipt-pdf.ts';
import { resultSigningKey } from './result-signature.ts';
import { EResultCheck, EResultParams, EResultQuery, verifyEResult } from './verify-e-result.ts';

const Paper = z.object({
  id: z.uuid(), fileId: z.uuid(), kind: z.enum(['input', 'result']), documentCode: z.string().nullable(), name: z.string(), dossierId: z.uuid(),
  dossierCode: z.string().nullable(), procedureName: z.string().nullable(), digitisedAt: z.string(), contentType: z.string(), size: z.number(),
});
const PapersQuery = z.object({ documentCode: z.string().max(60).regex(/^[a-z0-9-]+$/, 'Mã giấy tờ chỉ gồm chữ thường không dấu, số và dấu -').optional() });
const FeeReceipt = z.object({
  id: z.uuid(), series: z.string(), number: z.string(), amount: z.number(), payerName: z.string(),
  items: z.array(z.object({ name: z.string(), amount: z.number() })), method: z.enum(['online', 'counter']), transactionId: z.string().nullable(), issuedAt: z.string(),
});
const ReconciliationParams = z.object({ day: z.iso.date('Ngày dạng YYYY-MM-DD') });
const FormParams = DossierIdParams.extend({ kind: FormKind });
const ReceiptParams = DossierIdParams.extend({ n: z.string().regex(/^\d{1,7}$/, 'Số biên lai gồm tối đa 7 chữ số') });

const sendPdf = (reply: FastifyReply, { pdf, fileName }: { pdf: Uint8Array; fileName: string }) =>
  reply.type('application/pdf').header('content-disposition', attachmentDisposition(fileName)).header('cache-control', 'private, no-store').send(Buffer.from(pdf));

/**
 * Digitisation, electronic results, official forms and e-receipts (README.md beside this file),
 * mounted at `/api`. Dossier reads use the dossier module's rule (owner or staff in reach, else 404).
 */
export const digitalRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const store = new LocalFileStore(path.join(app.config.dataDir, 'files'));
  const key = resultSigningKey(app.config);
  const tags = ['Số hóa, kết quả điện tử'];
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

  app.get(
    '/store/papers',
    { config: { access: { anyOf: ['dossier.file'] } }, schema: { tags, security, summary: 'Kho dữ liệu của tôi: giấy tờ đã số hóa và kết quả điện tử, dùng lại khi nộp hồ sơ khác', querystring: PapersQuery, response: { 200: z.object({ items: z.array(Paper) }) } } },
    async (request) => ({ items: await listPapers(app.db, contextOf(app, request).principal.userId, request.query.documentCode) }),
  );

  app.get(
    '/dossiers/:id/forms/:kind.pdf',
    { config: { access: 'authenticated' }, schema: { tags, security, summary: 'Biểu mẫu Thông tư 03/2025 (PDF): receipt 01, supplement 02, refusal 03, apology 04, stop 05', params: FormParams} },
    async (request, reply) => {
      const { row } = await readableDossier(app.db, contextOf(app, request).principal, request.params.id);
      return sendPdf(reply, await dossierFormPdf(app.db, row, request.params.kind, app.config.publicUrl));
    },
  );

  app.post(
    '/dossiers/:id/e-result',
    { config: { access: { anyOf: ['dossier.process'] } }, schema: { tags, security, summary: 'Cấp kết quả bản điện tử (PDF ký số, mã QR xác minh) và trả vào Kho dữ liệu của công dân', params: DossierIdParams, body: EResultBody, response: { 200: EResult, 201: EResult } } },
    async (request, reply) => {
      const { result, created } = await issueEResult({ ...contextOf(app, request), store, key }, request.params.id, request.body ?? {});
      return reply.status(created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/dossiers/:id/receipts',
    { config: { access: 'authenticated' }, schema: { tags, security, summary: 'Biên lai điện tử thu phí, lệ phí của hồ sơ', params: DossierIdParams, response: { 200: z.object({ items: z.array(FeeReceipt) }) } } },
    async (request) => {
      const { row } = await readableDossier(app.db, contextOf(app, request).principal, request.params.id);
      return { items: (await receiptsOf(app.db, row.id)).map(({ dossierId: _, ...r }) => r) };
    },
  );

  app.get(
    '/dossiers/:id/receipts/:n.pdf',
    { config: { access: 'authenticated' }, schema: { tags, security, summary: 'Biên lai điện tử (PDF) theo số biên lai', params: ReceiptParams} },
    async (request, reply) => {
      const { row } = await readableDossier(app.db, contextOf(app, request).principal, request.params.id);
      return sendPdf(reply, await feeReceiptPdf(app.db, row, request.params.n));
    },
  );

  app.get(
    '/payments/reconciliations/:day',
    {
      config: { access: { anyOf: ['dossier.read.province'] } },
      schema: { tags, security, summary: 'Đối soát thanh toán phí, lệ phí của một ngày (chạy hằng đêm cho ngày hôm trước)', params: ReconciliationParams, response: { 200: PaymentReconciliation } },
    },
    async (request) => {
      const run = await findPaymentReconciliation(app.db, request.params.day);
      if (!run) throw notFound('Chưa đối soát ngày này');
      return run;
    },
  );

  app.post(
    '/payments/reconciliations/:day',
    {
      config: { access: { anyOf: ['dossier.read.province'] } },
      schema: { tags, security, summary: 'Đối soát lại ngay một ngày (hôm nay, hoặc ngày chưa được đối soát); ghi nhật ký ai yêu cầu', params: ReconciliationParams, response: { 200: PaymentReconciliation } },
    },
    async (request) => reconcileDayNow(app.db, request.params.day, { actor: auditActorOf(request), requestId: request.id }),
  );

  app.get(
    '/public/e-results/:id',
    { config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags, summary: 'Xác minh kết quả bản điện tử (địa chỉ trong mã QR)', params: EResultParams, querystring: EResultQuery, response: { 200: EResultCheck } } },
    async (request) => verifyEResult(app.db, key, request.params.id, request.query.sig),
  );
};
