/**
 * The fields of a POST request as the spec sends them (`application/x-www-form-urlencoded`):
 * plain keys, and `attribute[code]=value` / `attribute[code][]=v1&attribute[code][]=v2` for the
 * service definition's attributes. A JSON body gives the same fields, `attribute` as an object
 * or in the bracket form. Plain keys keep their first value.
 */
export type PostFields = {
  fields: Record<string, string>;
  attribute: Record<string, string | string[]>;
};

const ATTRIBUTE_KEY = /^attribute\[([^\]]+)\](\[\])?$/;

const addAttribute = (into: PostFields['attribute'], code: string, value: string, isList: boolean) => {
  const had = into[code];
  if (!isList) {
    into[code] = had === undefined ? value : [had, value].flat();
    return;
  }
  into[code] = had === undefined ? [value] : [had, value].flat();
};

const scalar = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

const collect = (entries: Iterable<[string, unknown]>): PostFields => {
  // Null-prototype records: a key named `__proto__` is just a key.
  const out: PostFields = { fields: Object.create(null), attribute: Object.create(null) };
  for (const [key, value] of entries) {
    const attr = ATTRIBUTE_KEY.exec(key);
    if (attr) {
      for (const v of [value].flat()) {
        const s = scalar(v);
        if (s !== undefined) addAttribute(out.attribute, attr[1]!, s, Boolean(attr[2]) || Array.isArray(value));
      }
      continue;
    }
    if (key === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value)) {
        const values = [v].flat().map(scalar).filter((s): s is string => s !== undefined);
        if (values.length) out.attribute[code] = Array.isArray(v) ? values : values[0]!;
      }
      continue;
    }
    const s = scalar(Array.isArray(value) ? value[0] : value);
    if (s !== undefined && !(key in out.fields)) out.fields[key] = s;
  }
  return out;
};

/** A form-urlencoded body as an object; a key sent more than once keeps all its values. */
export const parseFormBody = (body: string): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const had = out[key];
    out[key] = had === undefined ? value : [had, value].flat();
  }
  return out;
};

/** The POST's fields from a parsed form or JSON body (anything else gives none). */
export const postFieldsOf = (body: unknown): PostFields =>
  body && typeof body === 'object' && !Array.isArray(body) ? collect(Object.entries(body)) : { fields: {}, attribute: {} };
