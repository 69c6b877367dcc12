import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { onPaymentRecorded } from '../../../platform/payments/index.ts';
import { registerDefinition } from '../../../platform/workflow/index.ts';
import { DOSSIER_WORKFLOW } from '../dossier-workflow.ts';
import { contextOf } from './context.ts';
import { createDossier } from './create-dossier.ts';
import { getDossierDetail } from './get-dossier.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { listAssignees } from './list-assignees.ts';
import { listMyDossiers, listQueue } from './list-dossiers.ts';
import { dossierPaymentHook } from './payment-hook.ts';
import { performDossierAction } from './perform-dossier-action.ts';
import { RatingBody, rateDossier } from './ratings.ts';
import { getReceipt } from './receipt.ts';
import {
  ActionAnswer, ActionBody, ActionParams, CreateAnswer, CreateDossierBody, DossierDetail, DossierIdParams, Filed, ListPage, MineQuery, QueueQuery,
  RatingView, Receipt, UpdateDraftBody,
} from './schema.ts';
import { dossierStats, StatsAnswer, StatsQuery } from './stats.ts';
import { submitDraft } from './submit-draft.ts';
import { updateDraft } from './update-draft.ts';

const FILE = { access: { anyOf: ['dossier.file'] } } as const;
const STAFF = { access: { anyOf: ['dossier.read.agency', 'dossier.read.province'] } } as const;
const ACT = { access: { anyOf: ['dossier.file', 'dossier.process', 'dossier.approve'] } } as const;
const SIGNED_IN = { access: 'authenticated' } as const;

/**
 * Dossiers, mounted at `/api/dossiers` (README.md beside this file has the contract). Who sees
 * and does what on one dossier is decided in access.ts; the routes only check the scope families.
 */
export const dossierRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const tags = ['Hồ sơ'];
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
  // Idempotent: registers the one-stop workflow version the first time any instance starts.
  app.addHook('onReady', async () => {
    await registerDefinition(app.db, DOSSIER_WORKFLOW);
  });
  // Fees paid through the gateway settle the dossier they name (payment-hook.ts).
  const stopPayments = onPaymentRecorded(
    dossierPaymentHook({ calendar: app.calendar, publicUrl: app.config.publicUrl, feeAccount: app.config.payments.account }),
  );
  app.addHook('onClose', async () => stopPayments());

  app.post(
    '',
    { config: FILE, schema: { tags, security, summary: 'Lưu bản nháp (submit=false) hoặc nộp hồ sơ (submit=true); Idempotency-Key chống gửi trùng', body: CreateDossierBody, response: { 201: CreateAnswer } } },
    async (request, reply) => {
      const answer = await createDossier(contextOf(app, request), request.body, idempotencyKeyOf(request));
      return reply.status(201).header('location', `/api/dossiers/${answer.id}`).send(answer);
    },
  );

  app.get(
    '',
    { config: FILE, schema: { tags, security, summary: 'Hồ sơ của tôi (kể cả bản nháp), mới nhất trước', querystring: MineQuery, response: { 200: ListPage } } },
    async (request) => listMyDossiers(contextOf(app, request), request.query.page, request.query.pageSize),
  );

  app.get(
    '/queue',
    { config: STAFF, schema: { tags, security, summary: 'Hàng đợi hồ sơ của cơ quan, theo hạn xử lý (lọc trạng thái, quá hạn, hạn trước)', querystring: QueueQuery, response: { 200: ListPage } } },
    async (request) => listQueue(contextOf(app, request), request.query),
  );

  app.get(
    '/stats',
    { config: STAFF, schema: { tags, security, summary: 'Thống kê theo cơ quan, lĩnh vực, tháng', querystring: StatsQuery, response: { 200: StatsAnswer } } },
    async (request) => dossierStats(contextOf(app, request), request.query),
  );

  app.get(
    '/:id',
    { config: SIGNED_IN, schema: { tags, security, summary: 'Chi tiết hồ sơ: lịch sử xử lý, hạn, thao tác được phép (chủ hồ sơ, cơ quan giải quyết)', params: DossierIdParams, response: { 200: DossierDetail } } },
    async (request) => getDossierDetail(contextOf(app, request), request.params.id),
  );

  app.patch(
    '/:id',
    { config: FILE, schema: { tags, security, summary: 'Tự động lưu bản nháp (chỉ chủ hồ sơ, chỉ bản nháp)', params: DossierIdParams, body: UpdateDraftBody, response: { 200: DossierDetail } } },
    async (request) => {
      const ctx = contextOf(app, request);
      await updateDraft(ctx, request.params.id, request.body);
      return getDossierDetail(ctx, request.params.id);
    },
  );

  app.post(
    '/:id/submit',
    { config: FILE, schema: { tags, security, summary: 'Nộp bản nháp (201; đã nộp rồi thì 200 với cùng nội dung)', params: DossierIdParams, response: { 200: Filed, 201: Filed } } },
    async (request, reply) => {
      const { answer, created } = await submitDraft(contextOf(app, request), request.params.id);
      return reply.status(created ? 201 : 200).send(answer);
    },
  );

  app.post(
    '/:id/actions/:action',
    { config: ACT, schema: { tags, security, summary: 'Thực hiện một thao tác của quy trình một cửa (Idempotency-Key chống gửi trùng; 409 khi người khác đã thao tác trước)', params: ActionParams, body: ActionBody, response: { 200: ActionAnswer } } },
    async (request) => performDossierAction(contextOf(app, request), request.params.id, request.params.action, request.body, idempotencyKeyOf(request)),
  );

  app.post(
    '/:id/rating',
    {
      config: FILE,
      schema: {
        tags,
        security,
        summary: 'Đánh giá mức độ hài lòng với hồ sơ đã có kết quả (một lần, 1–5; gửi lại đúng đánh giá cũ → 200)',
        params: DossierIdParams,
        body: RatingBody,
        response: { 200: RatingView, 201: RatingView },
      },
    },
    async (request, reply) => {
      const { rating, created } = await rateDossier(contextOf(app, request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(rating);
    },
  );

  app.get(
    '/:id/assignees',
    {
      config: { access: { anyOf: ['dossier.process', 'dossier.approve'] } },
      schema: { tags, security, summary: 'Cán bộ của cơ quan giải quyết có thể được giao xử lý hồ sơ (cho thao tác assign)', params: DossierIdParams, response: { 200: z.array(z.object({ id: z.uuid(), fullName: z.string() })) } },
    },
    async (request) => listAssignees(contextOf(app, request), request.params.id),
  );

  app.get(
    '/:id/receipt',
    { config: SIGNED_IN, schema: { tags, security, summary: 'Phiếu tiếp nhận: mã hồ sơ, ngày hẹn, mã QR tra cứu', params: DossierIdParams, response: { 200: Receipt } } },
    async (request) => getReceipt(contextOf(app, request), request.params.id),
  );
};
