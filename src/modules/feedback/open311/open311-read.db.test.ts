import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { buildTestApp } from '../../../../test/helpers/app.ts';
import { expectOpen311Error, jsonOf, reportIn, V2, xmlOf } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { PUBLIC_URL: 'https://pakn.tayninh.gov.vn' });

type Req = Record<string, unknown> & { service_request_id: string; status: string };

describe('Open311 discovery and services', () => {
  it('discovery names this endpoint, its formats and the spec, in JSON and XML', async () => {
    const json = jsonOf<{ changeset: string; contact: string; key_service: string; endpoints: Record<string, unknown>[] }>(await app.inject(`${V2}/discovery.json`));
    expect(json.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'https://pakn.tayninh.gov.vn/open311/v2',
        changeset: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/),
        type: 'test',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    expect(json.contact).toContain('tayninh.gov.vn');
    const xml = xmlOf(await app.inject(`${V2}/discovery.xml`)) as { discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] }; key_service: string } };
    expect(xml.discovery.endpoints.endpoint[0]!.url).toBe('https://pakn.tayninh.gov.vn/open311/v2');
    expect(xml.discovery.endpoints.endpoint[0]!.formats.format).toEqual(['text/xml', 'application/json']);
    expect(xml.discovery.key_service).toBe(json.key_service);
  });

  it('lists every Open311 topic as a service, the same in both formats', async () => {
    const json = jsonOf<Record<string, unknown>[]>(await app.inject(`${V2}/services.json`));
    const { rows } = await db.query<{ code: string }>('SELECT code FROM feedback_topics WHERE open311 AND active ORDER BY sort, code');
    expect(json.map((s) => s.service_code)).toEqual(rows.map((r) => r.code));
    expect(json[0]).toEqual({
      service_code: 'ha-tang-giao-thong',
      service_name: 'Hạ tầng giao thông',
      description: expect.any(String),
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('ổ gà'),
      group: 'Giao thông',
    });
    const xml = xmlOf(await app.inject(`${V2}/services.xml`)) as { services: { service: Record<string, string>[] } };
    expect(xml.services.service).toHaveLength(json.length);
    expect(xml.services.service[0]).toEqual({ ...json[0], metadata: 'true' });
  });

  it('hides a topic that is not an Open311 service or no longer active', async () => {
    await db.query(`UPDATE feedback_topics SET open311 = false WHERE code = 'giao-duc'`);
    try {
      const codes = jsonOf<{ service_code: string }[]>(await app.inject(`${V2}/services.json`)).map((s) => s.service_code);
      expect(codes).not.toContain('giao-duc');
      expectOpen311Error(await app.inject(`${V2}/services/giao-duc.json`), 404);
    } finally {
      await db.query(`UPDATE feedback_topics SET open311 = true WHERE code = 'giao-duc'`);
    }
  });

  it('defines each service with attributes: title and privacy everywhere, dossier_code on procedure topics', async () => {
    const general = jsonOf<{ service_code: string; attributes: Record<string, unknown>[] }>(await app.inject(`${V2}/services/ha-tang-giao-thong.json`));
    expect(general.service_code).toBe('ha-tang-giao-thong');
    expect(general.attributes.map((a) => a.code)).toEqual(['title', 'privacy']);
    for (const a of general.attributes) {
      expect(Object.keys(a).sort()).toEqual(
        ['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'variable', ...(a.datatype === 'singlevaluelist' ? ['values'] : [])].sort(),
      );
    }
    expect(general.attributes[1]).toMatchObject({ datatype: 'singlevaluelist', required: false, variable: true, order: 2 });
    expect((general.attributes[1]!.values as { key: string }[]).map((v) => v.key)).toEqual(['secret', 'public', 'anonymous']);

    const procedure = jsonOf<{ attributes: { code: string }[] }>(await app.inject(`${V2}/services/thu-tuc-hanh-chinh.json`));
    expect(procedure.attributes.map((a) => a.code)).toEqual(['title', 'privacy', 'dossier_code']);
    const inspection = jsonOf<{ attributes: { code: string; variable: boolean }[] }>(await app.inject(`${V2}/services/khieu-nai-to-cao.json`));
    expect(inspection.attributes[0]).toMatchObject({ code: 'legal_notice', variable: false });

    const xml = xmlOf(await app.inject(`${V2}/services/ha-tang-giao-thong.xml`)) as {
      service_definition: { service_code: string; attributes: { attribute: { code: string; variable: string; values?: { value: { key: string; name: string }[] } }[] } };
    };
    expect(xml.service_definition.service_code).toBe('ha-tang-giao-thong');
    expect(xml.service_definition.attributes.attribute.map((a) => a.code)).toEqual(['title', 'privacy']);
    expect(xml.service_definition.attributes.attribute[0]!.variable).toBe('true');
    expect(xml.service_definition.attributes.attribute[1]!.values!.value.map((v) => v.key)).toEqual(['secret', 'public', 'anonymous']);
  });

  it('answers an unknown service, path or suffix with the spec error list (404), never problem+json', async () => {
    const items = expectOpen311Error(await app.inject(`${V2}/services/khong-co.json`), 404);
    expect(items[0]!.description).toContain('khong-co');
    expectOpen311Error(await app.inject(`${V2}/services/khong-co.xml`), 404, 'xml');
    expectOpen311Error(await app.inject(`${V2}/services.html`), 404, 'xml');
    expectOpen311Error(await app.inject(`${V2}/nothing.json`), 404);
    expectOpen311Error(await app.inject({ method: 'DELETE', url: `${V2}/services.json` }), 404);
  });

  it('accepts its own jurisdiction_id (domain or province code) and refuses another with 404', async () => {
    for (const id of ['tayninh.gov.vn', 'TayNinh.gov.vn', '80', '']) {
      expect((await app.inject(`${V2}/services.json?jurisdiction_id=${id}`)).statusCode, id).toBe(200);
    }
    const items = expectOpen311Error(await app.inject(`${V2}/services.json?jurisdiction_id=hanoi.gov.vn`), 404);
    expect(items[0]!.description).toContain('tayninh.gov.vn');
    expectOpen311Error(await app.inject(`${V2}/requests.xml?jurisdiction_id=sfgov.org`), 404, 'xml');
    expectOpen311Error(await app.inject(`${V2}/discovery.json?jurisdiction_id=79`), 404);
  });
});

describe('Open311 GET requests', () => {
  const codes: Record<string, string> = {};
  beforeAll(async () => {
    codes.answered = (await reportIn(db, 'answered', true, { title: 'Đèn đường tắt', description: 'Đèn đường hẻm 5 không sáng.', topicCode: 'chieu-sang-cong-cong' })).code;
    codes.inProgress = (await reportIn(db, 'in_progress', true)).code;
    codes.unmoderated = (await reportIn(db, 'submitted', false, { title: 'Chưa kiểm duyệt', description: 'Nội dung chưa kiểm duyệt, có thể sai.' })).code;
    codes.rejected = (await reportIn(db, 'rejected', false)).code;
    codes.inspection = (await reportIn(db, 'moderated', true, { topicCode: 'khieu-nai-to-cao', title: 'Tố cáo cán bộ', description: 'Tố cáo cán bộ nhận tiền.' })).code;
    codes.transferred = (await reportIn(db, 'transferred', false)).code;
    codes.old = (await reportIn(db, 'answered', true, { at: new Date(Date.now() - 120 * 24 * 3600 * 1000) })).code;
    // A public photo copy (the only one ever shown) and an original.
    await db.query(`UPDATE feedback_reports SET photos = $2 WHERE code = $1`, [
      codes.answered,
      JSON.stringify([{ fileId: '01900000-0000-7000-8000-00000000aaaa', publicFileId: '01900000-0000-7000-8000-00000000bbbb', width: 800, height: 600 }]),
    ]);
  });

  const listed = async (query = '') => jsonOf<Req[]>(await app.inject(`${V2}/requests.json${query}`));

  it('lists published reports of the last 90 days, newest first, with the spec fields only', async () => {
    const all = await listed();
    const ids = all.map((r) => r.service_request_id);
    expect(ids).toContain(codes.answered);
    expect(ids).toContain(codes.inProgress);
    for (const hidden of [codes.unmoderated, codes.rejected, codes.inspection, codes.transferred, codes.old]) expect(ids).not.toContain(hidden);
    const answered = all.find((r) => r.service_request_id === codes.answered)!;
    expect(Object.keys(answered).sort()).toEqual(
      [
        'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
        'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
      ].sort(),
    );
    expect(answered).toMatchObject({
      status: 'closed',
      status_notes: 'Đã vá ổ gà ngày 10/12.',
      service_code: 'chieu-sang-cong-cong',
      service_name: 'Chiếu sáng công cộng',
      description: 'Đèn đường tắt. Đèn đường hẻm 5 không sáng.',
      agency_responsible: 'Ủy ban nhân dân phường Tân Ninh',
      address: 'Đường 30/4, phường Tân Ninh',
      address_id: '25459',
      lat: 11.301,
      long: 106.096,
      media_url: 'https://pakn.tayninh.gov.vn/api/feedback/files/01900000-0000-7000-8000-00000000bbbb',
    });
    expect(answered.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(answered.expected_datetime).toMatch(/\+07:00$/);
    const times = all.map((r) => Date.parse(r.requested_datetime as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('never shows the reporter, the contact or an original photo', async () => {
    for (const path of ['/requests.json', '/requests.xml', `/requests/${codes.answered}.json`, `/requests/${codes.unmoderated}.xml`]) {
      const body = (await app.inject(`${V2}${path}`)).body;
      for (const secret of ['Bí Mật', '0912345678', 'bimat@example.vn', '00000000aaaa', 'reporter', 'contact']) expect(body, `${path} ${secret}`).not.toContain(secret);
    }
  });

  it('filters by status, service_code, service_request_id and dates', async () => {
    const ids = (rows: Req[]) => rows.map((r) => r.service_request_id);
    const open = await listed('?status=open');
    expect(open.every((r) => r.status === 'open')).toBe(true);
    expect(ids(open)).toContain(codes.inProgress);
    const closed = await listed('?status=closed');
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    expect(ids(closed)).toContain(codes.answered);
    expect(ids(closed)).not.toContain(codes.inProgress);
    const all = await listed();
    expect(open.length + closed.length).toBe(all.length);
    expect((await listed('?status=open,closed')).length).toBe(all.length);
    expect((await listed('?status=open&status=closed')).length).toBe(all.length);

    const lights = await listed('?service_code=chieu-sang-cong-cong');
    expect(lights.every((r) => r.service_code === 'chieu-sang-cong-cong')).toBe(true);
    expect(ids(lights)).toContain(codes.answered);
    const two = await listed('?service_code=chieu-sang-cong-cong,ha-tang-giao-thong');
    expect(ids(two)).toEqual(expect.arrayContaining([codes.answered, codes.inProgress]));
    expect(two.every((r) => ['chieu-sang-cong-cong', 'ha-tang-giao-thong'].includes(r.service_code as string))).toBe(true);
    expect(await listed('?service_code=khong-co')).toEqual([]);

    // service_request_id overrides the other filters, and reaches older reports.
    const byId = await listed(`?service_request_id=${codes.old},${codes.answered}&status=open`);
    expect(ids(byId).sort()).toEqual([codes.old, codes.answered].sort());

    const future = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    expect(await listed(`?start_date=${encodeURIComponent(future)}`)).toEqual([]);
    const inWindow = (rows: Req[], from: number, to: number) => rows.every((r) => Date.parse(r.requested_datetime as string) >= from && Date.parse(r.requested_datetime as string) <= to);
    const day = 24 * 3600 * 1000;
    const startDay = new Date(Date.now() - 125 * day).toISOString().slice(0, 10);
    const fromStart = await listed(`?start_date=${startDay}`);
    expect(ids(fromStart)).toContain(codes.old);
    expect(ids(fromStart)).not.toContain(codes.answered);
    const startAt = Date.parse(`${startDay}T00:00:00+07:00`);
    expect(inWindow(fromStart, startAt, startAt + 90 * day)).toBe(true);
    const endAt = Date.now() - 100 * day;
    const beforeEnd = await listed(`?end_date=${encodeURIComponent(new Date(endAt).toISOString().replace('Z', '+00:00'))}`);
    expect(ids(beforeEnd)).toContain(codes.old);
    expect(inWindow(beforeEnd, endAt - 90 * day, endAt)).toBe(true);
    expect(inWindow(all, Date.now() - 90 * day, Date.now())).toBe(true);
  });

  it('refuses bad filters with 400 error lists in the asked format', async () => {
    expectOpen311Error(await app.inject(`${V2}/requests.json?status=pending`), 400);
    expectOpen311Error(await app.inject(`${V2}/requests.xml?start_date=yesterday`), 400, 'xml');
    expectOpen311Error(await app.inject(`${V2}/requests.json?end_date=2026-02-30`), 400);
    expectOpen311Error(await app.inject(`${V2}/requests.json?start_date=2026-12-05&end_date=2026-12-01`), 400);
    const span = expectOpen311Error(await app.inject(`${V2}/requests.json?start_date=2026-01-01&end_date=2026-12-01`), 400);
    expect(span[0]!.description).toContain('90');
  });

  it('shows one request by id in both formats; an unpublished one only as tracking', async () => {
    const one = jsonOf<Req[]>(await app.inject(`${V2}/requests/${codes.answered}.json`));
    expect(one).toHaveLength(1);
    expect(one[0]!.service_request_id).toBe(codes.answered);
    const xml = xmlOf(await app.inject(`${V2}/requests/${codes.answered!.toLowerCase()}.xml`)) as { service_requests: { request: Record<string, string>[] } };
    expect(xml.service_requests.request[0]).toMatchObject({ service_request_id: codes.answered, status: 'closed', lat: '11.301', long: '106.096', zipcode: '' });

    const tracking = jsonOf<Req[]>(await app.inject(`${V2}/requests/${codes.unmoderated}.json`))[0]!;
    expect(tracking).toMatchObject({ service_request_id: codes.unmoderated, status: 'open', status_notes: 'Chờ kiểm duyệt / awaiting moderation', description: null, address: null, lat: null, long: null, media_url: null });
    expect(JSON.stringify(tracking)).not.toContain('Chưa kiểm duyệt, có thể sai');
    expect(jsonOf<Req[]>(await app.inject(`${V2}/requests/${codes.rejected}.json`))[0]!.status).toBe('closed');
  });

  it('never shows a complaint or a report transferred to the inspectorate, even by id (404)', async () => {
    expectOpen311Error(await app.inject(`${V2}/requests/${codes.inspection}.json`), 404);
    expectOpen311Error(await app.inject(`${V2}/requests/${codes.transferred}.xml`), 404, 'xml');
    expect(await listed(`?service_request_id=${codes.inspection},${codes.transferred}`)).toEqual([]);
    expectOpen311Error(await app.inject(`${V2}/requests/PA-000101-0001.json`), 404);
    expectOpen311Error(await app.inject(`${V2}/tokens/khong-co-token.json`), 404);
  });
});
