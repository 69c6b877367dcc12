import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';

/** The officer's queues: counts arrive with the dossier workflow; until then they say so. */
export const OfficerSection = () => {
  const t = useT();
  const counts = [t('officer.dueToday'), t('officer.overdue'), t('officer.inProgress')];
  return (
    <section aria-labelledby="officer-title" className="panel">
      <h2 id="officer-title">{t('officer.heading')}</h2>
      <ul className="stats">
        {counts.map((label) => (
          <li key={label}>
            <span className="stat-label">{label}</span>
            <span className="stat-value">{t('officer.noData')}</span>
          </li>
        ))}
      </ul>
      <p>{t('officer.text')}</p>
      <p>
        <Link href="/soon/queues" className="button button-secondary">
          {t('officer.queues')}
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
      <p>
        <Link href="/soon/dashboard" className="button button-secondary">
          {t('leader.open')}
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
