import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/format.ts';
import { OPEN_STATES, type ReportSummary } from '../types.ts';
import { dueKindOf } from './due.ts';

const ICON = { overdue: '⚠', today: '⏰', later: '✓' } as const;
const CLASS = { overdue: 'due due-overdue', today: 'due due-soon', later: 'due due-ok' } as const;

/** "⚠ Quá hạn · Hạn trả lời: ngày …" — in words and an icon as well as a colour. */
export const DueTag = ({ report }: { report: Pick<ReportSummary, 'dueAt' | 'isOverdue' | 'state'> }) => {
  const { t, lang } = useI18n();
  const kind = dueKindOf(report, OPEN_STATES.includes(report.state));
  if (!kind || !report.dueAt) return null;
  return (
    <span className={CLASS[kind]}>
      <span aria-hidden="true">{ICON[kind]} </span>
      <strong>{t(`feedback.due.${kind}`)}</strong> · {t('feedback.facts.dueLine', { date: formatDate(report.dueAt, lang) })}
    </span>
  );
};
