import { Page } from '../components/Page.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

/** Features linked from the homes that other modules will build; the page says so plainly. */
const FEATURES: Record<string, MessageKey> = {
  services: 'citizen.services',
  dossiers: 'citizen.dossiers',
  feedback: 'citizen.feedback',
  notifications: 'citizen.notifications',
  'feedback-map': 'guest.map.title',
  queues: 'officer.queues',
  dashboard: 'leader.heading',
  handbook: 'party.heading',
  calendar: 'admin.calendar',
  procedures: 'admin.procedures',
};

export const NotFoundPage = () => {
  const t = useT();
  return (
    <Page title={t('notFound.title')} lead={t('notFound.text')}>
      <p>
        <Link href="/" className="button">
          {t('common.backHome')}
        </Link>
      </p>
    </Page>
  );
};

export const SoonPage = ({ params }: { params: Record<string, string> }) => {
  const t = useT();
  const feature = FEATURES[params.feature ?? ''];
  if (!feature) return <NotFoundPage />;
  return (
    <Page title={t('soon.title')} lead={t('soon.text', { feature: t(feature) })}>
      <p>
        <Link href="/" className="button">
          {t('common.backHome')}
        </Link>
      </p>
    </Page>
  );
};
