import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import { DOSSIER_CODE } from './code.ts';
import { dossierNotFound } from './errors.ts';
import type { PublicDossier } from './schema.ts';
import { statusName } from './status.ts';
import { onTimeOf } from './views.ts';

const NATIONAL_DOSSIER_CODE = /^[0-9A-Za-z][0-9A-Za-z._\-/]{0,59}$/;

const TRACK = preparedStatement(
  'dossiers.track',
  `SELECT d.code, d.status, d.received_at, d.due_at, d.original_due_at, d.done_at, d.updated_at, a.name AS agency_name
     FROM dossiers d JOIN agencies a ON a.id = d.agency_id
    WHERE (d.code = $1 OR d.national_code = $2) AND d.status IS NOT NULL
    ORDER BY d.code = $1 DESC LIMIT 1`,
);

/**
 * `GET /api/public/dossiers/{code}` (ours, or the national portal's for a dossier it forwarded): what anyone holding the code may know — status, dates,
 * agency, on time or not — and nothing about the person (no name, data, documents, history).
 * A code that cannot be one, or that no filed dossier has, answers 404 alike.
 */
export const trackDossier = async (db: Queryable, rawCode: string): Promise<PublicDossier> => {
  const given = rawCode.trim();
  const code = given.toUpperCase();
  // Ours, or the national portal's own code of a dossier it forwarded (MaHoSo there).
  if (!DOSSIER_CODE.test(code) && !NATIONAL_DOSSIER_CODE.test(given)) throw dossierNotFound();
  const { rows } = await db.query<{
    code: string;
    status: number;
    received_at: Date | null;
    due_at: Date | null;
    original_due_at: Date | null;
    done_at: Date | null;
    updated_at: Date;
    agency_name: string;
  }>(TRACK([code, given]));
  const r = rows[0];
  if (!r) throw dossierNotFound();
  return {
    code: r.code,
    status: r.status,
    statusName: statusName(r.status),
    receivedAt: r.received_at?.toISOString() ?? null,
    dueAt: r.due_at?.toISOString() ?? null,
    agencyName: r.agency_name,
    onTime: onTimeOf(r, new Date()),
  };
};
