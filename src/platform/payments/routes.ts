import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../db/pool.ts';
import { AppError, type FieldError } from '../http/problems.ts';
import { PaymentCallback, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyCallbackSignature } from './callback.ts';
import { runPaymentHooks } from './hooks.ts';
import { recordPayment, settlePayment } from './record-payment.ts';

const CallbackAck = z.object({
  received: z.literal(true),
  duplicate: z.boolean(),
  paymentId: z.string(),
  status: z.enum(['recorded', 'applied', 'unmatched']),
});

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

const REFUSALS = {
  missing: 'Thiếu chữ ký hoặc thời điểm ký (x-signature, x-timestamp)',
  stale: 'Thời điểm ký lệch quá 5 phút',
  mismatch: 'Chữ ký không khớp với nội dung',
} as const;

const parseBody = (raw: Buffer): { body: PaymentCallback; json: unknown } => {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('bad-request', 'Nội dung không phải JSON hợp lệ');
  }
  const parsed = PaymentCallback.safeParse(json);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return { body: parsed.data, json };
};

/**
 * `POST /api/payments/callback`: the payment gateway reports money received. Public (no
 * session) but signed (callback.ts); the signature is checked on the exact bytes before anything
 * is parsed. The payment is recorded once per transaction id and offered to the modules' hooks
 * (hooks.ts) in the same transaction. Answers 200 for new and repeated reports alike.
 */
export const paymentRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // Keep the raw bytes for the HMAC: JSON is parsed in the handler, after the signature check.
  // Encapsulated: only this plugin's routes see this parser.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Thanh toán'],
        summary: 'Cổng thanh toán báo đã nhận tiền (ký HMAC-SHA256, chống gửi lặp theo mã giao dịch)',
        description: [
          'Body JSON `{ transactionId, reference, amount, paidAt, provider?, description? }` (amount: đồng; reference: mã hồ sơ trong QR).',
          `Header \`${TIMESTAMP_HEADER}\`: Unix seconds; \`${SIGNATURE_HEADER}\`: hex HMAC-SHA256 of \`<timestamp>.<raw body>\` with PAYMENT_CALLBACK_SECRET.`,
          'The same transactionId again answers 200 with `duplicate: true` and changes nothing.',
        ].join('\n\n'),
        response: { 200: CallbackAck },
      },
    },
    async (request) => {
      const secret = app.config.payments.callbackSecret;
      if (!secret) throw new AppError('unavailable', 'Chưa cấu hình PAYMENT_CALLBACK_SECRET');
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported-media-type', 'Cần Content-Type: application/json');
      const rawBody = request.body;
      const check = verifyCallbackSignature({ secret, rawBody, signature: header(request, SIGNATURE_HEADER), timestamp: header(request, TIMESTAMP_HEADER) });
      if (!check.ok) {
        request.log.warn({ reason: check.reason }, 'payment callback refused: bad signature');
        throw new AppError('invalid-signature', REFUSALS[check.reason]);
      }
      const { body, json: raw } = parseBody(rawBody);
      return withTransaction(app.db, async (tx) => {
        const input = { transactionId: body.transactionId, reference: body.reference, amount: body.amount, paidAt: new Date(body.paidAt), provider: body.provider, raw };
        const { duplicate, payment } = await recordPayment(tx, input, undefined, request.id);
        if (duplicate) return { received: true as const, duplicate, paymentId: payment.id, status: payment.status };
        const outcome = await runPaymentHooks(tx, payment, { requestId: request.id });
        const settled = await settlePayment(
          tx,
          outcome.status === 'applied' ? { id: payment.id, status: 'applied', dossierId: outcome.dossierId } : { id: payment.id, status: 'unmatched', note: outcome.note },
          undefined,
          request.id,
        );
        if (settled.status === 'unmatched') request.log.warn({ paymentId: settled.id, reference: settled.reference }, 'payment recorded but not matched to a dossier');
        return { received: true as const, duplicate: false, paymentId: settled.id, status: settled.status };
      });
    },
  );
};
