import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Link, type Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { Gauges, TrendChart } from './Charts.tsx';
import { CommuneMap } from './CommuneMap.tsx';
import { AlertList, DossierCards, FeedbackCards } from './Figures.tsx';
import { PeriodForm, periodQuery } from './PeriodForm.tsx';
import { RankingTable } from './Rankings.tsx';
import { IOC, type Overview } from './types.ts';
import './ioc.css';

/**
 * `/ioc`: the leaders' screen. A province leader sees the province (agencies, communes, map);
 * an agency leader the same for their agency. Every figure comes from `GET /api/ioc/overview`.
 */
export const IocDashboardPage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const q = Object.fromEntries(['period', 'at', 'granularity'].map((k) => [k, location.query.get(k) ?? undefined]));
  const [overview] = useResource<Overview>(user ? IOC.overview(q) : null);
  const carry = periodQuery(location);
  if (!user || overview.kind === 'loading') return <Page title={t('ioc.title')}><Loading /></Page>;
  if (overview.kind === 'not-found') return <Page title={t('ioc.title')}><p className="alert alert-info">{t('ioc.unavailable')}</p></Page>;
  if (overview.kind === 'error') return <Page title={t('ioc.title')}><ProblemAlert problem={overview.problem} /></Page>;
  const o = overview.value;
  const isProvince = o.scope.kind === 'province';
  const month = o.period.kind === 'month' ? o.period.from.slice(0, 7) : undefined;
  return (
    <Page
      title={isProvince ? t('ioc.title') : t('ioc.titleAgency', { name: o.scope.name ?? '' })}
      lead={t('ioc.lead', { period: o.period.label, at: formatDateTime(o.asOf, lang) })}
    >
      <PeriodForm key={location.href} location={location} />
      <section className="panel" aria-labelledby="ioc-alerts">
        <h2 id="ioc-alerts">{t('ioc.alerts.heading')}</h2>
        <AlertList alerts={o.alerts} query={carry} />
      </section>
      <section aria-labelledby="ioc-dossiers">
        <h2 id="ioc-dossiers">{t('ioc.dossiers.heading')}</h2>
        <DossierCards o={o} />
      </section>
      <section aria-labelledby="ioc-feedback">
        <h2 id="ioc-feedback">{t('ioc.feedback.heading')}</h2>
        <FeedbackCards o={o} />
      </section>
      <section className="panel" aria-labelledby="ioc-trend">
        <h2 id="ioc-trend">{t('ioc.trend.heading', { step: t(`ioc.granularity.${o.trend.granularity}` as MessageKey) })}</h2>
        <TrendChart points={o.trend.points} granularity={o.trend.granularity} />
      </section>
      <section className="panel" aria-labelledby="ioc-targets">
        <h2 id="ioc-targets">{t('ioc.targets.heading')}</h2>
        <Gauges gauges={o.targets} />
        <p>
          <Link href={`/ioc/index-766${carry}`}>{t('ioc.index766.open')}</Link>
        </p>
      </section>
      <section aria-labelledby="ioc-rankings">
        <h2 id="ioc-rankings">{t('ioc.rankings.heading')}</h2>
        <RankingTable rows={o.rankings.agencies} caption={t('ioc.rankings.agencies')} query={carry} />
        {isProvince ? <RankingTable rows={o.rankings.communes} caption={t('ioc.rankings.communes')} limit={20} query={carry} /> : null}
      </section>
      {isProvince ? (
        <section className="panel" aria-labelledby="ioc-map">
          <h2 id="ioc-map">{t('ioc.map.heading')}</h2>
          <CommuneMap communes={o.rankings.communes} spots={o.hotSpots} query={carry} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="ioc-exports">
        <h2 id="ioc-exports">{t('ioc.exports.heading')}</h2>
        <p>{t('ioc.exports.text')}</p>
        <p className="ioc-actions">
          <a className="button button-secondary" href={IOC.report('pdf', { month })} download>
            {t('ioc.exports.pdf')}
          </a>
          <a className="button button-secondary" href={IOC.report('xlsx', { month })} download>
            {t('ioc.exports.xlsx')}
          </a>
        </p>
        {isProvince ? (
          <p>
            <Link href="/ioc/payments">{t('payments.open')}</Link>
          </p>
        ) : null}
      </section>
    </Page>
  );
};
