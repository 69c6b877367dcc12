import type { Queryable } from '../../../platform/db/pool.ts';

/**
 * Report codes `PA-yymmdd-nnnn` (PA-261205-0042): "phản ánh", the day of filing in Vietnam
 * (UTC+7 all year) and a sequence restarting every day, bumped by an upsert inside the filing's
 * transaction (concurrent filings queue on the day's row; a rolled-back filing gives its number back).
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const REPORT_CODE = /^PA-[0-9]{6}-[0-9]{4,7}$/;

export const vietnamDay = (at: Date): string => new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

export const formatReportCode = (isoDay: string, sequence: number): string =>
  `PA-${isoDay.slice(2).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;

export const nextReportCode = async (tx: Queryable, at: Date): Promise<string> => {
  const day = vietnamDay(at);
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO feedback_code_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = feedback_code_counters.last + 1
     RETURNING last`,
    [day],
  );
  return formatReportCode(day, rows[0]!.last);
};
