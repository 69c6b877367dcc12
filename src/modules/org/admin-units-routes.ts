import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATASET } from './admin-units-import.ts';
import { getCommune, listCommunesOfProvince, listProvinces, lookupLegacyCommune } from './admin-units-queries.ts';
import { AdminUnit, CommuneCode, CommuneDetail, CommuneSearchHit, CommuneSearchQuery, LegacyLookup, ProvinceCode } from './admin-units-schema.ts';
import { searchCommunes } from './admin-units-search.ts';
import { referenceCache } from './reference-cache.ts';

/**
 * The 2025 administrative units, public (no login): provinces, their communes, name search, and
 * the lookup of a pre-July-2025 commune code. Answers are cacheable (ETag, max-age one hour).
 */
export const adminUnitsRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const cache = referenceCache(app.db, DATASET);
  const tags = ['Đơn vị hành chính'];
  const access = 'public' as const;

  app.get(
    '/admin-units/provinces',
    { config: { access }, schema: { tags, summary: 'Danh sách 34 tỉnh, thành phố (theo mã)', response: { 200: z.array(AdminUnit) } } },
    async (request, reply) => {
      if (await cache.notModified(request, reply)) return reply;
      const provinces = await listProvinces(app.db);
      await cache.fresh(reply);
      return provinces;
    },
  );

  app.get(
    '/admin-units/provinces/:code/communes',
    {
      config: { access },
      schema: { tags, summary: 'Các xã, phường, đặc khu của một tỉnh (theo mã)', params: z.object({ code: ProvinceCode }), response: { 200: z.array(AdminUnit) } },
    },
    async (request, reply) => {
      if (await cache.notModified(request, reply)) return reply;
      const communes = await listCommunesOfProvince(app.db, request.params.code);
      await cache.fresh(reply);
      return communes;
    },
  );

  app.get(
    '/admin-units/communes',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Tìm xã, phường, đặc khu theo tên (không phân biệt dấu; legacy=true tìm cả tên cũ trước 1/7/2025)',
        querystring: CommuneSearchQuery,
        response: { 200: z.array(CommuneSearchHit) },
      },
    },
    async (request, reply) => {
      if (await cache.notModified(request, reply)) return reply;
      const { q, province, limit, legacy } = request.query;
      const hits = await cache.remember(JSON.stringify([q, province, limit, legacy]), () => searchCommunes(app.db, request.query));
      await cache.fresh(reply);
      return hits;
    },
  );

  app.get(
    '/admin-units/communes/:code',
    {
      config: { access },
      schema: { tags, summary: 'Một xã, phường, đặc khu và các đơn vị cũ hợp thành', params: z.object({ code: CommuneCode }), response: { 200: CommuneDetail } },
    },
    async (request, reply) => {
      if (await cache.notModified(request, reply)) return reply;
      const commune = await getCommune(app.db, request.params.code);
      await cache.fresh(reply);
      return commune;
    },
  );

  app.get(
    '/admin-units/legacy/:oldCommuneCode',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Tra mã xã cũ (trước 1/7/2025) ra xã, phường, đặc khu hiện nay',
        params: z.object({ oldCommuneCode: CommuneCode }),
        response: { 200: LegacyLookup },
      },
    },
    async (request, reply) => {
      if (await cache.notModified(request, reply)) return reply;
      const lookup = await lookupLegacyCommune(app.db, request.params.oldCommuneCode);
      await cache.fresh(reply);
      return lookup;
    },
  );
};
