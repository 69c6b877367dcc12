import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/format.ts';
import type { DueState } from '../services/types.ts';
import { dueStateOf } from './due.ts';

const ICON: Record<DueState, string> = { overdue: '⚠', soon: '⏰', ok: '✓' };

/** The appointment date with how near it is, in words and an icon as well as a colour. */
export const DueBadge = ({ item }: { item: { dueAt?: string | null; dueState?: DueState | null; status?: number | null } }) => {
  const { t, lang } = useI18n();
  const state = dueStateOf(item);
  if (!item.dueAt) return null;
  const date = formatDate(item.dueAt, lang);
  if (!state) return <span className="due">{t('queue.due', { date })}</span>;
  return (
    <span className={`due due-${state}`}>
      <span aria-hidden="true">{ICON[state]} </span>
      <strong>{t(`queue.dueState.${state}`)}</strong> · {t('queue.due', { date })}
    </span>
  );
};
