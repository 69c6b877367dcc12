import { z } from 'zod';
import { normalizeText } from '../../platform/text/index.ts';
import { CommuneCode, ProvinceCode } from './admin-units-schema.ts';
import { checkAgencyCode } from './agency-code.ts';

/** Agencies (cơ quan): public bodies, so their names, codes and kinds are public. */

export const AGENCY_KINDS = ['province_committee', 'department', 'one_stop_centre', 'one_stop_branch', 'commune_committee', 'other'] as const;
export const AgencyKind = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof AgencyKind>;

/** `ddd.dd.dd.Xdd`, trimmed and upper-cased; the error names the wrong group. */
export const AgencyCode = z
  .string()
  .max(20, 'Mã định danh dạng ddd.dd.dd.Xdd')
  .transform((value, ctx) => {
    const check = checkAgencyCode(value);
    if (check.ok) return check.code;
    ctx.addIssue({ code: 'custom', message: check.message });
    return z.NEVER;
  });

const Name = (max: number) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().min(1, 'Không được để trống').max(max, `Tối đa ${max} ký tự`));

export const Agency = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: AgencyKind,
  parentId: z.uuid().nullable(),
  provinceCode: z.string(),
  communeCode: z.string().nullable(),
});
export type Agency = z.infer<typeof Agency>;

const AgencyRef = Agency.pick({ id: true, code: true, name: true, kind: true });

export const AgencyDetail = Agency.extend({
  communeName: z.string().nullable(),
  parent: AgencyRef.nullable(),
  children: z.array(AgencyRef),
});
export type AgencyDetail = z.infer<typeof AgencyDetail>;

export const AgencyListQuery = z.object({
  kind: AgencyKind.optional(),
  province: ProvinceCode.optional(),
  commune: CommuneCode.optional(),
  parentId: z.uuid('Mã cơ quan cấp trên không hợp lệ').optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(2000),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuery>;

export const AgencyCreate = z.strictObject({
  code: AgencyCode,
  name: Name(300),
  shortName: Name(50).nullable().optional(),
  kind: AgencyKind,
  parentId: z.uuid('Mã cơ quan cấp trên không hợp lệ').nullable().optional(),
  /** Defaults to the parent's province. */
  provinceCode: ProvinceCode.optional(),
  communeCode: CommuneCode.nullable().optional(),
});
export type AgencyCreate = z.infer<typeof AgencyCreate>;

export const AgencyPatch = AgencyCreate.partial().refine((p) => Object.keys(p).length > 0, 'Không có trường nào để cập nhật');
export type AgencyPatch = z.infer<typeof AgencyPatch>;

export const AgencyIdParams = z.object({ id: z.uuid('Mã cơ quan không hợp lệ') });
