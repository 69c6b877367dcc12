import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fastSerializerCompiler } from '../../../platform/http/fast-serializer.ts';
import { trackDossier } from './public-tracking.ts';
import { PublicCodeParams, PublicDossier } from './schema.ts';
import { ResultParams, ResultVerification, verifyResult } from './verify-result.ts';

/** Public tracking of a dossier by its code, mounted at `/api/public/dossiers`: no login, no personal data. */
export const publicDossierRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/:code',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['Hồ sơ'], summary: 'Tra cứu hồ sơ theo mã (không cần đăng nhập; không có thông tin cá nhân)', params: PublicCodeParams, response: { 200: PublicDossier } },
      // The most called public route; its answer is built field by field (public-tracking.ts).
      serializerCompiler: fastSerializerCompiler,
    },
    async (request) => trackDossier(app.db, request.params.code),
  );

  app.get(
    '/:code/results/:sha256',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['Hồ sơ'], summary: 'Xác minh tệp kết quả (mã QR in trên kết quả)', params: ResultParams, response: { 200: ResultVerification } },
    },
    async (request) => verifyResult(app.db, request.params.code, request.params.sha256),
  );
};
