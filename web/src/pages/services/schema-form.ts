/**
 * The dossier form, read from a procedure's JSON Schema (draft 2020-12): which inputs to show, how
 * to turn what was typed into the `data` object sent to the API (and back, for a draft), and the
 * checks made before sending. The server validates again; its field errors (`data.childName`,
 * `data/child/name`) are matched back to the inputs with `fieldKeyOf`.
 *
 * Supported: strings (text, long text, date, email, tel, pattern, length), numbers and integers,
 * enums (as a select; labels from `oneOf: [{ const, title }]`), booleans (`const: true` = must be
 * ticked), and objects nested one level (a group of inputs). Local `$ref`s (`#/$defs/x`) resolve.
 */
export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  'x-multiline'?: boolean;
};

export type FieldKind = 'text' | 'textarea' | 'date' | 'email' | 'tel' | 'number' | 'integer' | 'boolean' | 'select';
export type Option = { value: string; label: string };

export type FormField = {
  /** Dotted path inside `data`: `childName`, `father.fullName`. */
  key: string;
  label: string;
  hint?: string;
  kind: FieldKind;
  required: boolean;
  options?: Option[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** A box that must be ticked (`const: true`), e.g. a declaration. */
  mustBeTrue?: boolean;
  /** The schema's `default`, offered in a new form ("Việt Nam" for a nationality). */
  defaultValue?: string | boolean;
};

export type FormGroup = { key: string; label: string; hint?: string; fields: FormField[] };
export type FormItem = { group: FormGroup } | { field: FormField };

/** What the inputs hold: text as typed, booleans as booleans. */
export type FormValues = Record<string, string | boolean>;

export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'tick' }
  | { kind: 'pattern' }
  | { kind: 'date' }
  | { kind: 'email' }
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'minLength'; limit: number }
  | { kind: 'maxLength'; limit: number }
  | { kind: 'minimum'; limit: number }
  | { kind: 'maximum'; limit: number }
  | { kind: 'option' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const resolve = (schema: JsonSchema, root: JsonSchema): JsonSchema => {
  const ref = schema.$ref;
  if (!ref?.startsWith('#/')) return schema;
  const [section, name] = ref.slice(2).split('/');
  const defs = section === '$defs' ? root.$defs : section === 'definitions' ? root.definitions : undefined;
  const target = name ? defs?.[name] : undefined;
  return target ? { ...target, ...schema, $ref: undefined } : schema;
};

const mainType = (schema: JsonSchema): string | undefined => {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.find((t) => t !== 'null');
};

const optionsOf = (schema: JsonSchema): Option[] | undefined => {
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices && choices.length > 0 && choices.every((c) => c.const !== undefined)) {
    return choices.map((c) => ({ value: String(c.const), label: c.title ?? String(c.const) }));
  }
  if (schema.enum) return schema.enum.filter((v) => v !== null).map((v) => ({ value: String(v), label: String(v) }));
  return undefined;
};

const kindOf = (schema: JsonSchema, options: Option[] | undefined): FieldKind => {
  const type = mainType(schema);
  if (options) return 'select';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'email';
  if (schema.format === 'tel' || schema.format === 'phone') return 'tel';
  if (schema['x-multiline'] || (schema.maxLength ?? 0) > 500) return 'textarea';
  return 'text';
};

const fieldOf = (key: string, name: string, raw: JsonSchema, root: JsonSchema, required: boolean): FormField => {
  const schema = resolve(raw, root);
  const options = optionsOf(schema);
  return {
    key,
    label: schema.title ?? name,
    hint: schema.description,
    kind: kindOf(schema, options),
    required,
    options,
    pattern: schema.pattern,
    minLength: schema.minLength,
    maxLength: schema.maxLength,
    minimum: schema.minimum,
    maximum: schema.maximum,
    mustBeTrue: schema.const === true ? true : undefined,
    defaultValue: typeof schema.default === 'boolean' ? schema.default : typeof schema.default === 'string' || typeof schema.default === 'number' ? String(schema.default) : undefined,
  };
};

/**
 * The properties of an object schema in the order to ask them. A schema stored as PostgreSQL
 * `jsonb` loses its key order, so: `x-order` (or `propertyOrder`) when the schema names one, else
 * the required ones in the order of `required` (arrays keep their order), then the others.
 */
export const orderedProperties = (schema: JsonSchema): [string, JsonSchema][] => {
  const entries = Object.entries(schema.properties ?? {});
  const named = (schema as { 'x-order'?: unknown; propertyOrder?: unknown })['x-order'] ?? (schema as { propertyOrder?: unknown }).propertyOrder;
  const order = Array.isArray(named) ? named.filter((n): n is string => typeof n === 'string') : (schema.required ?? []);
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i).map(({ e }) => e);
};

/** The form's inputs, in order (see orderedProperties); objects nested deeper than one level are left out. */
export const formItemsOf = (form: unknown): FormItem[] => {
  if (!isObject(form)) return [];
  const root = form as JsonSchema;
  const required = new Set(root.required ?? []);
  const items: FormItem[] = [];
  for (const [name, raw] of orderedProperties(root)) {
    const schema = resolve(raw, root);
    if (mainType(schema) === 'object' || schema.properties) {
      const inner = new Set(schema.required ?? []);
      const fields = orderedProperties(schema)
        .filter(([, child]) => {
          const c = resolve(child, root);
          return mainType(c) !== 'object' && mainType(c) !== 'array' && !c.properties;
        })
        .map(([childName, child]) => fieldOf(`${name}.${childName}`, childName, child, root, inner.has(childName)));
      items.push({ group: { key: name, label: schema.title ?? name, hint: schema.description, fields } });
    } else if (mainType(schema) !== 'array') {
      items.push({ field: fieldOf(name, name, schema, root, required.has(name)) });
    }
  }
  return items;
};

export const fieldsOf = (items: FormItem[]): FormField[] => items.flatMap((item) => ('group' in item ? item.group.fields : [item.field]));

const read = (data: unknown, key: string): unknown => key.split('.').reduce<unknown>((value, part) => (isObject(value) ? value[part] : undefined), data);

/** The inputs' values for a saved `data` object (a draft being resumed), or the defaults of a new form. */
export const valuesOf = (fields: FormField[], data: unknown, withDefaults = false): FormValues => {
  const values: FormValues = {};
  for (const field of fields) {
    const saved = read(data, field.key);
    const value = saved === undefined && withDefaults ? field.defaultValue : saved;
    if (field.kind === 'boolean') values[field.key] = value === true;
    else if (value !== undefined && value !== null) values[field.key] = String(value);
    else values[field.key] = '';
  }
  return values;
};

const isBlank = (value: string | boolean | undefined) => value === undefined || (typeof value === 'string' && value.trim() === '');

/** `data` for the API: blank inputs left out, numbers as numbers, text trimmed, groups as objects. */
export const dataOf = (fields: FormField[], values: FormValues): Record<string, unknown> => {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.key];
    if (field.kind === 'boolean' ? raw !== true && !field.required : isBlank(raw)) continue;
    let value: unknown = field.kind === 'boolean' ? raw === true : String(raw).trim();
    if ((field.kind === 'number' || field.kind === 'integer') && typeof value === 'string') {
      const number = Number(value.replace(',', '.'));
      value = Number.isFinite(number) ? number : value;
    }
    const path = field.key.split('.');
    let target = data;
    for (const part of path.slice(0, -1)) {
      if (!isObject(target[part])) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  return data;
};

const isRealDate = (text: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
};

/** The first problem with one input, or undefined when it is fine. */
export const checkField = (field: FormField, raw: string | boolean | undefined): FieldProblem | undefined => {
  if (field.kind === 'boolean') return field.mustBeTrue && raw !== true ? { kind: 'tick' } : undefined;
  if (isBlank(raw)) return field.required ? { kind: 'required' } : undefined;
  const text = String(raw).trim();
  if (field.kind === 'select') return field.options?.some((o) => o.value === text) ? undefined : { kind: 'option' };
  if (field.kind === 'number' || field.kind === 'integer') {
    const number = Number(text.replace(',', '.'));
    if (!Number.isFinite(number)) return { kind: 'number' };
    if (field.kind === 'integer' && !Number.isInteger(number)) return { kind: 'integer' };
    if (field.minimum !== undefined && number < field.minimum) return { kind: 'minimum', limit: field.minimum };
    if (field.maximum !== undefined && number > field.maximum) return { kind: 'maximum', limit: field.maximum };
    return undefined;
  }
  if (field.kind === 'date' && !isRealDate(text)) return { kind: 'date' };
  if (field.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { kind: 'email' };
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength) return { kind: 'minLength', limit: field.minLength };
  if (field.maxLength !== undefined && length > field.maxLength) return { kind: 'maxLength', limit: field.maxLength };
  if (field.pattern) {
    try {
      if (!new RegExp(field.pattern, 'u').test(text)) return { kind: 'pattern' };
    } catch {
      return undefined; // a pattern the browser cannot read is left to the server
    }
  }
  return undefined;
};

/** Every input's problem, by field key. */
export const checkForm = (fields: FormField[], values: FormValues): Record<string, FieldProblem> => {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = checkField(field, values[field.key]);
    if (problem) problems[field.key] = problem;
  }
  return problems;
};

/**
 * The input a server field error belongs to: `data.childName`, `data/child/name`, `/childName`
 * → `childName`, `child.name`; `documents.CMND` → `documents.CMND`; anything else as it came.
 */
export const fieldKeyOf = (field: string): string => {
  const dotted = field.replace(/^\/+/, '').replace(/\//g, '.');
  return dotted.startsWith('data.') ? dotted.slice('data.'.length) : dotted;
};
