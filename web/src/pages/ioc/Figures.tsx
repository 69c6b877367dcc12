import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { percent, type Change, type Overview } from './types.ts';

/** The headline figures: dossiers and feedback, each with its change from the previous period where it has one. */
type Card = { label: MessageKey; value: string; change?: Change; bad?: boolean };

const ChangeNote = ({ change }: { change: Change }) => {
  const { t, lang } = useI18n();
  const sign = change.delta > 0 ? '+' : '';
  return (
    <span className="ioc-change">
      {t('ioc.change', { delta: `${sign}${formatNumber(change.delta, lang)}`, relative: change.relative === null ? '—' : `${sign}${percent(change.relative, lang)}` })}
    </span>
  );
};

const Cards = ({ cards, label }: { cards: Card[]; label: string }) => {
  const { t } = useI18n();
  return (
    <ul className="stats ioc-cards" aria-label={label}>
      {cards.map((c) => (
        <li key={c.label} className={c.bad ? 'ioc-card-bad' : undefined}>
          <span className="stat-label">{t(c.label)}</span>
          <span className="ioc-card-value">{c.value}</span>
          {c.change ? <ChangeNote change={c.change} /> : null}
        </li>
      ))}
    </ul>
  );
};

export const DossierCards = ({ o }: { o: Overview }) => {
  const { t, lang } = useI18n();
  const d = o.dossiers;
  const n = (x: number) => formatNumber(x, lang);
  return (
    <Cards
      label={t('ioc.dossiers.heading')}
      cards={[
        { label: 'ioc.dossiers.received', value: n(d.received), change: d.change.received },
        { label: 'ioc.dossiers.done', value: n(d.done), change: d.change.done },
        { label: 'ioc.onTimeRate', value: percent(d.onTimeRate, lang) },
        { label: 'ioc.dossiers.late', value: n(d.doneLate), change: d.change.late, bad: d.doneLate > 0 },
        { label: 'ioc.dossiers.inProgress', value: n(d.inProgress) },
        { label: 'ioc.dossiers.overdue', value: n(d.overdue), bad: d.overdue > 0 },
        { label: 'ioc.dossiers.atRisk', value: n(d.atRisk) },
        { label: 'ioc.dossiers.toanTrinhShare', value: percent(d.toanTrinhShare, lang) },
        { label: 'ioc.dossiers.onlineShare', value: percent(d.onlineShare, lang) },
        { label: 'ioc.dossiers.onlinePaymentShare', value: percent(d.onlinePaymentShare, lang) },
      ]}
    />
  );
};

export const FeedbackCards = ({ o }: { o: Overview }) => {
  const { t, lang } = useI18n();
  const f = o.feedback;
  const n = (x: number) => formatNumber(x, lang);
  return (
    <Cards
      label={t('ioc.feedback.heading')}
      cards={[
        { label: 'ioc.feedback.received', value: n(f.received), change: f.change.received },
        { label: 'ioc.feedback.open', value: n(f.open) },
        { label: 'ioc.feedback.overdue', value: n(f.overdue), bad: f.overdue > 0 },
        { label: 'ioc.feedback.onTimeRate', value: percent(f.onTimeRate, lang) },
        { label: 'ioc.feedback.satisfaction', value: percent(f.satisfaction, lang) },
      ]}
    />
  );
};

/** The alerts: units under the on-time threshold, units with dossiers overdue. */
export const AlertList = ({ alerts, query = '' }: { alerts: Overview['alerts']; query?: string }) => {
  const { t, lang } = useI18n();
  if (alerts.items.length === 0) return <p role="status">{t('ioc.alerts.none')}</p>;
  return (
    <ul className="ioc-alerts">
      {alerts.items.map((a) => (
        <li key={`${a.kind}-${a.agencyId}`}>
          <Link href={`/ioc/agencies/${a.agencyId}${query}`}>{a.name}</Link>{': '}
          {a.kind === 'low-on-time'
            ? t('ioc.alerts.lowOnTime', { value: percent(a.value, lang), threshold: percent(a.threshold ?? alerts.threshold, lang) })
            : t('ioc.alerts.overdue', { count: formatNumber(a.value, lang) })}
        </li>
      ))}
    </ul>
  );
};
