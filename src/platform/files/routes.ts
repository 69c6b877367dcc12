import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActorOf, requirePrincipal } from '../auth/access.ts';
import { AppError, invalid } from '../http/problems.ts';
import { attachmentDisposition, downloadName } from './file-name.ts';
import { findReadableFile } from './read-file.ts';
import { FileIdParams, FileMeta, UploadedFile } from './schema.ts';
import { ACCEPTED_LABEL } from './sniff.ts';
import { type FileStore, LocalFileStore } from './store.ts';
import { uploadFile } from './upload-file.ts';

export type FilesRoutesOptions = { store?: FileStore };

/** Multipart's own errors (too many parts, a broken body) as problems with a Vietnamese detail. */
const multipartProblem = (error: FastifyError): Error => {
  if (error.statusCode === 413) return new AppError('payload-too-large', 'Chỉ gửi một tệp và tối đa 5 trường kèm theo');
  if (error instanceof AppError || (error.statusCode !== undefined && error.statusCode >= 500)) return error;
  // Anything else while parsing the parts (FST_ codes, busboy's "Unexpected end of multipart data") is a bad body.
  return new AppError('bad-request', 'Dữ liệu multipart/form-data không hợp lệ');
};

/**
 * Uploaded files, mounted at `/api/files`: upload (any signed-in user with `files.upload`),
 * download and metadata (the uploader, or staff with `files.read.any`; anyone else gets 404).
 */
export const filesRoutes: FastifyPluginAsync<FilesRoutesOptions> = async (parent, opts) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const store = opts.store ?? new LocalFileStore(path.join(app.config.dataDir, 'files'));
  const maxBytes = app.config.filesMaxBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 4096, parts: 6, headerPairs: 20 } });
  const tags = ['Tệp'];
  const readers = { access: 'authenticated' } as const;

  app.post(
    '',
    {
      config: { access: { anyOf: ['files.upload'] }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: `Tải lên một tệp (multipart/form-data, trường "file"; tối đa ${Math.floor(maxBytes / 1024 / 1024)} MB; ${ACCEPTED_LABEL})`,
        consumes: ['multipart/form-data'],
        response: { 201: UploadedFile },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', 'Gửi tệp bằng multipart/form-data, trường "file"');
      const part = await request.file().catch((error: FastifyError) => Promise.reject(multipartProblem(error)));
      if (!part) throw invalid('file', 'Chưa có tệp nào được gửi');
      const file = await uploadFile(
        { stream: part.file, filename: part.filename, isTruncated: () => part.file.truncated },
        { db: app.db, store, maxBytes, ownerId: requirePrincipal(request).userId, actor: auditActorOf(request), requestId: request.id },
      );
      return reply.status(201).header('location', `/api/files/${file.id}`).send(file);
    },
  );

  app.get(
    '/:id',
    { config: readers, schema: { tags, summary: 'Tải tệp về (luôn dưới dạng tệp đính kèm)', params: FileIdParams } },
    async (request, reply) => {
      const file = await findReadableFile(app.db, requirePrincipal(request), request.params.id);
      const etag = `"${file.sha256}"`;
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(downloadName(file.originalName, file.contentType)))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private')
        .header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.header('content-length', file.size).send(await store.get(file.sha256));
    },
  );

  app.get(
    '/:id/meta',
    { config: readers, schema: { tags, summary: 'Thông tin một tệp', params: FileIdParams, response: { 200: FileMeta } } },
    async (request) => findReadableFile(app.db, requirePrincipal(request), request.params.id),
  );
};
