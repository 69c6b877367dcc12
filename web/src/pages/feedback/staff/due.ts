import { vietnamParts } from '../../../lib/format.ts';

export type DueKind = 'overdue' | 'today' | 'later';

const dayOf = (at: Date) => {
  const { year, month, day } = vietnamParts(at);
  return year * 10_000 + month * 100 + day;
};

/**
 * How pressing an open report is: past its due time (`isOverdue`, from the API), due before the end
 * of today in Vietnam, or later; null when it has no due date or is no longer open.
 */
export const dueKindOf = (r: { dueAt: string | null; isOverdue: boolean; state: string }, isOpen: boolean, now: Date = new Date()): DueKind | null => {
  if (!isOpen || !r.dueAt) return null;
  const due = new Date(r.dueAt);
  if (Number.isNaN(due.getTime())) return null;
  if (r.isOverdue || due.getTime() < now.getTime()) return 'overdue';
  return dayOf(due) === dayOf(now) ? 'today' : 'later';
};
