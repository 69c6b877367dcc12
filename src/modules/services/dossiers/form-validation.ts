import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../../../platform/http/problems.ts';
import { toClassicToneMarks } from '../../../platform/text/index.ts';

/**
 * Checks a dossier's `data` against its procedure's form, a JSON Schema (draft 2020-12), and
 * turns every failure into a field error named from the root of the request body
 * (`data.childName`, `data.parents.0.idNumber`) with a Vietnamese message. Compiled validators
 * are cached per procedure code and version (its `updated_at`), so an edited form takes effect
 * at once and an unchanged one is compiled once per process.
 */
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// `strict: false`: catalogue forms carry presentation keywords (`title`, `x-widget`, …) that the
// validator must ignore rather than reject. `verbose` keeps each error's schema, for titles.
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
addFormats(ajv);

const MAX_CACHED = 500;
const cache = new Map<string, ValidateFunction>();

export type FormSource = { code: string; updatedAt: Date; form: unknown };

const validatorFor = (procedure: FormSource): ValidateFunction => {
  const key = `${procedure.code}@${procedure.updatedAt.toISOString()}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = ajv.compile(procedure.form as object);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
};

const pathOf = (instancePath: string) =>
  instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));

const titleOf = (schema: unknown): string | undefined => {
  const title = (schema as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
};

const messageOf = (e: ErrorObject): string => {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'Bắt buộc nhập';
    case 'type':
      return `Sai kiểu dữ liệu (cần ${String(p.type)})`;
    case 'format':
      return p.format === 'date' ? 'Ngày không hợp lệ (dạng YYYY-MM-DD)' : `Sai định dạng (${String(p.format)})`;
    case 'pattern':
      return 'Sai định dạng';
    case 'minLength':
      return `Cần ít nhất ${String(p.limit)} ký tự`;
    case 'maxLength':
      return `Tối đa ${String(p.limit)} ký tự`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `Giá trị phải ${e.keyword === 'minimum' ? '≥' : '>'} ${String(p.limit)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `Giá trị phải ${e.keyword === 'maximum' ? '≤' : '<'} ${String(p.limit)}`;
    case 'enum':
    case 'const':
      return 'Giá trị không nằm trong danh sách cho phép';
    case 'minItems':
      return `Cần ít nhất ${String(p.limit)} mục`;
    case 'maxItems':
      return `Tối đa ${String(p.limit)} mục`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'Trường này không có trong biểu mẫu';
    default:
      return 'Giá trị không hợp lệ';
  }
};

const toFieldError = (e: ErrorObject): FieldError => {
  const path = pathOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  let title = titleOf(e.parentSchema);
  if (e.keyword === 'required' && typeof p.missingProperty === 'string') {
    path.push(p.missingProperty);
    const properties = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
    title = titleOf(properties?.[p.missingProperty]);
  } else if ((e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') && typeof (p.additionalProperty ?? p.unevaluatedProperty) === 'string') {
    path.push(String(p.additionalProperty ?? p.unevaluatedProperty));
    title = undefined;
  }
  const message = messageOf(e);
  return { field: ['data', ...path].join('.'), message: title ? `${title}: ${message}` : message };
};

/** Every way `data` fails the procedure's form, one error per field (the first reason for each). */
export const validateFormData = (procedure: FormSource, data: unknown): FieldError[] => {
  const validate = validatorFor(procedure);
  if (validate(data)) return [];
  const byField = new Map<string, FieldError>();
  for (const error of validate.errors ?? []) {
    const fieldError = toFieldError(error);
    if (!byField.has(fieldError.field)) byField.set(fieldError.field, fieldError);
  }
  return [...byField.values()];
};

/**
 * The form data as stored: every string NFC-normalised with the classic tone-mark placement
 * ("Hòa", not "Hoà") and trimmed; line breaks inside a text are kept.
 */
export const normalizeFormData = (value: unknown): unknown => {
  if (typeof value === 'string') return toClassicToneMarks(value.normalize('NFC')).trim();
  if (Array.isArray(value)) return value.map(normalizeFormData);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeFormData(v)]));
  return value;
};
