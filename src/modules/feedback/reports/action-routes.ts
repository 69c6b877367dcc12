import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/auth/access.ts';
import { forbidden, invalid } from '../../../platform/http/problems.ts';
import { UNSATISFIED_MAX_RATING } from '../feedback-workflow.ts';
import { suggestDuplicates } from '../moderation/duplicates.ts';
import { ActionAnswer, AnswerBody, AssignBody, DuplicateView, IdParams, MergeBody, ModerateBody, Page, QueueQuery, ReasonBody, ReassignBody, RateBody, ReportSummary, SeqBody } from '../schema.ts';
import { requireViewer } from './access.ts';
import { type ActionContext, applyReportAction, applyReportActions, type ReportActionRequest } from './apply-action.ts';
import { agencyQueue, moderationQueue } from './list-reports.ts';
import { findReport } from './report-store.ts';

const MODERATE = { access: { anyOf: ['feedback.moderate'] } } as const;
const HANDLE = { access: { anyOf: ['feedback.handle'] } } as const;
const SUBMIT = { access: { anyOf: ['feedback.submit'] } } as const;

/** `Idempotency-Key` of an action (8–100 visible ASCII), used as the workflow transaction id. */
const keyOf = (request: FastifyRequest): string | undefined => {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[\x21-\x7e]{8,100}$/.test(raw)) throw invalid('Idempotency-Key', 'Khóa chống gửi trùng gồm 8–100 ký tự ASCII');
  return raw;
};

/**
 * Moderation (moderators), handling (the assigned agency's staff) and rating (the reporter). Each
 * action is a step of the workflow (feedback-workflow.ts): the engine answers 403/409/422 when the
 * caller, the state or the input does not allow it; a report the caller may not see answers 404.
 */
export const actionRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Phản ánh, kiến nghị'];
  const ctxOf = (request: FastifyRequest): ActionContext => ({ db: app.db, calendar: app.calendar, principal: requirePrincipal(request), requestId: request.id });
  const act = (request: FastifyRequest<{ Params: { id: string } }>, req: Omit<ReportActionRequest, 'transactionId'>) =>
    applyReportAction(ctxOf(request), request.params.id, { ...req, transactionId: keyOf(request) });
  const answer = { 200: ActionAnswer };

  // ── Moderators ──────────────────────────────────────────────────────────────────────────────
  app.get(
    '/moderation',
    { config: MODERATE, schema: { tags, summary: 'Hàng chờ kiểm duyệt: phản ánh mới và phản ánh bị cơ quan trả lại, cũ nhất trước', querystring: QueueQuery, response: { 200: Page(ReportSummary) } } },
    async (request) => moderationQueue(app.db, request.query),
  );

  app.get(
    '/reports/:id/duplicates',
    { config: MODERATE, schema: { tags, summary: 'Gợi ý phản ánh trùng: cùng lĩnh vực, trong 100 m và 7 ngày', params: IdParams, response: { 200: z.array(DuplicateView) } } },
    async (request) => {
      const { report } = requireViewer(requirePrincipal(request), await findReport(app.db, request.params.id), false);
      return suggestDuplicates(app.db, report);
    },
  );

  app.post(
    '/reports/:id/moderate',
    { config: MODERATE, schema: { tags, summary: 'Kiểm duyệt (công khai hoặc không, kèm lý do) và chuyển cơ quan xử lý (mặc định: theo lĩnh vực và xã)', params: IdParams, body: ModerateBody, response: answer } },
    async (request) => {
      const { isPublic, reason, agencyId, seq } = request.body;
      const key = keyOf(request);
      return applyReportActions(ctxOf(request), request.params.id, [
        { action: 'moderate', data: { isPublic }, comment: reason, expectedSeq: seq, transactionId: key },
        { action: 'assign', data: agencyId ? { agencyId } : {}, transactionId: key ? `${key}:assign` : undefined },
      ]);
    },
  );

  app.post(
    '/reports/:id/reject',
    { config: MODERATE, schema: { tags, summary: 'Không tiếp nhận (tin rác, ngoài phạm vi), kèm lý do', params: IdParams, body: ReasonBody, response: answer } },
    async (request) => act(request, { action: 'reject', data: { reason: request.body.reason }, comment: request.body.reason, expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/merge',
    { config: MODERATE, schema: { tags, summary: 'Gộp vào một phản ánh trùng (targetId)', params: IdParams, body: MergeBody, response: answer } },
    async (request) => act(request, { action: 'merge', data: { targetId: request.body.targetId }, comment: request.body.reason, expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/transfer',
    { config: MODERATE, schema: { tags, summary: 'Chuyển thanh tra: khiếu nại, tố cáo đi theo quy trình riêng, không công khai', params: IdParams, body: ReasonBody, response: answer } },
    async (request) => act(request, { action: 'transfer_inspection', data: { reason: request.body.reason }, comment: request.body.reason, expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/assign',
    { config: MODERATE, schema: { tags, summary: 'Chuyển cơ quan xử lý một phản ánh đã kiểm duyệt (ví dụ bị trả lại)', params: IdParams, body: AssignBody, response: answer } },
    async (request) => act(request, { action: 'assign', data: request.body.agencyId ? { agencyId: request.body.agencyId } : {}, expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/reassign',
    { config: MODERATE, schema: { tags, summary: 'Chuyển sang cơ quan khác (thời hạn tính lại từ lúc chuyển)', params: IdParams, body: ReassignBody, response: answer } },
    async (request) =>
      act(request, { action: 'reassign', data: { agencyId: request.body.agencyId, reason: request.body.reason }, comment: request.body.reason, expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/close',
    { config: MODERATE, schema: { tags, summary: 'Đóng phản ánh đã trả lời mà người gửi chưa đánh giá', params: IdParams, body: SeqBody, response: answer } },
    async (request) => act(request, { action: 'close', expectedSeq: request.body.seq }),
  );

  // ── The handling agency ─────────────────────────────────────────────────────────────────────
  app.get(
    '/queue',
    { config: HANDLE, schema: { tags, summary: 'Phản ánh cơ quan tôi cần xử lý, hạn gần nhất trước (quá hạn lên đầu)', querystring: QueueQuery, response: { 200: Page(ReportSummary) } } },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!principal.agencyId) throw forbidden('Tài khoản chưa thuộc cơ quan nào');
      return agencyQueue(app.db, principal.agencyId, request.query);
    },
  );

  app.post(
    '/reports/:id/start',
    { config: HANDLE, schema: { tags, summary: 'Bắt đầu xử lý', params: IdParams, body: SeqBody, response: answer } },
    async (request) => act(request, { action: 'start', expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/answer',
    { config: HANDLE, schema: { tags, summary: 'Trả lời (nội dung và tệp đã tải lên qua /api/files); người gửi được mời đánh giá', params: IdParams, body: AnswerBody, response: answer } },
    async (request) =>
      act(request, { action: 'answer', data: { answer: request.body.answer, fileIds: request.body.fileIds ?? [] }, comment: request.body.answer, expectedSeq: request.body.seq }),
  );

  app.post(
    '/reports/:id/return',
    { config: HANDLE, schema: { tags, summary: 'Trả lại vì không đúng thẩm quyền (về kiểm duyệt viên để chuyển đúng nơi)', params: IdParams, body: ReasonBody, response: answer } },
    async (request) => act(request, { action: 'return_wrong_agency', data: { reason: request.body.reason }, comment: request.body.reason, expectedSeq: request.body.seq }),
  );

  // ── The reporter ────────────────────────────────────────────────────────────────────────────
  app.post(
    '/reports/:id/rate',
    { config: SUBMIT, schema: { tags, summary: `Đánh giá 1–5 sao; ${UNSATISFIED_MAX_RATING} sao trở xuống mở lại phản ánh để xử lý lại`, params: IdParams, body: RateBody, response: answer } },
    async (request) => {
      const { rating, comment } = request.body;
      return act(request, { action: rating <= UNSATISFIED_MAX_RATING ? 'reopen' : 'rate', data: { rating }, comment });
    },
  );
};
