import type { Queryable } from '../../platform/db/pool.ts';
import { notFound } from '../../platform/http/problems.ts';
import type { AdminUnit, CommuneDetail, CurrentCommuneRef, LegacyCommune, LegacyLookup } from './admin-units-schema.ts';

/** Read-only queries over the imported administrative units (admin-units-import.ts). */

export const listProvinces = async (db: Queryable): Promise<AdminUnit[]> => {
  const { rows } = await db.query<AdminUnit>('SELECT code, name, type FROM admin_provinces ORDER BY code');
  return rows;
};

export const listCommunesOfProvince = async (db: Queryable, provinceCode: string): Promise<AdminUnit[]> => {
  // One round trip: the province's row comes back (with null commune columns) even when it has none.
  const { rows } = await db.query<{ code: string | null; name: string; type: string }>(
    `SELECT c.code, c.name, c.type
       FROM admin_provinces p LEFT JOIN admin_communes c ON c.province_code = p.code
      WHERE p.code = $1
      ORDER BY c.code`,
    [provinceCode],
  );
  if (rows.length === 0) throw notFound(`Không có tỉnh, thành phố mã ${provinceCode}`);
  return rows.flatMap(({ code, name, type }) => (code === null ? [] : [{ code, name, type }]));
};

const LEGACY_COLUMNS = `l.name, l.level, l.district_code AS "districtCode", l.district_name AS "districtName",
  l.province_code AS "provinceCode", l.province_name AS "provinceName"`;

export const getCommune = async (db: Queryable, code: string): Promise<CommuneDetail> => {
  const { rows } = await db.query<Omit<CommuneDetail, 'predecessors'>>(
    `SELECT c.code, c.name, c.type, c.province_code AS "provinceCode", p.name AS "provinceName"
       FROM admin_communes c JOIN admin_provinces p ON p.code = c.province_code WHERE c.code = $1`,
    [code],
  );
  const commune = rows[0];
  if (!commune) throw notFound(`Không có xã, phường, đặc khu mã ${code}`);
  const predecessors = await db.query<LegacyCommune>(
    `SELECT cv.old_code AS code, ${LEGACY_COLUMNS}
       FROM admin_commune_conversion cv LEFT JOIN admin_legacy_communes l ON l.code = cv.old_code
      WHERE cv.new_code = $1
     UNION ALL
     SELECT d.old_district_code, d.old_district_name, 'huyện', d.old_district_code, d.old_district_name,
            d.old_province_code, d.old_province_name
       FROM admin_district_conversion d WHERE d.new_code = $1
      ORDER BY 1`,
    [code],
  );
  return { ...commune, predecessors: predecessors.rows };
};

/**
 * Which commune(s) of today an address written before 1 July 2025 belongs to. An old commune
 * split between several new ones answers several. A code the conversion table uses for a listed
 * commune resolves to it (`resolvedFrom`); an old code the table names but the old list lacks
 * answers with what is known (its successors, null details).
 */
export const lookupLegacyCommune = async (db: Queryable, requested: string): Promise<LegacyLookup> => {
  const alias = await db.query<{ legacy_code: string }>('SELECT legacy_code FROM admin_commune_code_aliases WHERE alias_code = $1', [requested]);
  const code = alias.rows[0]?.legacy_code ?? requested;
  const [old, current] = await Promise.all([
    db.query<LegacyCommune>(`SELECT l.code, ${LEGACY_COLUMNS} FROM admin_legacy_communes l WHERE l.code = $1`, [code]),
    db.query<CurrentCommuneRef>(
      `SELECT c.code, c.name, c.province_code AS "provinceCode", p.name AS "provinceName"
         FROM admin_commune_conversion cv
         JOIN admin_communes c ON c.code = cv.new_code
         JOIN admin_provinces p ON p.code = c.province_code
        WHERE cv.old_code = $1 ORDER BY c.code`,
      [code],
    ),
  ]);
  const known = old.rows[0];
  if (!known && current.rows.length === 0) throw notFound(`Không có xã, phường, thị trấn cũ mã ${requested}`);
  const unknown = { code, name: null, level: null, districtCode: null, districtName: null, provinceCode: null, provinceName: null };
  return { old: known ?? unknown, current: current.rows, ...(code !== requested ? { resolvedFrom: requested } : {}) };
};
