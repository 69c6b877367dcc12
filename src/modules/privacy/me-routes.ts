import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.ts';
import { auditActorOf, requirePrincipal } from '../../platform/auth/access.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { notFound } from '../../platform/http/problems.ts';
import { CONSENT_PURPOSES, grantConsent, listConsents, withdrawConsent } from './consents.ts';
import { langOf } from './notice.ts';
import { collectMyData } from './my-data.ts';
import { myDataPdf } from './my-data-pdf.ts';
import { PURPOSE_TEXTS } from './purposes.ts';
import { fileRequest, listMyRequests } from './requests.ts';
import { ConsentBody, ConsentItem, PurposeParam, RequestBody, RequestView } from './schema.ts';

const AUTH = { access: 'authenticated' } as const;
const tags = ['Dữ liệu cá nhân'];

/**
 * The caller's own personal data, mounted at `/api/me`: consents, the export (JSON and PDF) and
 * data-subject requests. Every route answers only about the caller; no identifier travels in a URL.
 */
export const meRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  const consentsOf = async (userId: string, lang: 'vi' | 'en') => {
    const rows = await listConsents(app.db, userId);
    return CONSENT_PURPOSES.map((purpose) => {
      const mine = rows.filter((r) => r.purpose === purpose);
      const active = mine.find((r) => r.withdrawn_at === null);
      return {
        purpose,
        ...PURPOSE_TEXTS[purpose][lang],
        version: PURPOSE_TEXTS[purpose].version,
        active: active !== undefined,
        grantedAt: active?.granted_at.toISOString() ?? null,
        history: mine.map((r) => ({ textVersion: r.text_version, grantedAt: r.granted_at.toISOString(), withdrawnAt: r.withdrawn_at?.toISOString() ?? null })),
      };
    });
  };

  app.get(
    '/consents',
    { config: AUTH, schema: { tags, summary: 'Sự đồng ý của tôi theo từng mục đích', querystring: z.object({ lang: z.enum(['vi', 'en']).optional() }), response: { 200: z.object({ items: z.array(ConsentItem) }) } } },
    async (request) => ({ items: await consentsOf(requirePrincipal(request).userId, langOf(request.query.lang, request.headers['accept-language'])) }),
  );

  app.post(
    '/consents',
    { config: AUTH, schema: { tags, summary: 'Đồng ý cho một mục đích (theo phiên bản nội dung hiện hành)', body: ConsentBody, response: { 201: ConsentItem } } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { purpose } = request.body;
      await withTransaction(app.db, async (tx) => {
        const row = await grantConsent(tx, principal.userId, purpose, PURPOSE_TEXTS[purpose].version);
        await recordAudit(tx, {
          actor: auditActorOf(request),
          action: 'privacy.consent.grant',
          target: { type: 'consent', id: row.id },
          after: { purpose, textVersion: row.text_version },
          requestId: request.id,
        });
      });
      const item = (await consentsOf(principal.userId, langOf(undefined, request.headers['accept-language']))).find((c) => c.purpose === purpose)!;
      return reply.status(201).send(item);
    },
  );

  app.delete(
    '/consents/:purpose',
    { config: AUTH, schema: { tags, summary: 'Rút lại sự đồng ý', params: PurposeParam } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { purpose } = request.params;
      const withdrawn = await withTransaction(app.db, async (tx) => {
        const done = await withdrawConsent(tx, principal.userId, purpose);
        if (done) {
          await recordAudit(tx, {
            actor: auditActorOf(request),
            action: 'privacy.consent.withdraw',
            target: { type: 'user', id: principal.userId },
            after: { purpose },
            requestId: request.id,
          });
        }
        return done;
      });
      if (!withdrawn) throw notFound('Bạn chưa đồng ý cho mục đích này');
      return reply.status(204).send();
    },
  );

  app.get('/data', { config: AUTH, schema: { tags, summary: 'Toàn bộ dữ liệu cá nhân của tôi (JSON)' } }, async (request, reply) => {
    const data = await collectMyData(app.db, requirePrincipal(request).userId);
    if (!data) throw notFound();
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="du-lieu-cua-toi.json"')
      .send(data);
  });

  // A PDF costs about a second of CPU (font subsetting): a few per minute per client is plenty.
  app.get('/data.pdf', { config: { ...AUTH, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, summary: 'Toàn bộ dữ liệu cá nhân của tôi (PDF)' } }, async (request, reply) => {
    const data = await collectMyData(app.db, requirePrincipal(request).userId);
    if (!data) throw notFound();
    const pdf = await myDataPdf(data);
    return reply
      .header('content-type', 'application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="du-lieu-cua-toi.pdf"')
      .send(Buffer.from(pdf));
  });

  app.get(
    '/data-requests',
    { config: AUTH, schema: { tags, summary: 'Các yêu cầu về dữ liệu cá nhân của tôi', response: { 200: z.object({ items: z.array(RequestView) }) } } },
    async (request) => ({ items: await listMyRequests(app.db, requirePrincipal(request).userId) }),
  );

  app.post(
    '/data-requests',
    {
      config: AUTH,
      schema: {
        tags,
        summary: 'Gửi yêu cầu xem, chỉnh sửa, xóa dữ liệu hoặc phản đối xử lý (xác nhận ngay, hạn giải quyết tính theo ngày làm việc)',
        body: RequestBody,
        response: { 201: RequestView },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const calendar = await app.calendar.current();
      const created = await withTransaction(app.db, (tx) =>
        fileRequest(tx, { userId: principal.userId, ...request.body }, { calendar, workingDays: app.config.privacyRequestWorkingDays, actor: auditActorOf(request), requestId: request.id }),
      );
      return reply.status(201).send(created);
    },
  );
};
