import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { DOSSIER_WORKFLOW } from '../../src/modules/services/dossier-workflow.ts';
import { fileThroughApi, insertFixtureProcedure, FIXTURE_DOCUMENTS } from '../../src/modules/services/dossiers/testing.ts';
import type { Role } from '../../src/platform/auth/scopes.ts';
import type { Db } from '../../src/platform/db/pool.ts';
import { multipartBody, samplePdf, samplePng } from '../../src/platform/files/testing.ts';
import { addToInbox } from '../../src/platform/notify/inbox.ts';
import { signCallback } from '../../src/platform/payments/callback.ts';
import { bearer } from '../helpers/app.ts';
import { anyJson, asJsonSchema, NASTY_STRINGS, nastyString, type Pools, valueFor } from './arbitraries.ts';
import { oneUserPerRole, sessionFor } from './callers.ts';
import { type ApiRoute, paramNames, rolesAllowed } from './routes.ts';

/**
 * One fuzz case: who calls, with which path parameters, query string, headers and body. Cases are
 * data (printable in a failure report) and turned into an `inject` call by `toInject`.
 */
export type Auth = 'bearer' | 'cookie' | 'cookie-without-csrf' | 'none' | 'forged';
export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType?: string }
  | { kind: 'raw'; text: string; contentType: string }
  | { kind: 'multipart'; fileName: string; bytes: 'pdf' | 'png' | 'html' | 'svg' | 'polyglot' | 'random' | 'huge-pdf'; fields: Record<string, string> }
  | { kind: 'huge'; contentType: string };
export type FuzzCase = { caller: string; auth: Auth; params: Record<string, string>; query: string; headers: Record<string, string>; body: Body; sign?: boolean };

/** Real records the cases point at, so that many of them reach the handlers' queries. */
export type FuzzWorld = { pools: Pools; callerOf: Record<Role, string>; demoCallers: Record<string, string> };

const MB = 1024 * 1024;

/** Malformed percent-encodings, sent as they are (a client may send anything). */
const RAW_SEGMENTS = new Set(['%ZZ', '%E0%A4%A', '%', '..%2f..%2f', '%00', '%C0%AE%C0%AE%2F']);
const RAW_PATH_VALUES = [...RAW_SEGMENTS];

/** A path segment: UTF-8 percent-encoded (lone surrogates become U+FFFD), or one of the raw malformed ones. */
const pathSegment = (value: string) =>
  RAW_SEGMENTS.has(value) ? value : [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Demo accounts that own or handle the records in the pools, per role. */
const DEMO_BY_ROLE: Partial<Record<Role, string>> = {
  citizen: 'congdan',
  officer: 'chuyenvien',
  agency_leader: 'lanhdao',
  province_leader: 'lanhdaotinh',
  admin: 'admin',
  party_member: 'dangvien',
  party_officer: 'tinhuy',
};

export const buildWorld = async (app: FastifyInstance, db: Db): Promise<FuzzWorld> => {
  const userIds = Object.fromEntries((await db.query<{ username: string; id: string }>('SELECT username, id FROM users')).rows.map((r) => [r.username, r.id]));
  const perRole = await oneUserPerRole(db);
  const callerOf = {} as Record<Role, string>;
  const demoCallers: Record<string, string> = {};
  for (const [role, id] of Object.entries(perRole) as [Role, string][]) {
    const username = DEMO_BY_ROLE[role] && userIds[DEMO_BY_ROLE[role]] ? DEMO_BY_ROLE[role] : Object.keys(userIds).find((u) => userIds[u] === id)!;
    callerOf[role] = username;
    demoCallers[username] = userIds[username]!;
  }
  const token = (await sessionFor(app, userIds.congdan!)).token;
  const procedure = await insertFixtureProcedure(db);
  const filed = [];
  for (let i = 0; i < 3; i += 1) filed.push(await fileThroughApi(app, db, token, procedure));
  const draft = await app.inject({ method: 'POST', url: '/api/dossiers', headers: bearer(token), payload: { procedureCode: procedure, submit: false } });
  const files = (await db.query<{ id: string }>('SELECT id FROM files WHERE owner_user_id = $1', [userIds.congdan])).rows.map((r) => r.id);
  const notification = await addToInbox(db, { userId: userIds.congdan!, kind: 'test', title: 'Thử', body: 'Thử' });
  const column = async (sql: string) => (await db.query<{ v: string }>(sql)).rows.map((r) => String(r.v));
  const agencies = await column('SELECT id AS v FROM agencies ORDER BY code LIMIT 20');
  const communes = await column(`SELECT code AS v FROM admin_communes WHERE province_code = '80' LIMIT 10`);
  const ids = [...filed.map((d) => d.id), draft.json<{ id: string }>().id, ...files, notification, ...Object.values(userIds).slice(0, 10), ...agencies];
  const pools: Pools = {
    id: ids,
    fileId: files,
    files,
    agencyId: agencies,
    assigneeId: [userIds.chuyenvien!, userIds.lanhdao!],
    partyOrgId: await column('SELECT id AS v FROM party_orgs LIMIT 5'),
    procedureCode: [procedure, ...(await column('SELECT code AS v FROM procedures LIMIT 5'))],
    code: [...filed.map((d) => d.code), ...FIXTURE_DOCUMENTS.map((d) => d.code), procedure],
    reference: filed.map((d) => d.code),
    action: Object.keys(DOSSIER_WORKFLOW.actions),
    communeCode: communes,
    year: ['2025', '2026', '2027', '2026.ics', '1899', '3000'],
    roles: ['citizen', 'officer', 'admin'],
    username: ['congdan', 'admin', 'chuyenvien', 'khong.ton.tai'],
    password: ['demo1234', 'sai-mat-khau', ''],
    fullName: ['Nguyễn Văn An'.normalize('NFD'), 'Trần Thị Bình'],
    birthDate: ['1990-05-17', '2026-02-30', '1800-01-01'],
    purpose: ['Xin việc', 'Du học'],
    newDueAt: [new Date(Date.now() + 86_400_000 * 10).toISOString()],
    amount: ['50000', '0', '-1'],
    reason: ['Thiếu giấy tờ theo quy định của pháp luật hiện hành'],
    '@fields': ['fullName', 'birthDate', 'purpose', 'idNumber', 'reason', 'note', 'amount', 'assigneeId', 'newDueAt', 'checklist', 'documents'],
  };
  return { pools, callerOf, demoCallers };
};

/** Header values as a client could send them: Latin-1 without control characters. */
const headerSafe = (s: string) =>
  [...Buffer.from(s, 'utf8').toString('latin1')].filter((ch) => ch === '\t' || (ch >= ' ' && ch !== '\x7f')).join('').slice(0, 300);

const headersArb = (): fc.Arbitrary<Record<string, string>> =>
  fc
    .record(
      {
        'x-request-id': fc.oneof(fc.constantFrom('req-fuzz-0001', 'short', 'x'.repeat(80)), nastyString()),
        'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('k', 'x'.repeat(101)), nastyString()),
        accept: fc.constantFrom('application/json', 'application/xml', 'text/html', '*/*', 'application/problem+json;q=0.1'),
        'accept-language': fc.constantFrom('vi', 'en', 'vi-VN,vi;q=0.9,en;q=0.8', '*', ''),
        'x-forwarded-for': fc.oneof(fc.ipV4(), nastyString()),
        'if-none-match': nastyString(),
        'user-agent': nastyString(),
        'content-language': nastyString(),
      },
      { requiredKeys: [] },
    )
    .map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, headerSafe(v)])));

const isMultipart = (route: ApiRoute) => ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');
const BROKEN_MULTIPART = [
  '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4',
  '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--',
  '--x--',
  '--y\r\n\r\n',
  `--x\r\nContent-Disposition: form-data; name="${'n'.repeat(5000)}"\r\n\r\nv\r\n--x--`,
];
const RAW_BODIES = ['{', '{"a":1,}', '[]', 'null', '0', '"x"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"polluted":1}}}', '\ufeff{}', '\u0000', `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"a":"${'\\u0000'.repeat(10)}"}`];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

const bodyArb = (route: ApiRoute, pools: Pools): fc.Arbitrary<Body> => {
  if (isMultipart(route)) {
    const upload = fc.record({
      kind: fc.constant('multipart' as const),
      fileName: fc.oneof(fc.constantFrom('giấy tờ.pdf', 'Đơn đề nghị.PDF', '../../../etc/passwd', '..\\..\\boot.ini', '/tmp/x.png', '.htaccess', 'a.html', 'x.svg', 'CON', 'tên\u200bẩn.pdf', '\u202eexe.pdf'), nastyString()),
      bytes: fc.constantFrom('pdf', 'png', 'html', 'svg', 'polyglot', 'random'),
      fields: fc.dictionary(fc.constantFrom('note', 'kind', 'file', 'x'), nastyString(), { maxKeys: 3 }),
    });
    const broken = fc.record({ kind: fc.constant('raw' as const), text: fc.oneof(fc.constantFrom(...BROKEN_MULTIPART), nastyString()), contentType: fc.constantFrom('multipart/form-data; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary=') });
    return fc.oneof({ weight: 6, arbitrary: upload }, { weight: 2, arbitrary: broken }, { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) });
  }
  const schema = asJsonSchema(route.schema?.body);
  const json = valueFor(schema, pools).map((value): Body => ({ kind: 'json', value }));
  return fc.oneof(
    { weight: 8, arbitrary: json },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), value: anyJson(), contentType: fc.constantFrom(...CONTENT_TYPES) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.oneof(fc.constantFrom(...RAW_BODIES), nastyString()), contentType: fc.constantFrom(...CONTENT_TYPES) }) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
};

const queryArb = (route: ApiRoute, pools: Pools): fc.Arbitrary<string> => {
  const schema = asJsonSchema(route.schema?.querystring);
  const shaped = (schema ? valueFor(schema, pools) : fc.constant({})).map((q) => {
    const search = new URLSearchParams();
    if (q && typeof q === 'object' && !Array.isArray(q)) {
      for (const [k, v] of Object.entries(q)) for (const one of [v].flat()) search.append(k, typeof one === 'string' ? one : JSON.stringify(one) ?? '');
    }
    return search.toString();
  });
  const junk = fc.constantFrom('a[b]=1&a=2', '%ZZ', '&&==&', 'page=1&page=2', `q=${'%00'.repeat(3)}`, '__proto__[x]=1', `x=${'y'.repeat(3000)}`);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: junk });
};

const paramsArb = (route: ApiRoute, pools: Pools): fc.Arbitrary<Record<string, string>> => {
  const schema = asJsonSchema(route.schema?.params);
  const names = paramNames(route.url);
  return fc.record(
    Object.fromEntries(
      names.map((n) => [n, fc.oneof({ weight: 3, arbitrary: valueFor(schema?.properties?.[n], pools, n).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? 'null')) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS.slice(0, 30), ...RAW_PATH_VALUES) })]),
    ),
  );
};

export const caseArb = (route: ApiRoute, world: FuzzWorld): fc.Arbitrary<FuzzCase> => {
  const roles = rolesAllowed(route.access);
  const callers = route.access === 'public' ? ['anonymous', world.callerOf.citizen] : roles.map((r) => world.callerOf[r]);
  return fc.record({
    caller: fc.constantFrom(...callers),
    auth: fc.oneof({ weight: 12, arbitrary: fc.constant<Auth>('bearer') }, { weight: 2, arbitrary: fc.constant<Auth>('cookie') }, fc.constantFrom<Auth>('cookie-without-csrf', 'none', 'forged')),
    params: paramsArb(route, world.pools),
    query: queryArb(route, world.pools),
    headers: headersArb(),
    body: bodyArb(route, world.pools),
    sign: fc.boolean(),
  });
};

/** A body of ~10 MB: over every limit but the uploads'. */
export const hugeCase = (route: ApiRoute, world: FuzzWorld): FuzzCase => ({
  caller: route.access === 'public' ? 'anonymous' : world.callerOf[rolesAllowed(route.access)[0]!],
  auth: 'bearer',
  params: Object.fromEntries(paramNames(route.url).map((n) => [n, world.pools[n]?.[0] ?? 'x'])),
  query: '',
  headers: {},
  body: route.key === 'POST /api/files' ? { kind: 'multipart', fileName: 'lon.pdf', bytes: 'huge-pdf', fields: {} } : { kind: 'huge', contentType: 'application/json' },
});

const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const fileBytes = (kind: Extract<Body, { kind: 'multipart' }>['bytes']): Buffer => {
  switch (kind) {
    case 'pdf':
      return samplePdf();
    case 'png':
      return samplePng();
    case 'html':
      return HTML;
    case 'svg':
      return SVG;
    case 'polyglot':
      return Buffer.concat([samplePdf().subarray(0, 9), HTML, samplePdf()]);
    case 'huge-pdf':
      return samplePdf(10 * MB);
    default:
      return randomBytes(2048);
  }
};

export type Session = { token: string; csrfToken: string };

/** The `inject` options of a case; `sessionOf` gives the caller's current session. */
export const toInject = async (route: ApiRoute, c: FuzzCase, session: Session | undefined, callbackSecret: string | undefined): Promise<InjectOptions> => {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, n: string) => pathSegment(c.params[n] ?? 'x'));
  const headers: Record<string, string> = { ...c.headers };
  if (session && c.auth === 'bearer') headers.authorization = `Bearer ${session.token}`;
  if (session && (c.auth === 'cookie' || c.auth === 'cookie-without-csrf')) headers.cookie = `tinhso_session=${session.token}`;
  if (session && c.auth === 'cookie') headers['x-csrf-token'] = session.csrfToken;
  if (c.auth === 'forged') headers.authorization = `Bearer ${randomBytes(32).toString('base64url')}`;
  let payload: InjectOptions['payload'];
  const body = c.body;
  if (body.kind === 'json') {
    payload = JSON.stringify(body.value) ?? 'null';
    headers['content-type'] = body.contentType ?? 'application/json';
  } else if (body.kind === 'raw') {
    payload = body.text;
    headers['content-type'] = body.contentType;
  } else if (body.kind === 'huge') {
    payload = JSON.stringify({ text: 'Á'.repeat(5 * MB) });
    headers['content-type'] = body.contentType;
  } else if (body.kind === 'multipart') {
    const form = await multipartBody({ bytes: fileBytes(body.bytes), name: body.fileName, type: 'application/octet-stream' }, body.fields);
    payload = form.payload;
    Object.assign(headers, form.headers);
  }
  if (callbackSecret && c.sign && typeof payload === 'string') {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers['x-timestamp'] = timestamp;
    headers['x-signature'] = signCallback(callbackSecret, timestamp, payload);
  }
  return { method: route.method as 'POST', url: c.query ? `${path}?${c.query}` : path, headers, ...(payload === undefined ? {} : { payload }) };
};

/** A case as one line for a failure report (long strings shortened, bytes hashed). */
export const describeCase = (route: ApiRoute, c: FuzzCase) =>
  `${route.key} ${JSON.stringify(c, (_k, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars, sha256 ${createHash('sha256').update(v).digest('hex').slice(0, 12)})` : v))}`;
