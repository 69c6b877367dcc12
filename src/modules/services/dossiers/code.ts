import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';

/**
 * Dossier codes `{agency code}-{yymmdd}-{nnnn}` (e.g. `000.00.04.H59-261123-0001`): the receiving
 * agency's national code, the day of filing in Vietnam (Asia/Ho_Chi_Minh, UTC+7 all year, no
 * daylight saving), and a sequence that restarts every day for each agency. The sequence is one
 * row per agency and day in `dossier_code_counters`, bumped by an upsert inside the filing's
 * transaction: concurrent filings queue on that row, so no two get the same number, and a filing
 * that rolls back gives its number back (numbers stay gapless per committed filing).
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar day of an instant in Vietnam, as 'YYYY-MM-DD'. */
export const vietnamDay = (at: Date): string => new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** 'YYYY-MM-DD' → 'yymmdd'. */
export const yymmdd = (isoDay: string): string => isoDay.slice(2).replaceAll('-', '');

/** Four digits at least; a day past 9,999 filings grows the number rather than wrapping. */
export const formatDossierCode = (agencyCode: string, isoDay: string, sequence: number): string =>
  `${agencyCode}-${yymmdd(isoDay)}-${String(sequence).padStart(4, '0')}`;

/** What a dossier code looks like; anything else cannot be one (the public lookup answers 404). */
export const DOSSIER_CODE = /^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4,7}$/;

const NEXT_CODE = preparedStatement(
  'dossiers.next-code',
  `INSERT INTO dossier_code_counters (agency_code, day, last) VALUES ($1, $2, 1)
   ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_code_counters.last + 1
   RETURNING last`,
);

/** The next code of `agencyCode` for the day of `at`; call it inside the filing's transaction. */
export const nextDossierCode = async (tx: Queryable, agencyCode: string, at: Date): Promise<string> => {
  const day = vietnamDay(at);
  const { rows } = await tx.query<{ last: number }>(NEXT_CODE([agencyCode, day]));
  return formatDossierCode(agencyCode, day, rows[0]!.last);
};
