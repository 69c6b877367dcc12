import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { Link, type Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { periodQuery } from './PeriodForm.tsx';
import { IOC, percent, type Index766, type Score } from './types.ts';
import './ioc.css';

const points = (x: number | null, lang: 'vi' | 'en') => (x === null ? '—' : formatNumber(Math.round(x * 100) / 100, lang));

/** One unit's five groups, each indicator with its formula and whether it is measured or entered by hand. */
const ScoreTable = ({ score, caption }: { score: Score; caption: string }) => {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap">
      <table className="ioc-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ioc.index766.indicator')}</th>
            <th scope="col">{t('ioc.index766.source')}</th>
            <th scope="col">{t('ioc.index766.share')}</th>
            <th scope="col">{t('ioc.index766.points')}</th>
          </tr>
        </thead>
        {score.groups.map((g) => (
          <tbody key={g.group}>
            <tr className="ioc-group-row">
              <th scope="rowgroup" colSpan={3}>{g.name}</th>
              <td>{t('ioc.index766.groupPoints', { points: points(g.points, lang), max: g.max })}</td>
            </tr>
            {g.indicators.map((i) => (
              <tr key={i.code}>
                <th scope="row">
                  {i.code} {i.name}
                  <span className="result-meta"> — {i.formula}</span>
                </th>
                <td>{i.source === 'measured' ? t('ioc.index766.measured') : t('ioc.index766.manual')}</td>
                <td>{percent(i.share, lang)}</td>
                <td>{t('ioc.index766.groupPoints', { points: points(i.points, lang), max: i.max })}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
};

/** `/ioc/index-766`: Decision 766 for the province and each agency, by month or quarter. */
export const Index766Page = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const period = location.query.get('period') === 'quarter' ? 'quarter' : 'month';
  const at = location.query.get('at') ?? undefined;
  const [answer] = useResource<Index766>(user ? IOC.index766({ period, at }) : null);
  const carry = periodQuery(location);
  return (
    <Page title={t('ioc.index766.title')} lead={t('ioc.index766.lead')}>
      <p className="ioc-actions">
        <Link href={`/ioc${carry}`}>{t('ioc.backToProvince')}</Link>
        <Link href={`/ioc/index-766?period=${period === 'month' ? 'quarter' : 'month'}${at ? `&at=${at}` : ''}`}>{period === 'month' ? t('ioc.index766.byQuarter') : t('ioc.index766.byMonth')}</Link>
      </p>
      {!user || answer.kind === 'loading' ? (
        <Loading />
      ) : answer.kind === 'not-found' ? (
        <p className="alert alert-info">{t('ioc.unavailable')}</p>
      ) : answer.kind === 'error' ? (
        <ProblemAlert problem={answer.problem} />
      ) : (
        <>
          {answer.value.province ? (
            <section aria-labelledby="i766-province">
              <h2 id="i766-province">{t('ioc.index766.province', { period: answer.value.period.label, total: points(answer.value.province.total, lang), assessed: answer.value.province.assessedMax })}</h2>
              <ScoreTable score={answer.value.province} caption={t('ioc.index766.caption')} />
            </section>
          ) : null}
          <section aria-labelledby="i766-agencies">
            <h2 id="i766-agencies">{t('ioc.index766.agencies')}</h2>
            <div className="table-wrap">
              <table className="ioc-table">
                <thead>
                  <tr>
                    <th scope="col">{t('ioc.unit')}</th>
                    {answer.value.agencies[0]?.groups.map((g) => <th key={g.group} scope="col">{g.name}</th>)}
                    <th scope="col">{t('ioc.index766.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.value.agencies.map((a) => (
                    <tr key={a.agencyId}>
                      <th scope="row"><Link href={`/ioc/agencies/${a.agencyId}${carry}`}>{a.name}</Link></th>
                      {a.groups.map((g) => <td key={g.group}>{points(g.points, lang)}</td>)}
                      <td>{t('ioc.index766.groupPoints', { points: points(a.total, lang), max: a.assessedMax })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {answer.value.agencies.length === 1 ? <ScoreTable score={answer.value.agencies[0]!} caption={answer.value.agencies[0]!.name} /> : null}
          </section>
        </>
      )}
    </Page>
  );
};
