import { z } from 'zod';
import { normalizeText } from '../../platform/text/index.ts';

/** Party organisations (tổ chức Đảng): đảng bộ tỉnh → đảng bộ → đảng bộ cơ sở → chi bộ. Not public. */

export const PARTY_ORG_KINDS = ['dang_bo_tinh', 'dang_bo', 'dang_bo_co_so', 'chi_bo'] as const;
export const PartyOrgKind = z.enum(PARTY_ORG_KINDS);
export type PartyOrgKind = z.infer<typeof PartyOrgKind>;

export const PARTY_ORG_KIND_LABELS: Record<PartyOrgKind, string> = {
  dang_bo_tinh: 'Đảng bộ tỉnh',
  dang_bo: 'Đảng bộ',
  dang_bo_co_so: 'Đảng bộ cơ sở',
  chi_bo: 'Chi bộ',
};

/** Which kinds may sit directly under which: a chi bộ has no units under it here. */
export const ALLOWED_CHILD_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  dang_bo_tinh: ['dang_bo', 'dang_bo_co_so', 'chi_bo'],
  dang_bo: ['dang_bo_co_so', 'chi_bo'],
  dang_bo_co_so: ['chi_bo'],
  chi_bo: [],
};

export const PartyOrg = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: PartyOrgKind,
  parentId: z.uuid().nullable(),
  agencyId: z.uuid().nullable(),
});
export type PartyOrg = z.infer<typeof PartyOrg>;

export type PartyOrgNode = PartyOrg & { children: PartyOrgNode[] };
/** Recursive, so it needs an id: OpenAPI describes it once, as a component that refers to itself. */
export const PartyOrgNode: z.ZodType<PartyOrgNode> = PartyOrg.extend({
  get children(): z.ZodArray<z.ZodType<PartyOrgNode>> {
    return z.array(PartyOrgNode);
  },
}).meta({ id: 'PartyOrgNode' });

const PartyOrgRef = PartyOrg.pick({ id: true, code: true, name: true, kind: true });

export const PartyOrgDetail = PartyOrg.extend({
  agencyName: z.string().nullable(),
  /** Visible ancestors, from the top down to the parent. */
  ancestors: z.array(PartyOrgRef),
  /** Visible units directly under it. */
  children: z.array(PartyOrgRef),
  memberCount: z.number().int(),
});
export type PartyOrgDetail = z.infer<typeof PartyOrgDetail>;

export const PartyOrgCreate = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9.-]{1,39}$/, 'Mã gồm 2–40 chữ cái không dấu, chữ số, dấu chấm hoặc gạch nối, ví dụ CB-80-STP'),
  name: z
    .string()
    .transform(normalizeText)
    .pipe(z.string().min(1, 'Không được để trống').max(300, 'Tối đa 300 ký tự')),
  kind: z.enum(['dang_bo', 'dang_bo_co_so', 'chi_bo'], 'Loại là dang_bo, dang_bo_co_so hoặc chi_bo'),
  parentId: z.uuid('Mã tổ chức Đảng cấp trên không hợp lệ'),
  agencyId: z.uuid('Mã cơ quan không hợp lệ').nullable().optional(),
});
export type PartyOrgCreate = z.infer<typeof PartyOrgCreate>;

export const PartyOrgIdParams = z.object({ id: z.uuid('Mã tổ chức Đảng không hợp lệ') });
