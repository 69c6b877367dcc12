import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../../../platform/http/problems.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyCallbackSignature } from '../../../platform/payments/index.ts';
import { receiveNationalDossier } from './national-intake.ts';
import { IntakeAnswer, NationalDossier } from './national-schema.ts';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

const REFUSALS = {
  missing: 'Thiếu chữ ký hoặc thời điểm ký (x-signature, x-timestamp)',
  stale: 'Thời điểm ký lệch quá 5 phút',
  mismatch: 'Chữ ký không khớp với nội dung',
} as const;

const parseBody = (raw: Buffer): NationalDossier => {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('bad-request', 'Nội dung không phải JSON hợp lệ');
  }
  const parsed = NationalDossier.safeParse(json);
  if (!parsed.success) {
    // One error per field: the first that field breaks.
    const byField = new Map<string, FieldError>();
    for (const i of parsed.error.issues) {
      const field = i.path.join('.') || 'body';
      if (!byField.has(field)) byField.set(field, { field, message: i.message });
    }
    const errors = [...byField.values()];
    throw new AppError('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return parsed.data;
};

/**
 * `POST /api/intake/national-portal/dossiers`: the national portal forwards a dossier filed there.
 * Public (no session) but signed like the payment callbacks: `x-timestamp` (Unix seconds, ±5
 * minutes) and `x-signature` = hex HMAC-SHA256 of `<timestamp>.<raw body>` keyed with
 * PORTAL_INTAKE_SECRET, checked on the exact bytes before anything is parsed. 201 for a new
 * dossier, 200 (`duplicate: true`) for a code received before.
 */
export const nationalIntakeRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // Keep the raw bytes for the HMAC (encapsulated: only this plugin's routes see this parser).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/dossiers',
    {
      config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['Tiếp nhận từ Cổng DVC quốc gia'],
        summary: 'Cổng DVC quốc gia chuyển hồ sơ công dân đã nộp (ký HMAC-SHA256; chống gửi lặp theo mã hồ sơ MaHoSo)',
        description: [
          'Body JSON: `{ MaHoSo, MaTTHC, NgayNopHoSo (yyyyMMddHHmmss), ChuHoSo: { HoTen, SoDinhDanh?, SoDienThoai?, Email? }, MaXa?, TrichYeuHoSo?, DuLieuToKhai?, TaiLieuNop?: [{ MaThanhPhanHoSo?, TenTepDinhKem, DuongDanTaiTepTin? }] }`.',
          `Header \`${TIMESTAMP_HEADER}\`: Unix seconds; \`${SIGNATURE_HEADER}\`: hex HMAC-SHA256 of \`<timestamp>.<raw body>\` with PORTAL_INTAKE_SECRET.`,
          'MaTTHC must be mapped (`/api/portal/procedure-map`), else 422 `unmapped-procedure` with `mappedCodes`.',
        ].join('\n\n'),
        response: { 200: IntakeAnswer, 201: IntakeAnswer },
      },
    },
    async (request, reply) => {
      const secret = app.config.portal.intakeSecret;
      if (!secret) throw new AppError('unavailable', 'Chưa cấu hình PORTAL_INTAKE_SECRET');
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported-media-type', 'Cần Content-Type: application/json');
      const rawBody = request.body;
      const check = verifyCallbackSignature({ secret, rawBody, signature: header(request, SIGNATURE_HEADER), timestamp: header(request, TIMESTAMP_HEADER) });
      if (!check.ok) {
        request.log.warn({ reason: check.reason }, 'national-portal intake refused: bad signature');
        throw new AppError('invalid-signature', REFUSALS[check.reason]);
      }
      const body = parseBody(rawBody);
      const answer = await receiveNationalDossier(
        { db: app.db, calendar: app.calendar, publicUrl: app.config.publicUrl, requestId: request.id },
        body,
        createHash('sha256').update(rawBody).digest('hex'),
      );
      return reply.status(answer.duplicate ? 200 : 201).send(answer);
    },
  );
};
