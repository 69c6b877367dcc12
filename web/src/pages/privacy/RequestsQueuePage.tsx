import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import type { Location } from '../../router.tsx';
import { useSignedIn } from '../services/use-signed-in.ts';
import { PRIVACY_ENDPOINTS, type QueueItem } from './types.ts';

const Resolve = ({ item, onDone }: { item: QueueItem; onDone: () => void }) => {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const send = async (outcome: 'accepted' | 'rejected') => {
    try {
      await api(PRIVACY_ENDPOINTS.resolve(item.id), { method: 'POST', body: { outcome, answer } });
      setProblem(null);
      onDone();
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };
  const id = `answer-${item.id}`;
  return (
    <div>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <div className="field">
        <label htmlFor={id}>{t('privacy.queue.answer')}</label>
        <textarea id={id} rows={3} maxLength={4000} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </div>
      <button type="button" className="button" onClick={() => void send('accepted')}>
        {item.kind === 'deletion' ? t('privacy.queue.acceptDeletion') : t('privacy.queue.accept')}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={() => void send('rejected')}>
        {t('privacy.queue.reject')}
      </button>
    </div>
  );
};

const Queue = () => {
  const { t, lang } = useI18n();
  const [round, setRound] = useState(0);
  const list = useList<QueueItem>(`${PRIVACY_ENDPOINTS.queue}?round=${round}`, 'items');
  if (list.kind === 'loading') return <Loading />;
  if (list.kind === 'error') return <ProblemAlert problem={list.problem} />;
  if (list.kind === 'unavailable' || list.items.length === 0) return <p>{t('privacy.queue.none')}</p>;
  return (
    <ul className="plain-list">
      {list.items.map((r) => (
        <li key={r.id} className="dossier-item">
          <strong>{t(`privacy.requests.kind.${r.kind}` as MessageKey)}</strong> — {t(`privacy.requests.status.${r.status}` as MessageKey)}
          {r.overdue ? <span className="badge badge-danger"> {t('privacy.queue.overdue')}</span> : null}
          <p>
            {t('privacy.queue.person')}: {r.person.fullName} {r.person.phone ?? ''} {r.person.email ?? ''}
          </p>
          <p>
            {t('privacy.requests.due')}: {formatDateTime(r.dueAt, lang)}
          </p>
          {r.details ? <p style={{ whiteSpace: 'pre-line' }}>{r.details}</p> : null}
          {r.status === 'open' ? <Resolve item={r} onDone={() => setRound((n) => n + 1)} /> : r.answer ? <p>{r.answer}</p> : null}
        </li>
      ))}
    </ul>
  );
};

/** `/quan-tri/yeu-cau-du-lieu`: data subjects' requests for the privacy officer and administrators. */
export const RequestsQueuePage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('privacy.queue.title')} lead={t('privacy.queue.lead')}>
      {user ? <Queue /> : <Loading />}
    </Page>
  );
};
