import type { Queryable } from '../../platform/db/pool.ts';
import { notFound } from '../../platform/http/problems.ts';
import { normalizeText } from '../../platform/text/index.ts';
import type { Agency, AgencyDetail, AgencyListQuery } from './agencies-schema.ts';

export const AGENCY_COLUMNS = `a.id, a.code, a.name, a.short_name AS "shortName", a.kind, a.parent_id AS "parentId",
  a.province_code AS "provinceCode", a.commune_code AS "communeCode"`;

/** Codes read right to left: province group, then levels 2, 3, 4 — the tree's own order. */
const HIERARCHY_ORDER = `split_part(a.code, '.', 4), split_part(a.code, '.', 3), split_part(a.code, '.', 2), split_part(a.code, '.', 1)`;

/**
 * The agencies, flat with `parentId` (a client builds the tree), in code-hierarchy order.
 * `q` matches the name or short name without diacritics, or the start of the code.
 */
export const listAgencies = async (db: Queryable, query: AgencyListQuery): Promise<Agency[]> => {
  const { rows } = await db.query<Agency>(
    `WITH q AS (SELECT replace(replace(replace(fold_vi($5::text), '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS pat)
     SELECT ${AGENCY_COLUMNS}
       FROM agencies a, q
      WHERE ($1::text IS NULL OR a.kind = $1)
        AND ($2::text IS NULL OR a.province_code = $2)
        AND ($3::text IS NULL OR a.commune_code = $3)
        AND ($4::uuid IS NULL OR a.parent_id = $4)
        AND ($5::text IS NULL OR a.name_folded LIKE '%' || q.pat || '%' OR a.code LIKE upper(q.pat) || '%')
      ORDER BY ${HIERARCHY_ORDER}
      LIMIT $6`,
    [query.kind ?? null, query.province ?? null, query.commune ?? null, query.parentId ?? null, query.q ? normalizeText(query.q) : null, query.limit],
  );
  return rows;
};

export const findAgency = async (db: Queryable, id: string, forUpdate = false): Promise<Agency | undefined> => {
  const { rows } = await db.query<Agency>(`SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
};

export const getAgency = async (db: Queryable, id: string): Promise<AgencyDetail> => {
  const { rows } = await db.query<Agency & { communeName: string | null; parent: AgencyDetail['parent'] }>(
    `SELECT ${AGENCY_COLUMNS}, c.name AS "communeName",
            CASE WHEN p.id IS NULL THEN NULL
                 ELSE json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'kind', p.kind) END AS parent
       FROM agencies a
       LEFT JOIN agencies p ON p.id = a.parent_id
       LEFT JOIN admin_communes c ON c.code = a.commune_code
      WHERE a.id = $1`,
    [id],
  );
  const agency = rows[0];
  if (!agency) throw notFound('Không tìm thấy cơ quan');
  const children = await db.query<AgencyDetail['children'][number]>(
    `SELECT a.id, a.code, a.name, a.kind FROM agencies a WHERE a.parent_id = $1 ORDER BY ${HIERARCHY_ORDER}`,
    [id],
  );
  return { ...agency, children: children.rows };
};
