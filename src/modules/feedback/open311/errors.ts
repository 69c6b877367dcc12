import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/http/problems.ts';
import { formatOfPath, listAnswer, sendAnswer } from './format.ts';

/**
 * GeoReport v2 errors are not problem+json: the body is the spec's list
 * `[{ "code": 400, "description": "…" }]` (JSON) or `<errors><error><code>400</code>
 * <description>…</description></error></errors>` (XML), with the same HTTP status.
 */
export type Open311ErrorItem = { code: number; description: string };

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly items: Open311ErrorItem[],
  ) {
    super(items.map((i) => i.description).join('; '));
  }
}

export const open311Error = (status: number, ...descriptions: string[]) =>
  new Open311Error(status, descriptions.map((description) => ({ code: status, description })));

export const badRequest = (...descriptions: string[]) => open311Error(400, ...descriptions);
export const notFound = (description: string) => open311Error(404, description);

/** fileReport's field names (FileReportInput) as the Open311 client sent them. */
const OPEN311_FIELD: Record<string, string> = {
  topicCode: 'service_code',
  lat: 'lat',
  lng: 'long',
  address: 'address_string',
  communeCode: 'address_id',
  description: 'description',
  title: 'attribute[title]',
  privacy: 'attribute[privacy]',
  dossierCode: 'attribute[dossier_code]',
  mediaUrls: 'media_url',
  photoFileIds: 'media_url',
  contact: 'email',
  'contact.email': 'email',
  'contact.phone': 'phone',
  'contact.name': 'first_name',
};

const open311Field = (field: string) => OPEN311_FIELD[field] ?? OPEN311_FIELD[field.split('.')[0] ?? ''] ?? field;

/** Input errors are 400 to an Open311 client whatever our own problem says (422, 409…). */
const statusForClient = (status: number) => {
  if (status === 401 || status === 403) return 403;
  if ([404, 413, 415, 429].includes(status)) return status;
  if (status >= 500) return 500;
  return 400;
};

/** Any error met on an Open311 route, as the spec's error list. */
export const toOpen311Error = (error: unknown): Open311Error => {
  if (error instanceof Open311Error) return error;
  if (error instanceof AppError) {
    const status = statusForClient(error.status);
    const fields = error.extra.errors ?? [];
    if (fields.length) return new Open311Error(status, fields.map((f) => ({ code: status, description: `${open311Field(f.field)}: ${f.message}` })));
    return open311Error(status, error.detail ?? error.message);
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    return new Open311Error(
      400,
      fastifyError.validation.map((v) => ({ code: 400, description: `${v.instancePath.replace(/^\//, '') || 'request'}: ${v.message ?? 'không hợp lệ / invalid'}` })),
    );
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return open311Error(429, 'Quá nhiều yêu cầu, vui lòng thử lại sau / too many requests, retry later');
  if (status === 415) return open311Error(415, 'Chỉ nhận application/x-www-form-urlencoded hoặc application/json / unsupported content type');
  if (status === 413) return open311Error(413, 'Dữ liệu gửi lên quá lớn / request body too large');
  if (status >= 400 && status < 500) return open311Error(statusForClient(status), fastifyError.message);
  return open311Error(500, 'Lỗi hệ thống, đã được ghi lại / unexpected server error, it has been logged');
};

export const sendOpen311Error = (reply: FastifyReply, request: FastifyRequest, error: Open311Error) => {
  if (error.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
  return sendAnswer(reply, formatOfPath(request.url), listAnswer('errors', 'error', error.items), error.status);
};

/** Error and not-found handlers of the Open311 plugin: every refusal in the spec's format. */
export const registerOpen311Errors = (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const converted = toOpen311Error(error);
    if (converted.status >= 500) request.log.error({ err: error }, 'unhandled error on an Open311 route');
    return sendOpen311Error(reply, request, converted);
  });
  app.setNotFoundHandler((request, reply) =>
    sendOpen311Error(reply, request, notFound(`Không có ${request.method} ${request.url.split('?')[0]} / no such resource`)),
  );
};
