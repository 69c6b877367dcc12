import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { IOC, percent, type Alert } from './types.ts';

/** The leader's home: this month's alerts (units under the on-time threshold, units with overdue dossiers), the first five. */
export const HomeAlerts = () => {
  const { t, lang } = useI18n();
  const [alerts] = useResource<{ threshold: number; period: string; items: Alert[] }>(IOC.alerts);
  if (alerts.kind !== 'ok') return null;
  const { items, period, threshold } = alerts.value;
  if (items.length === 0) return <p role="status">{t('leader.noAlerts')}</p>;
  return (
    <>
      <h3>{t('leader.alerts', { period })}</h3>
      <ul className="plain-list">
        {items.slice(0, 5).map((a) => (
          <li key={`${a.kind}-${a.agencyId}`}>
            <Link href={`/ioc/agencies/${a.agencyId}`}>{a.name}</Link>
            {': '}
            {a.kind === 'low-on-time'
              ? t('ioc.alerts.lowOnTime', { value: percent(a.value, lang), threshold: percent(a.threshold ?? threshold, lang) })
              : t('ioc.alerts.overdue', { count: a.value })}
          </li>
        ))}
      </ul>
      {items.length > 5 ? <p className="result-meta">{t('leader.moreAlerts', { count: items.length - 5 })}</p> : null}
    </>
  );
};
