import type { Queryable } from '../platform/db/pool.ts';
import { apportion, seededRandom } from './sql-dice.ts';

/**
 * The province the data is generated on: its real communes (2025 list) and the agencies already
 * in the database (the demo province's committees, service centres and departments), numbered in
 * code order so that a seed gives the same numbering on every database. Each commune gets a
 * population weight; citizens live in contiguous blocks of numbers per commune, so a dossier can
 * pick an owner living in the commune where it is filed.
 */
export type Commune = { idx: number; code: string; name: string; weight: number; citizenStart: number; citizenCount: number; committeeIdx: number | null };

export type Agency = {
  idx: number;
  id: string;
  code: string;
  name: string;
  kind: string;
  communeIdx: number | null;
  /** The one-stop centre that receives this agency's dossiers (its commune's, or the province's). */
  receptionIdx: number;
};

/** `inAddress`: how the province ends an address ("tỉnh Tây Ninh", "thành phố Huế"). */
export type Province = { code: string; name: string; inAddress: string; communes: Commune[]; agencies: Agency[] };

const inAddress = (name: string) => name.replace(/^Tỉnh /, 'tỉnh ').replace(/^Thành phố /, 'thành phố ');

/** The staff generated per agency: officers 0–2 and the leader 3 (keys `idx * 4 + k`). */
export const STAFF_PER_AGENCY = 4;
export const LEADER = 3;
export const OFFICERS = 3;

export const loadProvince = async (db: Queryable, provinceCode: string, citizens: number, seed: number): Promise<Province> => {
  const province = await db.query<{ name: string }>('SELECT name FROM admin_provinces WHERE code = $1', [provinceCode]);
  if (!province.rows[0]) throw new Error(`province ${provinceCode} is not in admin_provinces; import the administrative units first`);
  const communeRows = (await db.query<{ code: string; name: string }>('SELECT code, name FROM admin_communes WHERE province_code = $1 ORDER BY code', [provinceCode])).rows;
  const agencyRows = (
    await db.query<{ id: string; code: string; name: string; kind: string; commune_code: string | null }>(
      'SELECT id, code, name, kind, commune_code FROM agencies WHERE province_code = $1 ORDER BY code',
      [provinceCode],
    )
  ).rows;
  if (communeRows.length === 0 || agencyRows.length === 0) throw new Error(`province ${provinceCode} has no communes or no agencies; load the demo province first (tinhso seed demo)`);

  const random = seededRandom(seed * 7 + 1);
  // Communes differ in size: wards of the old towns are several times a remote commune.
  const weights = communeRows.map(() => 0.35 + 1.65 * random() ** 1.5);
  const sizes = apportion(citizens, weights);
  const communeIdx = new Map(communeRows.map((c, i) => [c.code, i + 1]));
  const committees = new Map(agencyRows.flatMap((a, i) => (a.kind === 'commune_committee' && a.commune_code ? [[a.commune_code, i + 1] as const] : [])));
  let start = 1;
  const communes = communeRows.map((c, i): Commune => {
    const commune = { idx: i + 1, code: c.code, name: c.name, weight: weights[i]!, citizenStart: start, citizenCount: sizes[i]!, committeeIdx: committees.get(c.code) ?? null };
    start += sizes[i]!;
    return commune;
  });

  const provinceCentre = agencyRows.findIndex((a) => a.kind === 'one_stop_centre' && a.commune_code === null) + 1;
  const communeCentre = new Map(agencyRows.flatMap((a, i) => (a.kind === 'one_stop_centre' && a.commune_code ? [[a.commune_code, i + 1] as const] : [])));
  const agencies = agencyRows.map((a, i): Agency => ({
    idx: i + 1,
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    communeIdx: a.commune_code ? (communeIdx.get(a.commune_code) ?? null) : null,
    receptionIdx: (a.commune_code ? communeCentre.get(a.commune_code) : undefined) ?? (provinceCentre || i + 1),
  }));
  return { code: provinceCode, name: province.rows[0].name, inAddress: inAddress(province.rows[0].name), communes, agencies };
};

/** Helper tables the generating statements join: `gen_communes`, `gen_agencies` (with `grp`, its group of procedures). */
export const createProvinceTables = async (db: Queryable, p: Province): Promise<void> => {
  await db.query(
    `CREATE UNLOGGED TABLE gen_communes AS
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
       AS c (idx, code, name, citizen_start, citizen_count, committee_idx)`,
    [
      p.communes.map((c) => c.idx), p.communes.map((c) => c.code), p.communes.map((c) => c.name),
      p.communes.map((c) => c.citizenStart), p.communes.map((c) => c.citizenCount), p.communes.map((c) => c.committeeIdx),
    ],
  );
  await db.query(
    `CREATE UNLOGGED TABLE gen_agencies AS
     SELECT a.*, CASE WHEN kind = 'commune_committee' THEN 'commune' ELSE code END AS grp
       FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[]) AS a (idx, id, code, kind, commune_idx, reception_idx)`,
    [
      p.agencies.map((a) => a.idx), p.agencies.map((a) => a.id), p.agencies.map((a) => a.code), p.agencies.map((a) => a.kind),
      p.agencies.map((a) => a.communeIdx), p.agencies.map((a) => a.receptionIdx),
    ],
  );
};
