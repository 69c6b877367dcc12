import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatShortDate } from '../../lib/format.ts';
import { Link, type Location } from '../../router.tsx';
import { statusLabel } from '../services/labels.ts';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { periodQuery } from './PeriodForm.tsx';
import { IOC, type DossierList } from './types.ts';
import './ioc.css';

const FILTERS = ['all', 'in-progress', 'overdue', 'late'] as const;

/** `/ioc/agencies/:agencyId/procedures/:code`: the dossiers of one procedure (codes, dates, states; never the citizen). */
export const IocDossiersPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  const agencyId = params.agencyId ?? '';
  const code = params.code ?? '';
  const filter = location.query.get('filter') ?? 'all';
  const page = location.query.get('page') ?? undefined;
  const q = { period: location.query.get('period') ?? undefined, at: location.query.get('at') ?? undefined };
  const [list] = useResource<DossierList>(user ? IOC.dossiers(agencyId, code, { ...q, filter, page }) : null);
  const carry = periodQuery(location);
  const href = (f: string) => {
    const next = new URLSearchParams(carry.slice(1));
    if (f !== 'all') next.set('filter', f);
    const s = next.toString();
    return `${location.path}${s ? `?${s}` : ''}`;
  };
  const date = (d: string | null) => (d ? formatShortDate(d) : '—');
  return (
    <Page title={t('ioc.dossiers.listTitle', { code })}>
      <p>
        <Link href={`/ioc/agencies/${agencyId}${carry}`}>{t('ioc.backToAgency')}</Link>
      </p>
      <nav aria-label={t('ioc.dossiers.filter')}>
        <ul className="ioc-actions">
          {FILTERS.map((f) => (
            <li key={f}>
              <Link href={href(f)} aria-current={f === filter ? 'page' : undefined} className={f === filter ? 'button' : 'button button-secondary'}>
                {t(`ioc.filter.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!user || list.kind === 'loading' ? (
        <Loading />
      ) : list.kind === 'not-found' ? (
        <p className="alert alert-info">{t('ioc.agency.notFound')}</p>
      ) : list.kind === 'error' ? (
        <ProblemAlert problem={list.problem} />
      ) : list.value.items.length === 0 ? (
        <p role="status">{t('ioc.dossiers.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="ioc-table">
            <caption>{t('ioc.dossiers.count', { total: list.value.total, period: list.value.period.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ioc.dossiers.code')}</th>
                <th scope="col">{t('ioc.dossiers.status')}</th>
                <th scope="col">{t('ioc.dossiers.submitted')}</th>
                <th scope="col">{t('ioc.dossiers.due')}</th>
                <th scope="col">{t('ioc.dossiers.doneAt')}</th>
                <th scope="col">{t('ioc.dossiers.onTime')}</th>
              </tr>
            </thead>
            <tbody>
              {list.value.items.map((d) => (
                <tr key={d.id}>
                  <th scope="row" className="code">{d.code}</th>
                  <td>{statusLabel(t, d.status)}</td>
                  <td>{date(d.submittedAt)}</td>
                  <td>{date(d.dueAt)}</td>
                  <td>{date(d.doneAt)}</td>
                  <td className={d.onTime ? undefined : 'ioc-bad'}>{d.onTime ? t('ioc.yes') : t('ioc.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
};
