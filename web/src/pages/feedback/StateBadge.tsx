import { useI18n } from '../../i18n/index.tsx';
import { stateLabel, toneOf } from './labels.ts';

/** A report's state in words (the colour only repeats it), and "Quá hạn" when it is overdue. */
export const StateBadge = ({ state, fallback, isOverdue = false }: { state: string; fallback?: string; isOverdue?: boolean }) => {
  const { t } = useI18n();
  return (
    <>
      <span className={`status status-${toneOf(state)}`}>{stateLabel(t, state, fallback)}</span>
      {isOverdue ? (
        <span className="due due-overdue">
          <span aria-hidden="true">⚠ </span>
          <strong>{t('feedback.overdue')}</strong>
        </span>
      ) : null}
    </>
  );
};
