import type { Queryable } from '../../../platform/db/pool.ts';
import { compareVi, foldDiacritics } from '../../../platform/text/index.ts';
import { withAgencyName } from './procedure-queries.ts';
import { COMMUNE_AGENCY_CODE, type ProcedureSearchQuery, type ProcedureSummary } from './schema.ts';

/**
 * Citizen-facing search of the active catalogue, diacritic-insensitive: every word of `q` must
 * begin a word of the name or the field, or begin the code or the national code ("khai sinh", "KHAI SINH" and
 * "khai sinh" without marks all find "Đăng ký khai sinh"). Filters: `field` (name, marks
 * optional), `agency` (a code; a commune committee or its service centre also lists the
 * commune-level procedures it handles), `level`, `online`.
 * Ranking: name equals the query, starts with it, contains it as a phrase, then the rest; ties
 * in Vietnamese order (the `vietnamese` collation), then by code. PostgreSQL ranks, sorts and
 * cuts the page: only the page's rows come back.
 */
export const searchProcedures = async (db: Queryable, query: ProcedureSearchQuery): Promise<ProcedureSummary[]> => {
  const phrase = query.q ? foldDiacritics(query.q) : '';
  const words = phrase.split(/[^a-z0-9.]+/).filter(Boolean);
  // Every typed word must begin a word of the procedure (search_lexemes: the words of
  // search_words, through its GIN index). The words hold only a-z, 0-9 and dots, so each is a
  // quoted lexeme as it stands.
  const params: unknown[] = [query.level ?? null, query.online ?? null, query.field ? foldDiacritics(query.field) : null, query.agency ?? null, phrase, query.limit,
    words.length ? words.map((w) => `'${w}':*`).join(' & ') : null];
  const { rows } = await db.query<ProcedureSummary>(
    `SELECT p.code, p.name, p.field, p.level, p.agency_code AS "agencyCode", a.name AS "agencyName", p.days, p.hours, p.online
       FROM procedures p LEFT JOIN agencies a ON a.code = p.agency_code
      WHERE p.active
        AND ($1::text IS NULL OR p.level = $1)
        AND ($2::text IS NULL OR p.online = $2)
        AND ($3::text IS NULL OR p.field_folded = $3)
        AND ($4::text IS NULL OR p.agency_code = $4
             OR (p.agency_code = '${COMMUNE_AGENCY_CODE}' AND EXISTS (
                   SELECT 1 FROM agencies c WHERE c.code = $4 AND c.commune_code IS NOT NULL)))
        AND ($7::tsquery IS NULL OR p.search_lexemes @@ $7::tsquery)
      ORDER BY CASE WHEN $5 = '' OR p.name_folded = $5 THEN 0 WHEN strpos(p.name_folded, $5) = 1 THEN 1 WHEN strpos(p.name_folded, $5) > 0 THEN 2 ELSE 3 END,
               p.name COLLATE vietnamese, p.code
      LIMIT $6`,
    params,
  );
  return rows.map(withAgencyName);
};

/** The fields of the active catalogue with how many procedures each has, in Vietnamese order. */
export const listProcedureFields = async (db: Queryable): Promise<{ field: string; count: number }[]> => {
  const { rows } = await db.query<{ field: string; count: number }>('SELECT field, count(*)::int AS count FROM procedures WHERE active GROUP BY field');
  return rows.sort((a, b) => compareVi(a.field, b.field));
};
