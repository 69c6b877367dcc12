import type { Queryable } from '../../platform/db/pool.ts';

/**
 * Names of the units the figures are about (agencies, and the commune of a commune's People's
 * Committee), kept in process for a minute: agencies change rarely, and the dashboard must not
 * pay a join on every request.
 */
export type Unit = { id: string; code: string; name: string; shortName: string | null; kind: string; communeCode: string | null; communeName: string | null };

const KEEP_MS = 60_000;
const memo = new WeakMap<object, { at: number; units: Promise<Map<string, Unit>> }>();

const load = async (db: Queryable): Promise<Map<string, Unit>> => {
  const { rows } = await db.query<Unit>(
    `SELECT a.id, a.code, a.name, a.short_name AS "shortName", a.kind, a.commune_code AS "communeCode", c.name AS "communeName"
       FROM agencies a LEFT JOIN admin_communes c ON c.code = a.commune_code ORDER BY a.code`,
  );
  return new Map(rows.map((u) => [u.id, u]));
};

export const unitsOf = async (db: Queryable): Promise<Map<string, Unit>> => {
  const kept = memo.get(db);
  if (kept && Date.now() - kept.at < KEEP_MS) return kept.units;
  const units = load(db);
  memo.set(db, { at: Date.now(), units });
  units.catch(() => memo.delete(db));
  return units;
};

/** Commune names by code (for feedback filed in communes whose committee is not the handler). */
export const communeNames = async (db: Queryable, codes: string[]): Promise<Map<string, string>> => {
  if (codes.length === 0) return new Map();
  const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM admin_communes WHERE code = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
};

/** Procedure names and their catalogue facts the index needs, per agency code ('commune' = every commune committee). */
export const procedureFacts = async (db: Queryable) => {
  const { rows } = await db.query<{ code: string; name: string; agencyCode: string; level: string; toanTrinh: boolean; complete: boolean }>(
    `SELECT code, name, agency_code AS "agencyCode", level, online = 'toan-trinh' AS "toanTrinh",
            (jsonb_array_length(documents) > 0 AND legal_basis <> '' AND (days IS NOT NULL OR hours IS NOT NULL)) AS complete
       FROM procedures WHERE active`,
  );
  return rows;
};
