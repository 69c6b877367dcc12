import { z } from 'zod';

/** Request and response shapes of the administrative-units API (one name for schema and type). */

export const ProvinceCode = z.string().regex(/^[0-9]{2}$/, 'Mã tỉnh gồm 2 chữ số, ví dụ 80');
export const CommuneCode = z.string().regex(/^[0-9]{5}$/, 'Mã xã gồm 5 chữ số, ví dụ 25459');

export const AdminUnit = z.object({ code: z.string(), name: z.string(), type: z.string() });
export type AdminUnit = z.infer<typeof AdminUnit>;

/** An old commune (before 1 July 2025). Fields the lists do not know are null. */
export const LegacyCommune = z.object({
  code: z.string(),
  name: z.string().nullable(),
  level: z.string().nullable(),
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
});
export type LegacyCommune = z.infer<typeof LegacyCommune>;

export const CurrentCommuneRef = z.object({ code: z.string(), name: z.string(), provinceCode: z.string(), provinceName: z.string() });
export type CurrentCommuneRef = z.infer<typeof CurrentCommuneRef>;

export const LegacyLookup = z.object({
  old: LegacyCommune,
  current: z.array(CurrentCommuneRef),
  /** The code asked for, when it is the conversion table's other code for the listed commune. */
  resolvedFrom: z.string().optional(),
});
export type LegacyLookup = z.infer<typeof LegacyLookup>;

export const CommuneDetail = AdminUnit.extend({
  provinceCode: z.string(),
  provinceName: z.string(),
  /** The old communes (or, for a few special zones, whole island districts) merged into it. */
  predecessors: z.array(LegacyCommune),
});
export type CommuneDetail = z.infer<typeof CommuneDetail>;

export const CommuneSearchQuery = z.object({
  q: z.string().trim().min(1, 'Nhập tên cần tìm').max(100),
  province: ProvinceCode.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  legacy: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});
export type CommuneSearchQuery = z.infer<typeof CommuneSearchQuery>;

export const LegacyMatch = z.object({ code: z.string(), name: z.string(), districtName: z.string(), provinceName: z.string() });

export const CommuneSearchHit = AdminUnit.extend({
  provinceCode: z.string(),
  provinceName: z.string(),
  /** With `legacy=true`: the old communes whose name (or old district/province) matched. */
  matchedLegacy: z.array(LegacyMatch).optional(),
});
export type CommuneSearchHit = z.infer<typeof CommuneSearchHit>;
