import { useI18n } from '../../i18n/index.tsx';
import { statusLabel } from './labels.ts';

/** The tone of a national status: waiting on the citizen, finished well, ended otherwise, moving. */
const toneOf = (status: number | null | undefined): string => {
  if (status === null || status === undefined) return 'draft';
  if (status === 5 || status === 6) return 'waiting';
  if (status === 9 || status === 10) return 'done';
  if (status === 3 || status === 7 || status === 8) return 'ended';
  return 'moving';
};

/** A dossier's status as words (never colour alone); the colour only repeats it. */
export const StatusBadge = ({ status }: { status: number | null | undefined }) => {
  const { t } = useI18n();
  return <span className={`status status-${toneOf(status)}`}>{statusLabel(t, status)}</span>;
};
