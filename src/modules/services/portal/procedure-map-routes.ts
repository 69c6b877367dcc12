import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../../../platform/auth/access.ts';
import { deleteMapping, listMappings, NATIONAL_PROCEDURE_CODE, putMapping } from './procedure-map.ts';

const Mapping = z.object({
  nationalCode: z.string().describe('Mã thủ tục trên Cổng DVC quốc gia (MaTTHC)'),
  procedureCode: z.string().describe('Mã thủ tục trong danh mục của tỉnh'),
  procedureName: z.string(),
  procedureActive: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
const NationalCodeParams = z.object({ nationalCode: z.string().regex(NATIONAL_PROCEDURE_CODE, 'Mã thủ tục quốc gia gồm chữ, số, dấu chấm, gạch ngang (tối đa 40 ký tự)') });
const MappingBody = z.object({
  procedureCode: z.string().trim().min(1, 'Chọn thủ tục của tỉnh').max(60),
  note: z.string().max(500).nullish(),
});

/**
 * The national → local procedure mapping, mounted at `/api/portal/procedure-map`: read by
 * administrators and province monitors, edited by administrators (audited). Dossiers forwarded by
 * the national portal are filed under the mapped procedure and nothing else.
 */
export const procedureMapRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Đồng bộ Cổng DVC quốc gia'];
  const write = { access: { anyOf: ['org.write'] } } as const;

  app.get(
    '',
    {
      config: { access: { anyOf: ['org.write', 'dossier.read.province'] } },
      schema: { tags, summary: 'Bảng ánh xạ mã thủ tục quốc gia → thủ tục của tỉnh', response: { 200: z.object({ items: z.array(Mapping) }) } },
    },
    async () => ({ items: await listMappings(app.db) }),
  );

  app.put(
    '/:nationalCode',
    {
      config: write,
      schema: { tags, summary: 'Đặt (hoặc đổi) thủ tục của tỉnh cho một mã thủ tục quốc gia', params: NationalCodeParams, body: MappingBody, response: { 200: Mapping, 201: Mapping } },
    },
    async (request, reply) => {
      const { mapping, created } = await putMapping(
        app.db,
        { nationalCode: request.params.nationalCode, procedureCode: request.body.procedureCode, note: request.body.note },
        auditActorOf(request),
        request.id,
      );
      return reply.status(created ? 201 : 200).send(mapping);
    },
  );

  app.delete(
    '/:nationalCode',
    { config: write, schema: { tags, summary: 'Bỏ ánh xạ của một mã thủ tục quốc gia', params: NationalCodeParams } },
    async (request, reply) => {
      await deleteMapping(app.db, request.params.nationalCode, auditActorOf(request), request.id);
      return reply.status(204).send();
    },
  );
};
