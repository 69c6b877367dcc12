import type { Queryable } from '../../../platform/db/pool.ts';
import { foldDiacritics } from '../../../platform/text/index.ts';
import { notFound } from './errors.ts';

/**
 * The jurisdiction this server answers for: the province of the provincial People's Committee
 * (the root agency). Its `jurisdiction_id` is the province portal's domain (`tayninh.gov.vn`);
 * the province's statistical code (`80`) is accepted too. A request without one is for this
 * jurisdiction; one naming another answers 404.
 */
export type Jurisdiction = { id: string; provinceCode: string; provinceName: string; committeeName: string };

/** Domains that are not the folded province name. */
const DOMAIN_EXCEPTIONS: Record<string, string> = { '79': 'hochiminhcity.gov.vn' };

export const jurisdictionDomain = (provinceCode: string, provinceName: string) =>
  DOMAIN_EXCEPTIONS[provinceCode] ??
  `${foldDiacritics(provinceName.replace(/^(tỉnh|thành phố)\s+/i, '')).toLowerCase().replace(/[^a-z0-9]/g, '')}.gov.vn`;

export const findJurisdiction = async (db: Queryable): Promise<Jurisdiction | null> => {
  const { rows } = await db.query<{ code: string; name: string; committee: string }>(
    `SELECT p.code, p.name, a.name AS committee
       FROM agencies a JOIN admin_provinces p ON p.code = a.province_code
      WHERE a.kind = 'province_committee' AND a.parent_id IS NULL
      ORDER BY a.code LIMIT 1`,
  );
  const r = rows[0];
  if (!r) return null;
  return { id: jurisdictionDomain(r.code, r.name), provinceCode: r.code, provinceName: r.name, committeeName: r.committee };
};

/** Refuses a `jurisdiction_id` that is not this server's (absent or empty is fine). */
export const checkJurisdiction = (jurisdiction: Jurisdiction | null, given: string | undefined) => {
  const asked = given?.trim().toLowerCase();
  if (!asked) return;
  if (jurisdiction && (asked === jurisdiction.id || asked === jurisdiction.provinceCode)) return;
  throw notFound(`jurisdiction_id '${(given ?? '').slice(0, 80)}' không do máy chủ này phục vụ / is not served here${jurisdiction ? ` (${jurisdiction.id})` : ''}`);
};
