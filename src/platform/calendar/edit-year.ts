import { recordAudit, type AuditActor } from '../audit/index.ts';
import { withTransaction, type Db } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { CalendarInputError } from './errors.ts';
import { resolveYear, validateYearTable, type ResolvedYear } from './holidays.ts';
import type { YearTableBody } from './schema.ts';
import type { CalendarService } from './service.ts';
import { deleteEditedTable, findEditedTable, saveEditedTable } from './store.ts';

/** Dates whose status (day off / make-up working day) differs between two versions of a year. */
export type DayChange = { date: string; was: 'off' | 'work' | 'normal'; now: 'off' | 'work' | 'normal' };

const statusMap = (y: Pick<ResolvedYear, 'daysOff' | 'workDays'>) =>
  new Map<string, 'off' | 'work'>([...y.daysOff.map((d) => [d.date, 'off'] as const), ...y.workDays.map((d) => [d.date, 'work'] as const)]);

export const diffYears = (before: Pick<ResolvedYear, 'daysOff' | 'workDays'>, after: Pick<ResolvedYear, 'daysOff' | 'workDays'>): DayChange[] => {
  const a = statusMap(before);
  const b = statusMap(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((date) => a.get(date) !== b.get(date))
    .map((date) => ({ date, was: a.get(date) ?? 'normal', now: b.get(date) ?? 'normal' }));
};

export const PROMISES_KEPT_NOTE =
  'Các thời hạn đã hẹn với người dân trước khi sửa lịch được giữ nguyên; lịch mới chỉ áp dụng cho các thời hạn tính từ bây giờ. / Deadlines already promised keep their dates; the new table applies to deadlines computed from now on.';

type EditOptions = { db: Db; calendar: CalendarService; year: number; actor: AuditActor; requestId: string };

/**
 * Replaces a year's table of days off and make-up days, audited with its reason. Deadlines are
 * stored when they are promised (dossiers keep their appointment date), so an edit never moves a
 * deadline already given; the answer lists the changed dates so the administrator sees the effect.
 */
export const editYearTable = async ({ db, calendar, year, actor, requestId }: EditOptions, body: YearTableBody) => {
  const table = { year, daysOff: body.daysOff, workDays: body.workDays, source: body.source };
  try {
    validateYearTable(table);
  } catch (error) {
    if (error instanceof CalendarInputError) throw new AppError('validation-failed', error.vi, { errors: [{ field: 'daysOff', message: error.vi }] });
    throw error;
  }
  const before = calendar.resolve(year);
  const saved = await withTransaction(db, async (tx) => {
    const previous = await findEditedTable(tx, year, true);
    const stored = await saveEditedTable(tx, table, body.reason, actor.id);
    await recordAudit(tx, { actor, action: 'calendar.year.update', target: { type: 'calendar-year', id: String(year) }, before: previous ?? before, after: stored, requestId });
    return stored;
  });
  await calendar.reload();
  return { table: saved, changes: diffYears(before, resolveYear(year, { table })), note: PROMISES_KEPT_NOTE };
};

/** Drops the edited table of a year, so the shipped table (or the rules) applies again. */
export const revertYearTable = async ({ db, calendar, year, actor, requestId }: EditOptions, reason: string) => {
  const before = calendar.resolve(year);
  await withTransaction(db, async (tx) => {
    const previous = await findEditedTable(tx, year, true);
    if (!previous) throw new AppError('not-found', `Năm ${year} chưa có bảng ngày nghỉ được chỉnh sửa`);
    await deleteEditedTable(tx, year);
    await recordAudit(tx, { actor, action: 'calendar.year.revert', target: { type: 'calendar-year', id: String(year) }, before: { ...previous, reason }, requestId });
  });
  await calendar.reload();
  return { changes: diffYears(before, calendar.resolve(year)), note: PROMISES_KEPT_NOTE };
};
