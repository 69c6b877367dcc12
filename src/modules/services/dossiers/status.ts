import { NATIONAL_STATUS_NAMES } from '../dossier-workflow.ts';

/** The national portal's status codes (1–10, names in dossier-workflow.ts) as the dossier API shows them. */
export const DRAFT_NAME = 'Bản nháp';

export const statusName = (status: number | null): string =>
  status === null ? DRAFT_NAME : (NATIONAL_STATUS_NAMES[status] ?? `Trạng thái ${status}`);

/** Statuses of a dossier still on its way (its deadline runs or is paused). */
export const IN_PROGRESS_STATUSES = [1, 2, 4, 5, 6] as const;
/** Statuses of a dossier whose result is ready or returned. */
export const DONE_STATUSES = [9, 10] as const;

export const isInProgress = (status: number | null) => status !== null && (IN_PROGRESS_STATUSES as readonly number[]).includes(status);
