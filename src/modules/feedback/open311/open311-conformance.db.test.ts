import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { buildTestApp } from '../../../../test/helpers/app.ts';
import { DEMO_KEY, expectOpen311Error, form, jsonOf, TAN_NINH, xmlOf } from './testing.ts';

/**
 * An outside GeoReport v2 client's first visit, from nothing but the discovery document:
 * discovery → services → service definition → POST a request (with the required attributes)
 * → token → the request by id, in JSON and in XML, as the spec's field names and formats.
 */
const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { PUBLIC_URL: 'http://open311.test' });

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const pathOf = (url: string) => url.replace('http://open311.test', '');

type Attr = { code: string; variable: boolean | string; required: boolean | string; datatype: string; values?: { key: string }[] };

/** Values for the required variable attributes, as a client would fill them. */
const answersFor = (attributes: Attr[]) =>
  Object.fromEntries(
    attributes
      .filter((a) => String(a.variable) === 'true')
      .filter((a) => String(a.required) === 'true' || a.datatype === 'singlevaluelist')
      .map((a) => [`attribute[${a.code}]`, a.values?.[0]?.key ?? 'Giá trị']),
  );

describe('Open311 conformance walk', () => {
  it('JSON: discovery → services → definition → POST → token → request', async () => {
    const discovery = jsonOf<{ endpoints: { url: string; specification: string; formats: string[] }[] }>(await app.inject('/open311/v2/discovery.json'));
    const endpoint = discovery.endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2' && e.formats.includes('application/json'))!;
    const base = pathOf(endpoint.url);

    const services = jsonOf<{ service_code: string; metadata: boolean; type: string }[]>(await app.inject(`${base}/services.json`));
    const service = services[0]!;
    expect(['realtime', 'batch', 'blackbox']).toContain(service.type);
    expect(typeof service.metadata).toBe('boolean');

    const definition = jsonOf<{ service_code: string; attributes: Attr[] }>(await app.inject(`${base}/services/${service.service_code}.json`));
    expect(definition.service_code).toBe(service.service_code);

    const posted = await app.inject({
      method: 'POST',
      url: `${base}/requests.json`,
      ...form({ api_key: DEMO_KEY, service_code: service.service_code, lat: String(TAN_NINH.lat), long: String(TAN_NINH.lng), description: 'Kiểm thử tuân thủ Open311.', ...answersFor(definition.attributes) }),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const [created] = jsonOf<{ service_request_id: string; token: string; service_notice: string; account_id: null }[]>(posted);

    const [resolved] = jsonOf<{ service_request_id: string; token: string }[]>(await app.inject(`${base}/tokens/${created!.token}.json`));
    expect(resolved).toEqual({ service_request_id: created!.service_request_id, token: created!.token });

    const [request] = jsonOf<Record<string, unknown>[]>(await app.inject(`${base}/requests/${resolved!.service_request_id}.json`));
    expect(request).toMatchObject({ service_request_id: created!.service_request_id, status: 'open', service_code: service.service_code });
    expect(request!.requested_datetime).toMatch(W3C);
    expect(request!.updated_datetime).toMatch(W3C);
    expect(request!.expected_datetime).toMatch(W3C);
    // Not public until a moderator publishes it: tracked, but nothing of its content shown.
    expect(request!.description).toBeNull();
  });

  it('XML: the same walk with the spec element names', async () => {
    const discovery = xmlOf(await app.inject('/open311/v2/discovery.xml')) as { discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] } } };
    const endpoint = discovery.discovery.endpoints.endpoint.find((e) => e.formats.format.includes('text/xml'))!;
    const base = pathOf(endpoint.url);

    const services = xmlOf(await app.inject(`${base}/services.xml`)) as { services: { service: { service_code: string; metadata: string }[] } };
    const service = services.services.service[0]!;
    expect(['true', 'false']).toContain(service.metadata);

    const definition = xmlOf(await app.inject(`${base}/services/${service.service_code}.xml`)) as {
      service_definition: { service_code: string; attributes: { attribute: (Attr & { values?: { value: { key: string }[] } })[] } };
    };
    const attributes = definition.service_definition.attributes.attribute.map((a) => ({ ...a, values: a.values?.value }));

    const posted = await app.inject({
      method: 'POST',
      url: `${base}/requests.xml`,
      ...form({ api_key: DEMO_KEY, service_code: service.service_code, address_string: 'Phường Long Hoa, Tây Ninh', description: 'Kiểm thử XML.', ...answersFor(attributes) }),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const created = (xmlOf(posted) as { service_requests: { request: { service_request_id: string; token: string; service_notice: string; account_id: string }[] } }).service_requests.request[0]!;
    expect(created.account_id).toBe('');

    const resolved = (xmlOf(await app.inject(`${base}/tokens/${created.token}.xml`)) as { service_requests: { request: { service_request_id: string }[] } }).service_requests.request[0]!;
    expect(resolved.service_request_id).toBe(created.service_request_id);

    const request = (xmlOf(await app.inject(`${base}/requests/${created.service_request_id}.xml`)) as { service_requests: { request: Record<string, string>[] } }).service_requests.request[0]!;
    expect(request).toMatchObject({ service_request_id: created.service_request_id, status: 'open' });
    expect(request.requested_datetime).toMatch(W3C);
  });

  it('the filed report is in the ordinary queue: moderated and published, it shows in GET requests', async () => {
    const posted = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      ...form({ api_key: DEMO_KEY, service_code: 'ngap-ung-thoat-nuoc', lat: String(TAN_NINH.lat), long: String(TAN_NINH.lng), description: 'Ngập sâu sau mưa ở hẻm 3.', email: 'an@example.vn' }),
    });
    const [created] = jsonOf<{ service_request_id: string }[]>(posted);
    const { rows } = await db.query(`SELECT id, state, channel FROM feedback_reports WHERE code = $1`, [created!.service_request_id]);
    expect(rows[0]).toMatchObject({ state: 'submitted', channel: 'open311' });
    // What moderation does to the row (the feedback module's own action sets the same columns).
    await db.query(`UPDATE feedback_reports SET state = 'moderated', is_public = true WHERE id = $1`, [rows[0]!.id]);
    const listed = jsonOf<Record<string, unknown>[]>(await app.inject('/open311/v2/requests.json?service_code=ngap-ung-thoat-nuoc&status=open'));
    const mine = listed.find((r) => r.service_request_id === created!.service_request_id)!;
    expect(mine).toMatchObject({ description: 'Ngập sâu sau mưa ở hẻm 3.', lat: TAN_NINH.lat, long: TAN_NINH.lng, address_id: '25459' });
    expect(JSON.stringify(listed)).not.toContain('an@example.vn');
  });

  it('answers browsers from other origins (CORS) and lets a client burst without being limited', async () => {
    const preflight = await app.inject({ method: 'OPTIONS', url: '/open311/v2/requests.json', headers: { origin: 'https://app.example.vn', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => app.inject(`/open311/v2/${i % 2 ? 'services.json' : 'requests.xml'}`).then((r) => r.statusCode)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const res = await app.inject('/open311/v2/services.json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(Number(res.headers['x-ratelimit-limit'])).toBeGreaterThanOrEqual(1000);
  });

  it('is documented on the OpenAPI page', async () => {
    const res = await app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of ['/open311/v2/discovery.json', '/open311/v2/services.xml', '/open311/v2/services/{service_code}.json', '/open311/v2/requests.json', '/open311/v2/tokens/{token}.xml']) {
      expect(paths).toContain(p);
    }
  });

  it('past the limit, answers 429 in the spec error format with Retry-After', async () => {
    let res = await app.inject('/open311/v2/nothing.xml');
    for (let i = 0; i < 1300 && res.statusCode !== 429; i += 1) res = await app.inject('/open311/v2/nothing.xml');
    expectOpen311Error(res, 429, 'xml');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
