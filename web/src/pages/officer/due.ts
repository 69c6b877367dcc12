import type { DueState } from '../services/types.ts';

/** Statuses whose deadline no longer runs: nothing is due any more. */
const FINISHED = new Set([3, 7, 8, 9, 10]);
const SOON_MS = 2 * 86_400_000;

/**
 * How close a dossier is to its appointment date: the API's `dueState` (counted in working days)
 * when it gives one, else an estimate in calendar days (overdue once the date has passed, soon
 * within two days); null when there is no date or the dossier is finished.
 */
export const dueStateOf = (item: { dueAt?: string | null; dueState?: DueState | null; status?: number | null }, now: Date = new Date()): DueState | null => {
  if (item.status !== null && item.status !== undefined && FINISHED.has(item.status)) return null;
  if (item.dueState) return item.dueState;
  if (!item.dueAt) return null;
  const left = Date.parse(item.dueAt) - now.getTime();
  if (Number.isNaN(left)) return null;
  return left < 0 ? 'overdue' : left <= SOON_MS ? 'soon' : 'ok';
};
