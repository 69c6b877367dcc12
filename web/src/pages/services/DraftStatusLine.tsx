import { useProblemTitle } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { vietnamParts } from '../../lib/format.ts';
import type { DraftStatus } from './use-draft.ts';

const clock = (at: Date) => {
  const { hour, minute } = vietnamParts(at);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/**
 * "Đã lưu nháp lúc 08:30", announced politely; offline, "Đã lưu trên máy, sẽ gửi khi có mạng";
 * a failed save says the typing is not lost.
 */
export const DraftStatusLine = ({ status }: { status: DraftStatus }) => {
  const { t } = useI18n();
  const titleOf = useProblemTitle();
  return (
    <p className={status.kind === 'failed' ? 'draft-status draft-failed' : 'draft-status'} role="status" aria-live="polite">
      {status.kind === 'idle'
        ? t('draft.idle')
        : status.kind === 'saving'
          ? t('draft.saving')
          : status.kind === 'saved'
            ? t('draft.saved', { time: clock(status.at) })
            : status.kind === 'local'
              ? t('offline.draftKept')
              : t('draft.failed', { reason: status.problem.detail ?? titleOf(status.problem) })}
    </p>
  );
};
