import type { MessageKey, Translate } from '../../i18n/index.tsx';
import { vi } from '../../i18n/vi.ts';
import { formatNumber, type Lang } from '../../lib/format.ts';
import type { OnlineLevel, ProcedureSummary } from './types.ts';

/** Labels shared by the public-services screens, all from the dictionaries. */

const known = (key: string): key is MessageKey => key in vi;

/** The national status name (1–10), or "Bản nháp" for a draft. */
export const statusLabel = (t: Translate, status: number | null | undefined): string => {
  if (status === null || status === undefined) return t('dossier.status.draft');
  const key = `dossier.status.${status}`;
  return known(key) ? t(key) : String(status);
};

/** A workflow action's name as people say it ("Tiếp nhận", "Yêu cầu bổ sung"…). */
export const actionLabel = (t: Translate, action: string): string => {
  const key = `dossier.action.${action}`;
  return known(key) ? t(key) : action;
};

export const onlineLabel = (t: Translate, online: OnlineLevel | string): string =>
  online === 'toan-trinh' ? t('procedure.online.full') : t('procedure.online.partial');

/** "3 ngày làm việc", "4 giờ làm việc", or "Trong ngày" (0 days). */
export const timeLimitLabel = (t: Translate, lang: Lang, procedure: Pick<ProcedureSummary, 'days' | 'hours'>): string => {
  if (procedure.days !== null && procedure.days !== undefined && procedure.days > 0) return t('procedure.days', { days: formatNumber(procedure.days, lang) });
  if (procedure.hours) return t('procedure.hours', { hours: formatNumber(procedure.hours, lang) });
  return t('procedure.sameDay');
};
