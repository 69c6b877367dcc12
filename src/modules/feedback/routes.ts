import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from '../../platform/auth/access.ts';
import { type FileStore, LocalFileStore } from '../../platform/files/store.ts';
import { AppError, invalid } from '../../platform/http/problems.ts';
import { registerDefinition } from '../../platform/workflow/index.ts';
import './escalation/escalate-overdue.ts';
import { FEEDBACK_WORKFLOW } from './feedback-workflow.ts';
import { MAX_PHOTO_BYTES } from './photos/public-copy.ts';
import { findServableFile } from './photos/report-file.ts';
import { uploadReportPhoto } from './photos/upload-photo.ts';
import { actionRoutes } from './reports/action-routes.ts';
import { fileReport } from './reports/file-report.ts';
import { listMyReports, listPublicReports, publicMapPoints } from './reports/list-reports.ts';
import { getPublicReport, getReportDetail } from './reports/read-report.ts';
import { FiledReportView, FileParams, FileReportBody, IdParams, MapPoint, Page, PublicListQuery, PublicReport, QueueQuery, RefParams, ReportDetail, ReportSummary, TopicView } from './schema.ts';
import { statsRoutes } from './stats-routes.ts';
import { listActiveTopics } from './topics/topic-store.ts';

export type FeedbackRoutesOptions = { store?: FileStore };

const PUBLIC = { access: 'public' } as const;
const SUBMIT = { access: { anyOf: ['feedback.submit'] } } as const;
const SIGNED_IN = { access: 'authenticated' } as const;

/** `Idempotency-Key`: 8–100 visible ASCII characters; absent = no deduplication. */
export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[\x21-\x7e]{8,100}$/.test(raw)) throw invalid('Idempotency-Key', 'Khóa chống gửi trùng gồm 8–100 ký tự ASCII');
  return raw;
};

const multipartProblem = (error: FastifyError): Error => {
  if (error.statusCode === 413) return new AppError('payload-too-large', 'Ảnh vượt quá 10 MB, hoặc gửi nhiều hơn một tệp');
  if (error instanceof AppError || (error.statusCode !== undefined && error.statusCode >= 500)) return error;
  // Anything else while parsing the parts (FST_ codes, "Unexpected end of multipart data") is a bad body.
  return new AppError('bad-request', 'Dữ liệu multipart/form-data không hợp lệ');
};

/**
 * Citizen feedback, mounted at `/api/feedback` (README.md beside this file documents every route).
 * This file: topics, photos, filing, reading and the public list/map; moderation and agency
 * actions in reports/action-routes.ts; statistics in stats-routes.ts.
 */
export const feedbackRoutes: FastifyPluginAsync<FeedbackRoutesOptions> = async (parent, opts) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const store = opts.store ?? new LocalFileStore(path.join(app.config.dataDir, 'files'));
  const tags = ['Phản ánh, kiến nghị'];
  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 20 } });
  app.addHook('onReady', async () => {
    await registerDefinition(app.db, FEEDBACK_WORKFLOW);
  });

  app.get('/topics', { config: PUBLIC, schema: { tags, summary: 'Các lĩnh vực phản ánh đang nhận', response: { 200: z.array(TopicView) } } }, async () =>
    (await listActiveTopics(app.db)).map((t) => ({
      code: t.code,
      name: t.name,
      description: t.description,
      field: t.field,
      keywords: t.keywords,
      kind: t.kind,
      limitWorkingDays: t.limitWorkingDays,
    })),
  );

  app.post(
    '/photos',
    {
      config: { ...SUBMIT, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Tải ảnh kèm phản ánh (multipart, trường "file"; ảnh tối đa 10 MB); trả về fileId để gửi trong photoFileIds', consumes: ['multipart/form-data'] },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', 'Gửi ảnh bằng multipart/form-data, trường "file"');
      const part = await request.file().catch((error: FastifyError) => Promise.reject(multipartProblem(error)));
      if (!part) throw invalid('file', 'Chưa có ảnh nào được gửi');
      const photo = await uploadReportPhoto(
        { stream: part.file, filename: part.filename, isTruncated: () => part.file.truncated },
        { db: app.db, store, ownerId: requirePrincipal(request).userId, actor: auditActorOf(request), requestId: request.id },
      );
      return reply.status(201).send(photo);
    },
  );

  app.post(
    '/reports',
    { config: { ...SUBMIT, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { tags, summary: 'Gửi phản ánh (Idempotency-Key chống gửi trùng)', body: FileReportBody, response: { 201: FiledReportView, 200: FiledReportView } } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const filed = await fileReport(
        app.db,
        { ...request.body, reporterId: principal.userId, idempotencyKey: idempotencyKeyOf(request) },
        { calendar: app.calendar, requestId: request.id },
      );
      return reply.status(201).header('location', `/api/feedback/reports/${filed.id}`).send(filed);
    },
  );

  app.get(
    '/reports/mine',
    { config: SUBMIT, schema: { tags, summary: 'Phản ánh của tôi, mới nhất trước', querystring: QueueQuery, response: { 200: Page(ReportSummary) } } },
    async (request) => listMyReports(app.db, requirePrincipal(request).userId, request.query),
  );

  app.get(
    '/reports/:id',
    { config: SIGNED_IN, schema: { tags, summary: 'Một phản ánh (người gửi, cơ quan xử lý, kiểm duyệt viên; người khác: 404)', params: IdParams, response: { 200: ReportDetail } } },
    async (request) => getReportDetail(app.db, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/public/reports',
    { config: PUBLIC, schema: { tags, summary: 'Danh sách phản ánh công khai (lọc theo lĩnh vực, xã, trạng thái, khung bản đồ, từ khóa không dấu, ngày gửi)', querystring: PublicListQuery, response: { 200: Page(ReportSummary) } } },
    async (request) => listPublicReports(app.db, request.query),
  );

  app.get(
    '/public/map',
    { config: PUBLIC, schema: { tags, summary: 'Điểm phản ánh công khai trên bản đồ (cùng bộ lọc, tối đa 5.000 điểm)', querystring: PublicListQuery, response: { 200: z.array(MapPoint) } } },
    async (request) => publicMapPoints(app.db, request.query),
  );

  app.get(
    '/public/reports/:ref',
    { config: PUBLIC, schema: { tags, summary: 'Một phản ánh công khai, theo mã (PA-…) hoặc id', params: RefParams, response: { 200: PublicReport } } },
    async (request) => getPublicReport(app.db, request.params.ref),
  );

  app.get(
    '/files/:fileId',
    { config: PUBLIC, schema: { tags, summary: 'Ảnh (bản công khai, đã bỏ EXIF) hoặc tệp trả lời của một phản ánh', params: FileParams } },
    async (request, reply) => {
      const file = await findServableFile(app.db, request.principal, request.params.fileId);
      const etag = `"${file.sha256}"`;
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', `${file.kind === 'photo' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', file.isPublic ? 'public, max-age=3600' : 'private, no-store')
        .header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.header('content-length', file.size).send(await store.get(file.sha256));
    },
  );

  await app.register(actionRoutes);
  await app.register(statsRoutes);
};
