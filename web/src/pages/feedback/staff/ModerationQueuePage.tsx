import { Loading, Page } from '../../../components/Page.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import type { Location } from '../../../router.tsx';
import { useResource } from '../../services/use-resource.ts';
import { useSignedIn } from '../../services/use-signed-in.ts';
import { FEEDBACK } from '../endpoints.ts';
import type { ListAnswer, ReportSummary } from '../types.ts';
import { QueueList } from './QueueList.tsx';
import '../../services/services.css';
import '../feedback.css';

/** `/officer/feedback/moderation`: new reports and those an agency sent back, oldest first. */
export const ModerationQueuePage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const [queue] = useResource<ListAnswer<ReportSummary>>(user ? FEEDBACK.moderation() : null);
  return (
    <Page title={t('feedback.moderation.title')} lead={t('feedback.moderation.lead')}>
      {!user || queue.kind === 'loading' ? (
        <Loading />
      ) : queue.kind === 'not-found' ? (
        <p className="alert alert-info">{t('feedback.unavailable')}</p>
      ) : queue.kind === 'error' ? (
        <ProblemAlert problem={queue.problem} />
      ) : queue.value.items.length === 0 ? (
        <p role="status">{t('feedback.moderation.none')}</p>
      ) : (
        <>
          <p role="status">{t('feedback.moderation.count', { count: formatNumber(queue.value.total, lang) })}</p>
          <QueueList items={queue.value.items} />
        </>
      )}
    </Page>
  );
};
