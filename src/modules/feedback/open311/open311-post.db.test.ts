import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { buildTestApp } from '../../../../test/helpers/app.ts';
import { sha256Hex } from './api-keys.ts';
import { countRows, DEMO_KEY, expectOpen311Error, form, jsonOf, TAN_NINH, V2, xmlOf } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db);

type Posted = { service_request_id: string; token?: string; service_notice: string; account_id: string | null };

const valid = {
  api_key: DEMO_KEY,
  service_code: 'ha-tang-giao-thong',
  lat: String(TAN_NINH.lat),
  long: String(TAN_NINH.lng),
  description: 'Ổ gà rất sâu trước số 12 đường 30/4. Xe máy té ngã nhiều lần.',
  media_url: 'https://app.example.vn/anh/o-ga.jpg',
  email: 'nguoidan@example.vn',
  first_name: 'An',
  last_name: 'Nguyễn Văn',
  phone: '0912 345 678',
  device_id: 'device-1',
  account_id: 'acct-42',
};

const post = (fields: Record<string, string>, format: 'json' | 'xml' = 'json') => app.inject({ method: 'POST', url: `${V2}/requests.${format}`, ...form(fields) });

const storedReport = async (code: string) =>
  (
    await db.query(
      `SELECT r.*, t.code AS topic_code, a.code AS agency_code, c.state AS case_state, c.definition_key
         FROM feedback_reports r JOIN feedback_topics t ON t.id = r.topic_id JOIN agencies a ON a.id = r.agency_id
         JOIN workflow_cases c ON c.subject_type = 'feedback_report' AND c.subject_id = r.id
        WHERE r.code = $1`,
      [code],
    )
  ).rows[0];

describe('Open311 POST requests', () => {
  it('files an ordinary report from a form post and answers the spec list with id, token, notice and account_id', async () => {
    const res = await post(valid);
    expect(res.statusCode, res.body).toBe(201);
    const answer = jsonOf<Posted[]>(res);
    expect(answer).toHaveLength(1);
    const [posted] = answer;
    expect(Object.keys(posted!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id', 'token']);
    expect(posted!.service_request_id).toMatch(/^PA-\d{6}-\d{4,}$/);
    expect(posted!.account_id).toBe('acct-42');
    expect(posted!.service_notice).toContain('10 ngày làm việc');

    const row = await storedReport(posted!.service_request_id);
    expect(row).toMatchObject({
      topic_code: 'ha-tang-giao-thong',
      channel: 'open311',
      state: 'submitted',
      case_state: 'submitted',
      definition_key: 'feedback.report',
      is_public: false,
      reporter_id: null,
      privacy: 'secret',
      commune_code: '25459',
      agency_code: '001.00.00.H59',
      title: 'Ổ gà rất sâu trước số 12 đường 30/4.',
      description: valid.description,
      contact: { name: 'Nguyễn Văn An', email: 'nguoidan@example.vn', phone: '0912 345 678' },
      open311_token: posted!.token,
    });
    expect(row.due_at).toBeInstanceOf(Date);
    // One entry, in the filing's transaction, naming the client and its key.
    const audit = await db.query(`SELECT action, actor_name FROM audit_log WHERE target_type = 'feedback_report' AND target_id = $1 ORDER BY id`, [row.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['workflow.start', 'feedback.file']);
    expect(audit.rows.find((r) => r.action === 'feedback.file')!.actor_name).toBe('open311:Ứng dụng demo (Open311)');
  });

  it('answers XML with <service_requests><request> and takes a JSON body with attributes', async () => {
    const xml = xmlOf(await post({ ...valid, 'attribute[title]': 'Ổ gà đường 30/4', 'attribute[privacy]': 'public' }, 'xml')) as {
      service_requests: { request: { service_request_id: string; token: string; service_notice: string; account_id: string }[] };
    };
    const request = xml.service_requests.request[0]!;
    expect(request.service_request_id).toMatch(/^PA-/);
    expect(request.token.length).toBeGreaterThanOrEqual(20);
    expect(await storedReport(request.service_request_id)).toMatchObject({ title: 'Ổ gà đường 30/4', privacy: 'public' });

    const res = await app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      payload: { api_key: DEMO_KEY, service_code: 'thu-tuc-hanh-chinh', lat: 11.301, long: 106.096, description: 'Hồ sơ trễ hẹn 5 ngày.', attribute: { dossier_code: '000.00.04.h59-261201-0001', privacy: 'anonymous' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const code = jsonOf<Posted[]>(res)[0]!.service_request_id;
    expect(await storedReport(code)).toMatchObject({ topic_code: 'thu-tuc-hanh-chinh', dossier_code: '000.00.04.H59-261201-0001', privacy: 'anonymous', contact: {} });
  });

  it('places a request given only address_id or an address naming a commune at that commune', async () => {
    const byId = await post({ api_key: DEMO_KEY, service_code: 'rac-thai-ve-sinh', address_id: '25480', description: 'Rác tồn đọng ba ngày.' });
    expect(byId.statusCode, byId.body).toBe(201);
    expect(await storedReport(jsonOf<Posted[]>(byId)[0]!.service_request_id)).toMatchObject({ commune_code: '25480', address: '' });
    const byText = await post({ api_key: DEMO_KEY, service_code: 'rac-thai-ve-sinh', address_string: '45 Lê Lợi, Phường Ninh Thạnh, Tây Ninh', description: 'Rác tồn đọng.' });
    expect(byText.statusCode, byText.body).toBe(201);
    expect(await storedReport(jsonOf<Posted[]>(byText)[0]!.service_request_id)).toMatchObject({ commune_code: '25567', address: '45 Lê Lợi, Phường Ninh Thạnh, Tây Ninh' });
  });

  it('uses the service name as title when there is no description', async () => {
    const res = await post({ api_key: DEMO_KEY, service_code: 'chieu-sang-cong-cong', lat: String(TAN_NINH.lat), long: String(TAN_NINH.lng) });
    expect(res.statusCode, res.body).toBe(201);
    expect(await storedReport(jsonOf<Posted[]>(res)[0]!.service_request_id)).toMatchObject({ title: 'Chiếu sáng công cộng', description: 'Chiếu sáng công cộng' });
  });

  it('files a complaint too, resolvable by its token, yet never shown by id', async () => {
    const res = await post({ ...valid, service_code: 'khieu-nai-to-cao', description: 'Tố cáo cán bộ địa chính nhận tiền.' });
    expect(res.statusCode, res.body).toBe(201);
    const [posted] = jsonOf<Posted[]>(res);
    expect(posted!.service_notice).toContain('thanh tra');
    const [resolved] = jsonOf<Posted[]>(await app.inject(`${V2}/tokens/${posted!.token}.json`));
    expect(resolved!.service_request_id).toBe(posted!.service_request_id);
    expectOpen311Error(await app.inject(`${V2}/requests/${posted!.service_request_id}.json`), 404);
    expect(await storedReport(posted!.service_request_id)).toMatchObject({ topic_code: 'khieu-nai-to-cao', is_public: false });
  });

  it('refuses a missing, wrong or revoked api_key with 403 before reading anything else, storing nothing', async () => {
    await db.query(`INSERT INTO open311_api_keys (id, key_sha256, name, active) VALUES ('01900000-0000-7000-8000-0000000000c1', $1, 'Thu hồi', false)`, [sha256Hex('revoked-key')]);
    const before = await countRows(db);
    const { api_key: _key, ...noKey } = valid;
    for (const [fields, format] of [
      [noKey, 'json'],
      [{ ...valid, api_key: 'wrong' }, 'xml'],
      [{ ...valid, api_key: 'revoked-key' }, 'json'],
      [{ service_code: 'khong-co' }, 'json'], // 403 wins over the bad input
    ] as const) {
      expectOpen311Error(await post(fields, format), 403, format);
    }
    expectOpen311Error(await app.inject({ method: 'POST', url: `${V2}/requests.json`, payload: { ...valid, api_key: '' } }), 403);
    expect(await countRows(db)).toEqual(before);
  });

  it('reads a form sent with a charset parameter', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      payload: new URLSearchParams(valid).toString(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('takes api_key from the query string too', async () => {
    const { api_key: _key, ...noKey } = valid;
    const res = await app.inject({ method: 'POST', url: `${V2}/requests.json?api_key=${DEMO_KEY}`, ...form(noKey) });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses each bad input with a 400 error list naming the field, storing nothing', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ service_code: '' }, 'service_code'],
      [{ service_code: 'khong-co' }, 'service_code'],
      [{ lat: '', long: '', address_string: '', address_id: '' }, 'lat/long'],
      [{ lat: '11.3', long: '' }, 'long'],
      [{ lat: 'abc' }, 'lat'],
      [{ lat: '95' }, 'lat'],
      [{ long: '1e3' }, 'long'],
      [{ lat: '10.776', long: '106.7' }, 'lat'], // Hồ Chí Minh City, outside the province
      [{ lat: '', long: '', address_id: '79' }, 'address_id'],
      [{ lat: '', long: '', address_string: 'Đâu đó ngoài tỉnh' }, 'address_string'],
      [{ description: 'x'.repeat(4001) }, 'description'],
      [{ media_url: 'javascript:alert(1)' }, 'media_url'],
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: 'abc' }, 'phone'],
      [{ 'attribute[privacy]': 'everyone' }, 'attribute[privacy]'],
      [{ 'attribute[title]': 'x'.repeat(201) }, 'attribute[title]'],
      [{ service_code: 'thu-tuc-hanh-chinh', 'attribute[dossier_code]': '<script>' }, 'attribute[dossier_code]'],
      [{ jurisdiction_id: 'hanoi.gov.vn' }, 'jurisdiction_id'],
      [{ account_id: 'x'.repeat(201) }, 'account_id'],
    ];
    const before = await countRows(db);
    for (const [change, field] of cases) {
      const status = field === 'jurisdiction_id' ? 404 : 400;
      const items = expectOpen311Error(await post({ ...valid, ...change }), status);
      expect(items.map((i) => i.description).join(' '), JSON.stringify(change)).toContain(field);
    }
    const xmlItems = expectOpen311Error(await post({ ...valid, lat: 'abc' }, 'xml'), 400, 'xml');
    expect(xmlItems[0]!.description).toContain('lat');
    expect(await countRows(db)).toEqual(before);
  });

  it('refuses bodies it cannot read (a JSON array, another content type) without a 500', async () => {
    const before = await countRows(db);
    expectOpen311Error(await app.inject({ method: 'POST', url: `${V2}/requests.json`, payload: [1, 2] }), 403);
    const res = await app.inject({ method: 'POST', url: `${V2}/requests.xml`, headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(415);
    expectOpen311Error(res, 415, 'xml');
    const broken = await app.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'application/json' }, payload: '{"api_key":' });
    expectOpen311Error(broken, 400);
    expect(await countRows(db)).toEqual(before);
  });
});
