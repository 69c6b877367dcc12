import type { Queryable } from '../db/pool.ts';
import type { WorkingHours } from './working-hours.ts';
import type { YearTable } from './year-tables.ts';

/** An administrator's table for a year, as stored. */
export type StoredYearTable = YearTable & { version: number; reason: string; updatedAt: Date; updatedBy: string | null };

type YearRow = {
  year: number;
  days_off: YearTable['daysOff'];
  work_days: YearTable['workDays'];
  source: string;
  version: number;
  reason: string;
  updated_at: Date;
  updated_by: string | null;
};

const toTable = (r: YearRow): StoredYearTable => ({
  year: r.year,
  daysOff: r.days_off,
  workDays: r.work_days,
  source: r.source,
  version: r.version,
  reason: r.reason,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export const loadEditedTables = async (db: Queryable): Promise<Map<number, StoredYearTable>> => {
  const { rows } = await db.query<YearRow>('SELECT * FROM calendar_year_tables');
  return new Map(rows.map((r) => [r.year, toTable(r)]));
};

export const findEditedTable = async (db: Queryable, year: number, forUpdate = false): Promise<StoredYearTable | undefined> => {
  const { rows } = await db.query<YearRow>(`SELECT * FROM calendar_year_tables WHERE year = $1${forUpdate ? ' FOR UPDATE' : ''}`, [year]);
  return rows[0] && toTable(rows[0]);
};

export const saveEditedTable = async (db: Queryable, table: YearTable, reason: string, userId: string | null): Promise<StoredYearTable> => {
  const { rows } = await db.query<YearRow>(
    `INSERT INTO calendar_year_tables (year, days_off, work_days, source, reason, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (year) DO UPDATE SET days_off = EXCLUDED.days_off, work_days = EXCLUDED.work_days,
       source = EXCLUDED.source, reason = EXCLUDED.reason, updated_by = EXCLUDED.updated_by,
       updated_at = now(), version = calendar_year_tables.version + 1
     RETURNING *`,
    [table.year, JSON.stringify(table.daysOff), JSON.stringify(table.workDays), table.source, reason, userId],
  );
  return toTable(rows[0]!);
};

export const deleteEditedTable = (db: Queryable, year: number) => db.query('DELETE FROM calendar_year_tables WHERE year = $1', [year]);

export const findAgencyHours = async (db: Queryable, agencyId: string): Promise<WorkingHours | undefined> => {
  const { rows } = await db.query<{ periods: WorkingHours['periods'] }>('SELECT periods FROM agency_working_hours WHERE agency_id = $1', [agencyId]);
  return rows[0] && { periods: rows[0].periods };
};

export const saveAgencyHours = (db: Queryable, agencyId: string, hours: WorkingHours, userId: string | null) =>
  db.query(
    `INSERT INTO agency_working_hours (agency_id, periods, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (agency_id) DO UPDATE SET periods = EXCLUDED.periods, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [agencyId, JSON.stringify(hours.periods), userId],
  );
