import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from '../../platform/auth/access.ts';
import { createPartyOrg } from './create-party-org.ts';
import { getPartyOrg, listPartyOrgTree } from './party-orgs-queries.ts';
import { PartyOrg, PartyOrgCreate, PartyOrgDetail, PartyOrgIdParams, PartyOrgNode } from './party-orgs-schema.ts';
import { partyScopeOf } from './party-orgs-scope.ts';

/**
 * Party organisations. Nothing here is public: members (`party.read.own`) see their own
 * organisation and those above it, committee officers (`party.manage`) theirs and those below,
 * and only officers add organisations (audited). Anything else answers 404.
 */
export const partyOrgsRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const tags = ['Tổ chức Đảng'];
  const read = { access: { anyOf: ['party.read.own', 'party.manage'] } } as const;
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

  app.get(
    '/party-orgs',
    { config: read, schema: { tags, security, summary: 'Cây tổ chức Đảng trong phạm vi được xem', response: { 200: z.array(PartyOrgNode) } } },
    async (request) => listPartyOrgTree(app.db, partyScopeOf(requirePrincipal(request))),
  );

  app.get(
    '/party-orgs/:id',
    { config: read, schema: { tags, security, summary: 'Một tổ chức Đảng', params: PartyOrgIdParams, response: { 200: PartyOrgDetail } } },
    async (request) => getPartyOrg(app.db, partyScopeOf(requirePrincipal(request)), request.params.id),
  );

  app.post(
    '/party-orgs',
    {
      config: { access: { anyOf: ['party.manage'] } },
      schema: { tags, security, summary: 'Thêm tổ chức Đảng trực thuộc (cấp ủy)', body: PartyOrgCreate, response: { 201: PartyOrg } },
    },
    async (request, reply) => {
      const scope = partyScopeOf(requirePrincipal(request));
      const org = await createPartyOrg(app.db, scope, request.body, { actor: auditActorOf(request), requestId: request.id });
      return reply.status(201).header('location', `/api/party-orgs/${org.id}`).send(org);
    },
  );
};
