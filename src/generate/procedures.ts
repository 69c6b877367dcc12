import type { Queryable } from '../platform/db/pool.ts';
import { apportion } from './sql-dice.ts';
import { PROCEDURE_QUALIFIERS } from './vietnamese.ts';

/**
 * The catalogue at province size. A province publishes about 2,000 procedures, most of them
 * variants of the common ones for particular cases; the shipped catalogue has the 50 common ones.
 * Variants copy a catalogue procedure (form, documents, fees, time limit, agency) under a new code
 * `<code>.bt<nnn>` and a name with one or two qualifiers: "Đăng ký khai sinh (trường hợp cấp lại)".
 *
 * Dossiers are spread over procedures by popularity: a few common procedures (birth registration,
 * certified copies, residence) take most of them, and variants far fewer than their original.
 */
export const VARIANT_NOTE = 'Biến thể sinh tự động để đo hiệu năng (tinhso generate), không phải thủ tục thật';

/** Dossiers a common procedure draws, relative to 1 for the others (by code prefix or code). */
const POPULARITY: [RegExp, number][] = [
  [/^chung-thuc\.ban-sao$/, 40], [/^chung-thuc\.chu-ky$/, 15], [/^ho-tich\.khai-sinh$/, 20], [/^ho-tich\.khai-tu$/, 6],
  [/^ho-tich\.ket-hon$/, 6], [/^ho-tich\.ban-sao-trich-luc$/, 8], [/^ho-tich\.xac-nhan-tinh-trang-hon-nhan$/, 8],
  [/^cu-tru\./, 8], [/^dat-dai\./, 6], [/^ho-kinh-doanh\./, 4], [/^chung-thuc\./, 4], [/^xay-dung\./, 3], [/^bao-tro\./, 3],
  [/^ly-lich-tu-phap\./, 6], [/^giao-duc\./, 2],
];

const popularity = (code: string) => POPULARITY.find(([re]) => re.test(code))?.[1] ?? 1;

/** Adds variants until the catalogue holds `total` active procedures; returns how many were added. */
export const addProcedureVariants = async (db: Queryable, total: number): Promise<number> => {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures WHERE active');
  const needed = total - (rows[0]?.n ?? 0);
  if (needed <= 0) return 0;
  const q = PROCEDURE_QUALIFIERS;
  const inserted = await db.query(
    `WITH base AS (
       SELECT p.*, row_number() OVER (ORDER BY p.code)::int AS b, count(*) OVER ()::int AS nb
         FROM procedures p WHERE p.active AND p.review_note IS DISTINCT FROM $2
     ), variant AS (
       SELECT base.*, v, (v - 1) * nb + b AS n FROM base CROSS JOIN LATERAL generate_series(1, ($1 + nb - 1) / nb) v
     )
     INSERT INTO procedures (code, national_code, name, field, level, agency_code, days, hours, time_limit, restart_on_supplement,
                             online, fees, documents, form, result, legal_basis, workflow_key, review_note, active)
     SELECT code || '.bt' || lpad(v::text, 3, '0'), NULL,
            name || ' (' || ($3::text[])[1 + (b + v) % $4]
                 || CASE WHEN v > $4 THEN ', ' || ($3::text[])[1 + (b + 3 * v) % $4] ELSE '' END || ')',
            field, level, agency_code, days, hours, time_limit, restart_on_supplement, online, fees, documents, form, result,
            legal_basis, workflow_key, $2, true
       FROM variant WHERE n <= $1
     ON CONFLICT (code) DO NOTHING`,
    [needed, VARIANT_NOTE, q, q.length],
  );
  return inserted.rowCount ?? 0;
};

/** Slots per group of procedures: a dossier draws `slot = hash % SLOTS` in its agency's group. */
export const SLOTS = 4096;

type ProcedureRow = { code: string; level: string; agency_code: string };

/**
 * `gen_procedure_slots (grp, slot, code, …)`: for each group — `commune` (commune-level
 * procedures, handled by every commune committee) and each province agency's code — SLOTS slots
 * shared among its procedures by popularity.
 */
export const createProcedureSlots = async (db: Queryable): Promise<string[]> => {
  const { rows } = await db.query<ProcedureRow>(
    "SELECT code, level, agency_code FROM procedures WHERE active AND workflow_key = 'dossier.one-stop' ORDER BY code",
  );
  const groups = new Map<string, ProcedureRow[]>();
  for (const r of rows) {
    const group = r.level === 'commune' ? 'commune' : r.agency_code;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  const slotGroup: string[] = [];
  const slotNo: number[] = [];
  const slotCode: string[] = [];
  for (const [group, procedures] of groups) {
    const weights = procedures.map((p) => {
      const variant = /\.bt(\d+)$/.exec(p.code);
      const base = popularity(p.code.replace(/\.bt\d+$/, ''));
      return variant ? (base * 0.5) / Number(variant[1]) ** 1.1 : base;
    });
    const counts = apportion(SLOTS, weights);
    let slot = 0;
    procedures.forEach((p, i) => {
      for (let k = 0; k < counts[i]!; k += 1) {
        slotGroup.push(group);
        slotNo.push(slot++);
        slotCode.push(p.code);
      }
    });
  }
  await db.query(
    `CREATE UNLOGGED TABLE gen_procedure_slots AS
     SELECT s.grp, s.slot, p.code, p.name, p.field, p.online, p.restart_on_supplement AS restart,
            coalesce(p.days, ceil(p.hours / 8.0)::int) AS limit_days, p.days, p.hours,
            coalesce((SELECT max((f->>'amount')::bigint) FROM jsonb_array_elements(p.fees) f), 0) AS fee,
            ARRAY(SELECT d->>'code' FROM jsonb_array_elements(p.documents) d) AS doc_codes,
            ARRAY(SELECT d->>'name' FROM jsonb_array_elements(p.documents) d) AS doc_names
       FROM unnest($1::text[], $2::int[], $3::text[]) AS s (grp, slot, code) JOIN procedures p ON p.code = s.code`,
    [slotGroup, slotNo, slotCode],
  );
  await db.query('CREATE INDEX ON gen_procedure_slots (grp, slot)');
  return [...groups.keys()];
};

/** Relative dossier volume of each group: how popular its procedures are in total. */
export const groupWeights = async (db: Queryable): Promise<Map<string, number>> => {
  const { rows } = await db.query<{ code: string; level: string; agency_code: string }>(
    "SELECT code, level, agency_code FROM procedures WHERE active AND workflow_key = 'dossier.one-stop' AND code !~ '\\.bt[0-9]+$'",
  );
  const weights = new Map<string, number>();
  for (const r of rows) {
    const group = r.level === 'commune' ? 'commune' : r.agency_code;
    weights.set(group, (weights.get(group) ?? 0) + popularity(r.code));
  }
  return weights;
};
