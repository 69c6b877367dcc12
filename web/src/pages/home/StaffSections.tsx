import { formatNumber, vietnamIsoDay } from '../../lib/format.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { useI18n, useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { HomeAlerts } from '../ioc/HomeAlerts.tsx';
import { useResource } from '../services/use-resource.ts';

/** The end of today in Vietnam, as an instant (for "due today"). */
const endOfToday = () => new Date(`${vietnamIsoDay(new Date())}T23:59:59+07:00`).toISOString();

/** The dossiers still on their way (the queue's other statuses are finished or closed). */
const IN_PROGRESS = '1,2,4,5,6';

/** The queue counts at most 1,000 dossiers; past it `totalCapped` says the total is a floor. */
type QueueTotal = { total: number; totalCapped?: boolean };

const QueueCount = ({ label, path, href }: { label: string; path: string; href: string }) => {
  const { t, lang } = useI18n();
  const [queue] = useResource<QueueTotal>(path);
  const count = queue.kind === 'ok' ? formatNumber(queue.value.total, lang) : '';
  return (
    <li>
      <span className="stat-label">{label}</span>
      <span className="stat-value">
        {queue.kind === 'ok' ? (
          <Link href={href}>{queue.value.totalCapped ? t('officer.countMore', { count }) : count}</Link>
        ) : queue.kind === 'loading' ? (
          '…'
        ) : (
          t('officer.noData')
        )}
      </span>
    </li>
  );
};

/** The officer's queue at a glance: due today, overdue, all in hand; the list is one tap away. */
export const OfficerSection = () => {
  const t = useT();
  return (
    <section aria-labelledby="officer-title" className="panel">
      <h2 id="officer-title">{t('officer.heading')}</h2>
      <ul className="stats">
        <QueueCount label={t('officer.dueToday')} path={ENDPOINTS.dossierQueue({ status: IN_PROGRESS, dueBefore: endOfToday(), pageSize: '1' })} href="/officer/queue" />
        <QueueCount label={t('officer.overdue')} path={ENDPOINTS.dossierQueue({ overdue: 'true', pageSize: '1' })} href="/officer/queue?overdue=true" />
        <QueueCount label={t('officer.inProgress')} path={ENDPOINTS.dossierQueue({ status: IN_PROGRESS, pageSize: '1' })} href="/officer/queue" />
      </ul>
      <p>
        <Link href="/officer/queue" className="button">
          {t('officer.open')}
        </Link>
      </p>
    </section>
  );
};

export const LeaderSection = () => {
  const t = useT();
  return (
    <section aria-labelledby="leader-title" className="panel">
      <h2 id="leader-title">{t('leader.heading')}</h2>
      <p>{t('leader.text')}</p>
      <HomeAlerts />
      <p className="actions">
        <Link href="/ioc" className="button button-secondary">
          {t('leader.open')}
        </Link>
        <Link href="/quan-tri/nguoi-dung" className="button button-secondary">
          {t('users.leaderLink')}
        </Link>
      </p>
    </section>
  );
};

export const PartySection = () => {
  const t = useT();
  return (
    <section aria-labelledby="party-title" className="panel">
      <h2 id="party-title">{t('party.heading')}</h2>
      <p>{t('party.text')}</p>
      <p>
        <Link href="/soon/handbook" className="button button-secondary">
          {t('party.open')}
        </Link>
      </p>
    </section>
  );
};
