import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check generators for hostile input: strings that have broken web apps before (Vietnamese in
 * both Unicode forms, emoji, zero-width and direction marks, NUL, lone surrogates, SQL and HTML
 * injection, path traversal, huge numbers), and values shaped by a route's own JSON Schema, so
 * that most cases get past validation into the handler and some land just outside each rule.
 */
const VIETNAMESE = 'Nguyễn Thị Hoà, Hòa Thành, Tây Ninh — Đơn đề nghị cấp phiếu lý lịch tư pháp';
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  VIETNAMESE.normalize('NFC'),
  VIETNAMESE.normalize('NFD'),
  'Hoà Hòa HOÀ ho\u0300a',
  'đ Đ ơ ư ạ ả ã ẫ ậ ỹ',
  '👩🏽‍💻🇻🇳🧧 Tết 🎆',
  '\u200b\u200c\u200d\u2060\ufeff',
  'tên\u200bẩn',
  '\u202eevil.pdf\u202dfdp.exe',
  'nul\u0000byte',
  '\ud800',
  '\udfff\ud800',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(10)--',
  "admin'--",
  '" OR ""="',
  '\\',
  '%',
  '_%',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd%00.pdf',
  'C:\\Users\\an\\đơn.pdf',
  'a'.repeat(5000),
  'Á'.repeat(70_000),
  '\r\nSet-Cookie: x=1',
  '__proto__',
  'constructor',
  '1e309',
  '-0',
  'NaN',
  '9007199254740993',
  '0x1F',
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'null',
  '{"$ne":null}',
];

export const nastyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...NASTY_STRINGS)).map(([a, b]) => `${a}${b}`) },
  );

const NASTY_NUMBERS = [0, -1, 1, 0.5, -0.000001, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e21, 1e308];

/** Any JSON value, with hostile strings and numbers in it. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      nastyString(),
      fc.constantFrom(...NASTY_NUMBERS),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(nastyString(), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

/** Values the app knows (real ids and codes), by the name of the field or parameter they fit. */
export type Pools = Record<string, readonly string[]>;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

/** A route schema (zod, as the routes declare them, or plain JSON Schema) as JSON Schema. */
export const asJsonSchema = (schema: unknown): JsonSchema | undefined => {
  if (!schema || typeof schema !== 'object') return undefined;
  if ('_zod' in schema) return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return schema as JsonSchema;
};

const patterned = (pattern: string): fc.Arbitrary<string> | undefined => {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
};

const stringFor = (s: JsonSchema, pool: readonly string[] | undefined): fc.Arbitrary<string> => {
  const options: fc.Arbitrary<string>[] = [nastyString()];
  if (pool?.length) options.push(fc.constantFrom(...pool), fc.constantFrom(...pool));
  if (s.format === 'uuid') options.push(fc.uuid({ version: 7 }), fc.uuid());
  else if (s.format === 'date') options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  else if (s.format === 'date-time') options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  else if (s.format === 'email') options.push(fc.emailAddress());
  else if (s.pattern && patterned(s.pattern)) options.push(patterned(s.pattern)!);
  else options.push(fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 200) }));
  return fc.oneof(...options);
};

/**
 * Values for a JSON Schema: mostly of its shape (so that a case reaches the handler), sometimes
 * just outside it (wrong type, hostile string, missing or unknown field). `name` is the field's
 * name, used to draw real ids and codes from `pools`.
 */
export const valueFor = (schema: JsonSchema | undefined, pools: Pools, name = '', depth = 0): fc.Arbitrary<unknown> => {
  const pool = pools[name];
  if (!schema || depth > 5) return pool?.length ? fc.oneof(fc.constantFrom(...pool), anyJson()) : anyJson();
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valueFor(v, pools, name, depth + 1)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0], pools, name, depth + 1);
  const shaped = shapedValue(schema, pools, name, depth);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: anyJson() });
};

const shapedValue = (schema: JsonSchema, pools: Pools, name: string, depth: number): fc.Arbitrary<unknown> => {
  const pool = pools[name];
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), nastyString());
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema, pool);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e9;
      const max = schema.maximum ?? 1e9;
      return fc.oneof(fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }), fc.constantFrom(...NASTY_NUMBERS, min - 1, max + 1), fc.double());
    }
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1));
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items, pools, name, depth + 1), { maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object':
      return objectFor(schema, pools, depth);
    default:
      return pool?.length ? fc.oneof(fc.constantFrom(...pool), anyJson()) : anyJson();
  }
};

const objectFor = (schema: JsonSchema, pools: Pools, depth: number): fc.Arbitrary<unknown> => {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  // A free-form object (form data, action data): fields the app knows by name (pool '@fields'), and junk.
  if (keys.length === 0) {
    const known = [...(pools['@fields'] ?? ['x'])];
    const real = fc.record(Object.fromEntries(known.map((k) => [k, valueFor(undefined, pools, k, depth + 1)])), { requiredKeys: [] });
    return fc.tuple(real, fc.dictionary(nastyString(), anyJson(), { maxKeys: 3 })).map(([r, junk]) => ({ ...junk, ...r }));
  }
  const fields = Object.fromEntries(keys.map((k) => [k, valueFor(properties[k], pools, k, depth + 1)]));
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(nastyString(), anyJson(), { maxKeys: 2 }), fc.nat({ max: 9 }))
    .map(([value, extra, dice]) => (dice === 0 ? { ...extra, ...value } : value));
};
