import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../../platform/auth/access.ts';
import { getAgency, listAgencies } from './agencies-queries.ts';
import { Agency, AgencyCreate, AgencyDetail, AgencyIdParams, AgencyListQuery, AgencyPatch } from './agencies-schema.ts';
import { createAgency } from './create-agency.ts';
import { updateAgency } from './update-agency.ts';

/**
 * Agencies: reading is public (public bodies: names, codes, kinds; no personal data); adding and
 * changing them needs `org.write` (administrators) and is audited.
 */
export const agenciesRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const tags = ['Cơ quan'];
  const write = { access: { anyOf: ['org.write'] } } as const;
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

  app.get(
    '/agencies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách cơ quan (phẳng, kèm parentId; lọc theo loại, tỉnh, xã, cơ quan cấp trên, tên)',
        querystring: AgencyListQuery,
        response: { 200: z.array(Agency) },
      },
    },
    async (request) => listAgencies(app.db, request.query),
  );

  app.get(
    '/agencies/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Một cơ quan, cơ quan cấp trên và các đơn vị trực thuộc', params: AgencyIdParams, response: { 200: AgencyDetail } } },
    async (request) => getAgency(app.db, request.params.id),
  );

  app.post(
    '/agencies',
    { config: write, schema: { tags, security, summary: 'Thêm cơ quan (quản trị)', body: AgencyCreate, response: { 201: Agency } } },
    async (request, reply) => {
      const agency = await createAgency(app.db, request.body, { actor: auditActorOf(request), requestId: request.id });
      return reply.status(201).header('location', `/api/agencies/${agency.id}`).send(agency);
    },
  );

  app.patch(
    '/agencies/:id',
    { config: write, schema: { tags, security, summary: 'Sửa cơ quan (quản trị)', params: AgencyIdParams, body: AgencyPatch, response: { 200: Agency } } },
    async (request) => updateAgency(app.db, request.params.id, request.body, { actor: auditActorOf(request), requestId: request.id }),
  );
};
