import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type ApiClient, requireApiClient } from './api-keys.ts';
import { discoveryAnswer } from './discovery.ts';
import { notFound, registerOpen311Errors } from './errors.ts';
import { parseFormBody, postFieldsOf } from './form-body.ts';
import { FORMATS, listAnswer, sendAnswer } from './format.ts';
import { checkJurisdiction, findJurisdiction } from './jurisdiction.ts';
import { findByToken, findRequest, listRequests } from './list-requests.ts';
import { postRequest } from './post-request.ts';
import { requestView } from './request-view.ts';
import { JurisdictionQuery, RequestIdParams, RequestsQuery, ServiceCodeParams, TokenParams } from './schema.ts';
import { requireService, listServices, serviceDefinitionAnswer, servicesAnswer } from './services.ts';

/** Open311 GeoReport v2, mounted at `/open311/v2`: README.md beside this file. */
export const open311Routes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  registerOpen311Errors(app);
  // The spec's POST is a form; JSON works too. Only inside this plugin.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, parseFormBody(body as string)),
  );
  // Reading is open data and nothing here rides on cookies: any web page may call it.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  const PUBLIC = { access: 'public' } as const;
  const tags = ['Open311'];
  /** `jurisdiction_id` from the query (or a POST's body) must be ours when given. */
  const jurisdictionChecked = async (request: FastifyRequest, fromBody?: string) => {
    const jurisdiction = await findJurisdiction(app.db);
    checkJurisdiction(jurisdiction, (request.query as { jurisdiction_id?: string }).jurisdiction_id || fromBody);
    return jurisdiction;
  };
  // The outside application whose api_key a POST carried, for the handler.
  const apiClients = new WeakMap<FastifyRequest, ApiClient>();
  const photoUrl = (publicFileId: string) => `${app.config.publicUrl.replace(/\/$/, '')}/api/feedback/files/${publicFileId}`;

  for (const format of FORMATS) {
    app.get(
      `/discovery.${format}`,
      { config: PUBLIC, schema: { tags, summary: `Khám phá dịch vụ (${format}) / service discovery`, querystring: JurisdictionQuery } },
      async (request, reply) => {
        const jurisdiction = await jurisdictionChecked(request);
        return sendAnswer(reply, format, discoveryAnswer({ publicUrl: app.config.publicUrl, isProduction: app.config.isProduction, jurisdiction }));
      },
    );

    app.get(
      `/services.${format}`,
      { config: PUBLIC, schema: { tags, summary: `Danh sách dịch vụ (lĩnh vực phản ánh) (${format}) / service list`, querystring: JurisdictionQuery } },
      async (request, reply) => {
        await jurisdictionChecked(request);
        return sendAnswer(reply, format, servicesAnswer(await listServices(app.db)));
      },
    );

    app.get(
      `/services/:service_code.${format}`,
      { config: PUBLIC, schema: { tags, summary: `Định nghĩa dịch vụ (${format}) / service definition`, params: ServiceCodeParams, querystring: JurisdictionQuery } },
      async (request, reply) => {
        await jurisdictionChecked(request);
        return sendAnswer(reply, format, serviceDefinitionAnswer(await requireService(app.db, request.params.service_code)));
      },
    );

    app.get(
      `/requests.${format}`,
      { config: PUBLIC, schema: { tags, summary: `Tra cứu phản ánh đã công khai (${format}) / service requests`, querystring: RequestsQuery } },
      async (request, reply) => {
        await jurisdictionChecked(request);
        const rows = await listRequests(app.db, request.query);
        return sendAnswer(reply, format, listAnswer('service_requests', 'request', rows.map((r) => requestView(r, { photoUrl }))));
      },
    );

    app.post(
      `/requests.${format}`,
      {
        config: PUBLIC,
        schema: {
          tags,
          summary: `Gửi phản ánh (${format}) / create a service request`,
          description:
            'application/x-www-form-urlencoded (hoặc JSON): api_key, service_code, lat+long | address_string | address_id, description, media_url, ' +
            'attribute[code], email, first_name, last_name, phone, device_id, account_id.',
          querystring: JurisdictionQuery,
        },
        // The key is checked before anything else in the body: a caller without one gets 403, never 400.
        preValidation: async (request) => {
          const body = postFieldsOf(request.body);
          const apiKey = body.fields.api_key ?? (request.query as { api_key?: string }).api_key;
          apiClients.set(request, await requireApiClient(app.db, apiKey));
        },
      },
      async (request, reply) => {
        const body = postFieldsOf(request.body);
        await jurisdictionChecked(request, body.fields.jurisdiction_id);
        const answer = await postRequest({ db: app.db, client: apiClients.get(request)!, calendar: app.calendar, requestId: request.id }, body);
        return sendAnswer(reply, format, answer, 201);
      },
    );

    app.get(
      `/requests/:service_request_id.${format}`,
      { config: PUBLIC, schema: { tags, summary: `Một phản ánh (${format}) / one service request`, params: RequestIdParams, querystring: JurisdictionQuery } },
      async (request, reply) => {
        await jurisdictionChecked(request);
        const row = await findRequest(app.db, request.params.service_request_id);
        return sendAnswer(reply, format, listAnswer('service_requests', 'request', [requestView(row, { photoUrl })]));
      },
    );

    app.get(
      `/tokens/:token.${format}`,
      { config: PUBLIC, schema: { tags, summary: `Mã phản ánh của một token (${format}) / request id from a token`, params: TokenParams, querystring: JurisdictionQuery } },
      async (request, reply) => {
        await jurisdictionChecked(request);
        const code = await findByToken(app.db, request.params.token);
        return sendAnswer(reply, format, listAnswer('service_requests', 'request', [{ service_request_id: code, token: request.params.token }]));
      },
    );
  }

  // Preflight for cross-origin POSTs with a JSON body.
  app.options('/*', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.status(204).header('access-control-allow-methods', 'GET, POST').header('access-control-allow-headers', 'content-type').header('access-control-max-age', '86400').send(),
  );
  // Anything else under the prefix (another suffix, another method) in the spec's error format.
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    config: PUBLIC,
    schema: { hide: true },
    handler: async (request) => {
      throw notFound(`Không có ${request.method} ${request.url.split('?')[0]} / no such resource (use .json or .xml)`);
    },
  });
};

