import type { Queryable } from '../../platform/db/pool.ts';
import { normalizeText, viCollator } from '../../platform/text/index.ts';
import type { CommuneSearchHit, CommuneSearchQuery } from './admin-units-schema.ts';

/**
 * Commune search by name, diacritic- and case-insensitive ("tra vinh", "Trà Vinh", "TRA VINH").
 * Both sides are folded by the database's fold_vi() (stored folded columns, trigram-indexed).
 * Rank: 0 the name without its type word equals the query ("vinh" finds "Phường Vinh" first),
 * 1 it starts with it, 2 a word starts with it, 3 it appears inside, 4 only the province's name
 * matches ("ho chi minh" lists the city's wards). With `legacy`, old communes matching by name
 * (10–13) or by old district/province (14) bring the communes they became. When nothing matches
 * at all, a trigram word-similarity pass forgives typos (rank 20). Ties sort in Vietnamese order.
 */

const MAX_LEGACY_PER_HIT = 5;

type HitRow = Omit<CommuneSearchHit, 'matchedLegacy'> & { rank: number; legacy?: CommuneSearchHit['matchedLegacy'] };

// $1 query text, $2 province filter or null, $3 limit. `pat` is the folded query, LIKE-escaped.
const QUERY = `WITH q AS (
  SELECT f AS q, replace(replace(replace(f, '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS pat
    FROM (SELECT fold_vi($1::text) AS f) x)`;

/** Rank of a name match; `t` is the table alias (bare_folded, name_folded columns). */
const rankOf = (t: string, offset: number) => `CASE
    WHEN ${t}.bare_folded = q.q THEN ${offset}
    WHEN ${t}.bare_folded LIKE q.pat || '%' THEN ${offset + 1}
    WHEN ${t}.name_folded LIKE '% ' || q.pat || '%' THEN ${offset + 2}
    ELSE ${offset + 3} END`;

const CURRENT = `${QUERY}
SELECT c.code, c.name, c.type, c.province_code AS "provinceCode", p.name AS "provinceName",
       CASE WHEN c.name_folded LIKE '%' || q.pat || '%' THEN ${rankOf('c', 0)} ELSE 4 END AS rank
  FROM q, admin_communes c JOIN admin_provinces p ON p.code = c.province_code
 WHERE (c.name_folded LIKE '%' || q.pat || '%'
        OR c.province_code IN (SELECT code FROM q, admin_provinces WHERE name_folded LIKE '%' || q.pat || '%'))
   AND ($2::text IS NULL OR c.province_code = $2)
 ORDER BY rank, c.name_folded, c.code
 LIMIT $3`;

// Old communes matching by name, or whose old district/province name holds the query as whole
// words; only the best few per answer go on to the join. With a province filter, only old
// communes of the old provinces that fed it are considered.
const LEGACY = `${QUERY},
feeders AS (
  SELECT DISTINCT l.province_code FROM admin_communes c
    JOIN admin_commune_conversion cv ON cv.new_code = c.code
    JOIN admin_legacy_communes l ON l.code = cv.old_code
   WHERE c.province_code = $2),
old AS (
  SELECT l.code, l.name, l.district_name, l.province_name,
         CASE WHEN l.name_folded LIKE '%' || q.pat || '%' THEN ${rankOf('l', 10)} ELSE 14 END AS rank
    FROM q, admin_legacy_communes l
   WHERE (l.name_folded LIKE '%' || q.pat || '%' OR l.place_folded LIKE '% ' || q.pat || ' %')
     AND ($2::text IS NULL OR l.province_code IN (SELECT province_code FROM feeders))
   ORDER BY rank, l.name_folded, l.code
   LIMIT $3 * 10)
SELECT c.code, c.name, c.type, c.province_code AS "provinceCode", p.name AS "provinceName", min(old.rank) AS rank,
       json_agg(json_build_object('code', old.code, 'name', old.name, 'districtName', old.district_name,
                                  'provinceName', old.province_name) ORDER BY old.rank, old.code) AS legacy
  FROM old
  JOIN admin_commune_conversion cv ON cv.old_code = old.code
  JOIN admin_communes c ON c.code = cv.new_code
  JOIN admin_provinces p ON p.code = c.province_code
 WHERE $2::text IS NULL OR c.province_code = $2
 GROUP BY c.code, p.name
 ORDER BY rank, c.name_folded, c.code
 LIMIT $3`;

const FUZZY = `${QUERY}
SELECT c.code, c.name, c.type, c.province_code AS "provinceCode", p.name AS "provinceName", 20 AS rank
  FROM q, admin_communes c JOIN admin_provinces p ON p.code = c.province_code
 WHERE q.q <% c.name_folded AND ($2::text IS NULL OR c.province_code = $2)
 ORDER BY word_similarity(q.q, c.name_folded) DESC, c.code
 LIMIT $3`;

const byRankThenName = (a: HitRow, b: HitRow) => a.rank - b.rank || viCollator.compare(a.name, b.name) || a.code.localeCompare(b.code);

export const searchCommunes = async (db: Queryable, query: CommuneSearchQuery): Promise<CommuneSearchHit[]> => {
  const text = normalizeText(query.q);
  // Nothing to match on (only punctuation, say): no hits rather than everything.
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  const params = [text, query.province ?? null, query.limit];
  const current = await db.query<HitRow>(CURRENT, params);
  const hits = new Map(current.rows.map((r) => [r.code, r]));
  if (query.legacy) {
    const legacy = await db.query<HitRow>(LEGACY, params);
    for (const row of legacy.rows) {
      const seen = hits.get(row.code);
      hits.set(row.code, { ...(seen ?? row), rank: Math.min(seen?.rank ?? row.rank, row.rank), legacy: row.legacy });
    }
  }
  if (hits.size === 0) {
    const fuzzy = await db.query<HitRow>(FUZZY, params);
    for (const row of fuzzy.rows) hits.set(row.code, row);
  }
  return [...hits.values()]
    .sort(byRankThenName)
    .slice(0, query.limit)
    .map(({ rank: _rank, legacy, ...hit }) => (query.legacy ? { ...hit, matchedLegacy: (legacy ?? []).slice(0, MAX_LEGACY_PER_HIT) } : hit));
};
