import { useMemo } from 'react';
import { ReportMap } from '../../../components/map/ReportMap.tsx';
import { Loading, Page } from '../../../components/Page.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { Link, navigate, type Location } from '../../../router.tsx';
import { useResource } from '../../services/use-resource.ts';
import { useSignedIn } from '../../services/use-signed-in.ts';
import { FEEDBACK } from '../endpoints.ts';
import { stateLabel } from '../labels.ts';
import { pinsOf } from '../map-points.ts';
import { OPEN_STATES, type ListAnswer, type ReportSummary } from '../types.ts';
import { dueKindOf, type DueKind } from './due.ts';
import { QueueList, staffHref } from './QueueList.tsx';
import '../../services/services.css';
import '../feedback.css';

type View = 'all' | 'today' | 'overdue';
const VIEWS: { view: View; label: MessageKey }[] = [
  { view: 'all', label: 'feedback.queue.all' },
  { view: 'today', label: 'feedback.due.today' },
  { view: 'overdue', label: 'feedback.due.overdue' },
];

const isInView = (view: View, kind: DueKind | null) => view === 'all' || kind === view;

/**
 * `/officer/feedback`: the open reports of the officer's agency, soonest due first, with
 * "due today" and "overdue" views, and the same reports on a map.
 */
export const FeedbackQueuePage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const view = (VIEWS.find((v) => v.view === location.query.get('due'))?.view ?? 'all') as View;
  const [queue] = useResource<ListAnswer<ReportSummary>>(user ? FEEDBACK.queue({ state: OPEN_STATES.join(',') }) : null);
  const items = useMemo(() => (queue.kind === 'ok' ? queue.value.items.filter((r) => isInView(view, dueKindOf(r, true))) : []), [queue, view]);
  const pins = useMemo(() => pinsOf(items, (r) => stateLabel(t, r.state, r.stateLabel)), [items, t]);

  return (
    <Page title={t('feedback.queue.title')} lead={t('feedback.queue.lead')}>
      <nav aria-label={t('feedback.queue.views')} className="view-switch">
        {VIEWS.map((v) => (
          <Link key={v.view} href={v.view === 'all' ? '/officer/feedback' : `/officer/feedback?due=${v.view}`} aria-current={v.view === view ? 'page' : undefined}>
            {t(v.label)}
          </Link>
        ))}
      </nav>
      {!user || queue.kind === 'loading' ? (
        <Loading />
      ) : queue.kind === 'not-found' ? (
        <p className="alert alert-info">{t('feedback.unavailable')}</p>
      ) : queue.kind === 'error' ? (
        <ProblemAlert problem={queue.problem} />
      ) : (
        <>
          <p role="status">{items.length === 0 ? t('feedback.queue.none') : t('feedback.queue.count', { count: formatNumber(items.length, lang) })}</p>
          {items.length > 0 ? (
            <>
              <h2>{t('feedback.queue.listTitle')}</h2>
              <QueueList items={items} />
              <h2>{t('feedback.queue.mapTitle')}</h2>
              <ReportMap label={t('feedback.queue.mapLabel')} points={pins} onSelect={(p) => navigate(staffHref(p))} />
            </>
          ) : null}
        </>
      )}
    </Page>
  );
};
