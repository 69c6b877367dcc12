import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError, type ProblemCode, problemBody } from './problems.ts';

const fieldOf = (path: string, context?: string) => {
  const where = path.replace(/^\//, '').replaceAll('/', '.');
  const scope = context === 'querystring' ? 'query' : context === 'params' ? 'path' : context;
  return where ? where : (scope ?? 'body');
};

const codeForStatus = (status: number): ProblemCode => {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  return 'bad-request';
};

const send = (reply: FastifyReply, request: FastifyRequest, code: ProblemCode, detail?: string, extra: Record<string, unknown> = {}) => {
  const body = problemBody(code, detail, { instance: request.url.split('?')[0], requestId: request.id, ...extra });
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
};

/**
 * Errors Fastify's router answers before any route runs (a path with a malformed percent-encoding,
 * a path parameter over `maxParamLength`): problem+json too, instead of Fastify's own JSON; under
 * /open311, the GeoReport v2 error list its clients expect (no Open311 route has run to say so).
 * Passed as the `frameworkErrors` option of the Fastify instance.
 */
export const frameworkErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'Tham số trên đường dẫn quá dài / path parameter too long' : 'Đường dẫn không hợp lệ / malformed path';
  const path = request.url.split('?')[0] ?? '';
  if (!/^\/open311(\/|$)/.test(path)) return send(reply, request, 'bad-request', detail);
  if (path.endsWith('.xml')) return reply.status(400).type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>${detail}</description></error></errors>`);
  return reply.status(400).type('application/json; charset=utf-8').send([{ code: 400, description: detail }]);
};

/** Turns every error into RFC 9457 problem+json; input errors never become a 500. */
export const registerErrorHandler = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.extra.headers ?? {})) reply.header(k, v);
      return send(reply, request, error.code, error.detail, error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        field: fieldOf(v.instancePath, error.validationContext),
        message: v.message ?? 'không hợp lệ',
      }));
      return send(reply, request, 'validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
      return send(reply, request, codeForStatus(status), error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, status === 503 ? 'unavailable' : 'internal');
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, 'not-found', `Không có ${request.method} ${request.url.split('?')[0]}`));
};
