import { useEffect, useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import { Link, type Location } from '../../router.tsx';
import { useSignedIn } from '../services/use-signed-in.ts';

type Notification = { id: string; kind: string; title: string; body: string; link: string | null; createdAt: string; readAt: string | null };

/** How often the open page asks for new notifications (polling; no connection is held open). */
const POLL_MS = 30_000;

const List = () => {
  const { t, lang } = useI18n();
  const [round, setRound] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const list = useList<Notification>(`${ENDPOINTS.notifications}&round=${round}`, 'items');
  useEffect(() => {
    const timer = setInterval(() => setRound((r) => r + 1), POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const markAllRead = async () => {
    try {
      await api(ENDPOINTS.notificationsReadAll, { method: 'POST' });
      setProblem(null);
      setRound((r) => r + 1);
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };

  if (list.kind === 'loading') return <Loading />;
  if (list.kind === 'unavailable') return <p className="alert alert-info">{t('notifications.unavailable')}</p>;
  if (list.kind === 'error') return <ProblemAlert problem={list.problem} />;
  if (list.items.length === 0) return <p>{t('notifications.none')}</p>;
  const unread = list.items.filter((n) => !n.readAt).length;
  return (
    <>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <p role="status">{t('notifications.unread', { count: String(unread) })}</p>
      {unread > 0 ? (
        <button type="button" className="button button-secondary" onClick={() => void markAllRead()}>
          {t('notifications.markAll')}
        </button>
      ) : null}
      <ul className="procedure-list">
        {list.items.map((n) => (
          <li key={n.id} className="dossier-item">
            <strong>{n.readAt ? n.title : `${t('notifications.new')}: ${n.title}`}</strong>
            <span className="procedure-meta">{formatDateTime(n.createdAt, lang)}</span>
            <p style={{ whiteSpace: 'pre-line' }}>{n.body}</p>
            {n.link ? <Link href={n.link}>{t('notifications.open')}</Link> : null}
          </li>
        ))}
      </ul>
    </>
  );
};

/** `/notifications`: the notification centre — what the user was told about their dossiers, newest first. */
export const NotificationsPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('citizen.notifications')} lead={t('notifications.lead')}>
      {user ? <List /> : <Loading />}
    </Page>
  );
};
