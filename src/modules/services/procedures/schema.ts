import { z } from 'zod';
import { normalizeText } from '../../../platform/text/index.ts';
import { formSchemaProblems } from './form-schema.ts';

/**
 * The procedure catalogue's shapes (one name for schema and type): a procedure as imported and
 * exported (`ProcedureInput`, the catalogue file's item), as answered (`Procedure`), and the search.
 */

/** `agencyCode` of commune-level procedures: the commune People's Committee the citizen chooses. */
export const COMMUNE_AGENCY_CODE = 'commune';
export const COMMUNE_AGENCY_NAME = 'Ủy ban nhân dân cấp xã (nơi người nộp hồ sơ chọn)';
export const DEFAULT_WORKFLOW = 'dossier.one-stop';
export const CATALOGUE_FORMAT = 'tinhso.procedures/1';

/** Paths of the API beside `/api/procedures/{code}`, so never a procedure's code. */
const RESERVED_CODES = new Set(['export', 'import', 'fields']);
export const ProcedureCode = z
  .string()
  .max(80)
  .regex(/^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/, 'Mã thủ tục chỉ gồm chữ không dấu, số và . - _ (ví dụ ho-tich.khai-sinh)')
  .refine((code) => !RESERVED_CODES.has(code.toLowerCase()), 'Mã thủ tục này dành cho đường dẫn của API');
/** A national agency code `ddd.dd.dd.Xdd`, or `commune`. */
export const ProcedureAgencyCode = z
  .string()
  .regex(/^(?:commune|[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})$/, 'Mã cơ quan dạng 000.00.04.H59, hoặc "commune" cho thủ tục cấp xã');
export const Level = z.enum(['province', 'commune']);
export const OnlineKind = z.enum(['toan-trinh', 'mot-phan']);
export const FeeChannel = z.enum(['online', 'counter', 'any']);
export const MinIdentityLevel = z.union([z.literal(0), z.literal(1), z.literal(2)], 'Mức định danh điện tử tối thiểu: 0, 1 hoặc 2');

/** Stored text: NFC, trimmed, one tone-mark placement; then non-empty and at most `max` long. */
const Text = (max: number) => z.string().transform(normalizeText).pipe(z.string().min(1, 'Không được để trống').max(max));
const OptionalText = (max: number) => Text(max).optional();
const NullableText = (max: number) => Text(max).nullable().default(null);

export const ProcedureDocument = z.object({
  code: z.string().max(60).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Mã giấy tờ chỉ gồm chữ thường không dấu, số và dấu -'),
  name: Text(500),
  required: z.boolean(),
  originals: z.int().min(0).max(50),
  copies: z.int().min(0).max(50),
  template: OptionalText(500),
  reusable: z.boolean(),
  note: OptionalText(500),
});
export type ProcedureDocument = z.infer<typeof ProcedureDocument>;

export const ProcedureFee = z.object({
  name: Text(300),
  amount: z.int('Mức thu là số nguyên đồng').min(0).max(1_000_000_000_000),
  channel: FeeChannel.optional(),
  note: OptionalText(500),
});
export type ProcedureFee = z.infer<typeof ProcedureFee>;

/** The dossier data's JSON Schema (draft 2020-12), checked by compiling it. */
export const FormSchema = z.record(z.string(), z.unknown()).superRefine((form, ctx) => {
  for (const message of formSchemaProblems(form)) ctx.addIssue({ code: 'custom', message });
});

export const ProcedureInput = z
  .object({
    code: ProcedureCode,
    nationalCode: z.string().max(40).nullable().default(null),
    name: Text(500),
    field: Text(200),
    level: Level,
    agencyCode: ProcedureAgencyCode,
    days: z.int().min(0).max(365).nullable().default(null),
    hours: z.int().min(0).max(2000).nullable().default(null),
    timeLimit: NullableText(1000),
    restartOnSupplement: z.boolean().default(false),
    online: OnlineKind,
    fees: z.array(ProcedureFee).max(50).default([]),
    documents: z.array(ProcedureDocument).max(100).default([]),
    form: FormSchema,
    result: Text(1000),
    legalBasis: Text(3000),
    workflowKey: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/).max(80).default(DEFAULT_WORKFLOW),
    reviewNote: NullableText(2000),
    active: z.boolean().default(true),
    /** Electronic-identification level to file online: 0 any account, 1 or 2 = VNeID level (Decree 69/2024). */
    minIdentityLevel: MinIdentityLevel.default(0),
  })
  .superRefine((p, ctx) => {
    if (p.days === null && p.hours === null) ctx.addIssue({ code: 'custom', path: ['days'], message: 'Cần thời hạn theo ngày làm việc (days) hoặc giờ làm việc (hours)' });
    if ((p.level === 'commune') !== (p.agencyCode === COMMUNE_AGENCY_CODE)) {
      ctx.addIssue({ code: 'custom', path: ['agencyCode'], message: 'Thủ tục cấp xã dùng agencyCode "commune"; thủ tục cấp tỉnh dùng mã cơ quan cấp tỉnh' });
    }
    const seen = new Set<string>();
    p.documents.forEach((d, i) => {
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', path: ['documents', i, 'code'], message: `Mã giấy tờ "${d.code}" bị trùng` });
      seen.add(d.code);
    });
  });
export type ProcedureInput = z.infer<typeof ProcedureInput>;

export const Catalogue = z
  .object({
    format: z.literal(CATALOGUE_FORMAT).optional(),
    source: Text(2000),
    exportedAt: z.string().optional(),
    procedures: z.array(ProcedureInput).min(1, 'Danh mục không có thủ tục nào').max(5000),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.procedures.forEach((p, i) => {
      if (seen.has(p.code)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'code'], message: `Mã thủ tục "${p.code}" bị trùng` });
      seen.add(p.code);
    });
  });
export type Catalogue = z.infer<typeof Catalogue>;

// Answers are serialised without transforms: the views below mirror the input shapes plainly.
const DocumentView = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  originals: z.number(),
  copies: z.number(),
  template: z.string().optional(),
  reusable: z.boolean(),
  note: z.string().optional(),
});
const FeeView = z.object({ name: z.string(), amount: z.number(), channel: FeeChannel.optional(), note: z.string().optional() });

/** A procedure as the API answers it: the catalogue item plus the handling agency's name. */
export const Procedure = z.object({
  code: z.string(),
  nationalCode: z.string().nullable(),
  name: z.string(),
  field: z.string(),
  level: Level,
  agencyCode: z.string(),
  agencyName: z.string().nullable(),
  days: z.number().nullable(),
  hours: z.number().nullable(),
  timeLimit: z.string().nullable(),
  restartOnSupplement: z.boolean(),
  online: OnlineKind,
  fees: z.array(FeeView),
  documents: z.array(DocumentView),
  form: z.record(z.string(), z.unknown()),
  result: z.string(),
  legalBasis: z.string(),
  workflowKey: z.string(),
  reviewNote: z.string().nullable(),
  active: z.boolean(),
  minIdentityLevel: z.number(),
  updatedAt: z.date(),
});
export type Procedure = z.infer<typeof Procedure>;

export const ProcedureSummary = Procedure.pick({ code: true, name: true, field: true, level: true, agencyCode: true, agencyName: true, days: true, hours: true, online: true });
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureSearchQuery = z.object({
  q: z.string().max(200).optional(),
  field: z.string().max(200).optional(),
  agency: ProcedureAgencyCode.optional(),
  level: Level.optional(),
  online: OnlineKind.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ProcedureSearchQuery = z.infer<typeof ProcedureSearchQuery>;

export const FieldCount = z.object({ field: z.string(), count: z.number() });

export const ImportSummary = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deactivated: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;
