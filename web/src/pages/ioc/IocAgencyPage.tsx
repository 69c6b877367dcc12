import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { Link, type Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { DossierCards, FeedbackCards } from './Figures.tsx';
import { PeriodForm, periodQuery } from './PeriodForm.tsx';
import { IOC, percent, type AgencyDetail, type Overview } from './types.ts';
import './ioc.css';

/**
 * `/ioc/agencies/:agencyId`: one agency (a commune is its People's Committee): its headline
 * figures, its procedures (each a link to the list of dossiers), officers' workloads and the
 * dossiers overdue now.
 */
export const IocAgencyPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const agencyId = params.agencyId ?? '';
  const q = { period: location.query.get('period') ?? undefined, at: location.query.get('at') ?? undefined };
  const [overview] = useResource<Overview>(user ? IOC.overview({ ...q, agencyId }) : null);
  const [detail] = useResource<AgencyDetail>(user ? IOC.agency(agencyId, q) : null);
  const carry = periodQuery(location);
  const n = (x: number) => formatNumber(x, lang);
  if (!user || detail.kind === 'loading' || overview.kind === 'loading') return <Page title={t('ioc.agency.title')}><Loading /></Page>;
  if (detail.kind === 'not-found' || overview.kind === 'not-found') return <Page title={t('ioc.agency.title')}><p className="alert alert-info">{t('ioc.agency.notFound')}</p></Page>;
  if (detail.kind === 'error') return <Page title={t('ioc.agency.title')}><ProblemAlert problem={detail.problem} /></Page>;
  if (overview.kind === 'error') return <Page title={t('ioc.agency.title')}><ProblemAlert problem={overview.problem} /></Page>;
  const d = detail.value;
  const title = d.agency.kind === 'commune_committee' && d.agency.communeName ? `${d.agency.communeName} — ${d.agency.name}` : d.agency.name;
  return (
    <Page title={title} lead={t('ioc.lead', { period: overview.value.period.label, at: formatDateTime(overview.value.asOf, lang) })}>
      <p>
        <Link href={`/ioc${carry}`}>{t('ioc.backToProvince')}</Link>
      </p>
      <PeriodForm key={location.href} location={location} />
      <section aria-labelledby="ioc-a-dossiers">
        <h2 id="ioc-a-dossiers">{t('ioc.dossiers.heading')}</h2>
        <DossierCards o={overview.value} />
        <FeedbackCards o={overview.value} />
      </section>
      <section aria-labelledby="ioc-a-procedures">
        <h2 id="ioc-a-procedures">{t('ioc.agency.procedures')}</h2>
        {d.procedures.length === 0 ? (
          <p>{t('ioc.agency.noProcedures')}</p>
        ) : (
          <div className="table-wrap">
            <table className="ioc-table">
              <thead>
                <tr>
                  <th scope="col">{t('ioc.agency.procedure')}</th>
                  <th scope="col">{t('ioc.dossiers.received')}</th>
                  <th scope="col">{t('ioc.dossiers.done')}</th>
                  <th scope="col">{t('ioc.onTimeRate')}</th>
                  <th scope="col">{t('ioc.dossiers.inProgress')}</th>
                  <th scope="col">{t('ioc.dossiers.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {d.procedures.map((p) => (
                  <tr key={p.procedureCode}>
                    <th scope="row">
                      <Link href={`/ioc/agencies/${d.agency.id}/procedures/${encodeURIComponent(p.procedureCode)}${carry}`}>{p.name}</Link>
                    </th>
                    <td>{n(p.received)}</td>
                    <td>{n(p.done)}</td>
                    <td>{percent(p.onTimeRate, lang)}</td>
                    <td>{n(p.inProgress)}</td>
                    <td className={p.overdue > 0 ? 'ioc-bad' : undefined}>{n(p.overdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="ioc-a-workloads">
        <h2 id="ioc-a-workloads">{t('ioc.agency.workloads')}</h2>
        {d.workloads.length === 0 ? (
          <p>{t('ioc.agency.noWork')}</p>
        ) : (
          <div className="table-wrap">
            <table className="ioc-table">
              <thead>
                <tr>
                  <th scope="col">{t('ioc.agency.officer')}</th>
                  <th scope="col">{t('ioc.dossiers.inProgress')}</th>
                  <th scope="col">{t('ioc.dossiers.overdue')}</th>
                  <th scope="col">{t('ioc.dossiers.atRisk')}</th>
                </tr>
              </thead>
              <tbody>
                {d.workloads.map((w) => (
                  <tr key={w.assigneeId ?? 'none'}>
                    <th scope="row">{w.assigneeId ? w.fullName : t('ioc.agency.unassigned')}</th>
                    <td>{n(w.open)}</td>
                    <td className={w.overdue > 0 ? 'ioc-bad' : undefined}>{n(w.overdue)}</td>
                    <td>{n(w.atRisk)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="ioc-a-overdue">
        <h2 id="ioc-a-overdue">{t('ioc.agency.overdueItems')}</h2>
        {d.overdueItems.length === 0 ? (
          <p>{t('ioc.agency.noOverdue')}</p>
        ) : (
          <ul className="plain-list">
            {d.overdueItems.map((o) => (
              <li key={o.id}>
                <span className="code">{o.code}</span> — {o.procedureName ?? ''} — {t('ioc.agency.dueAt', { at: formatDateTime(o.dueAt, lang) })}
                {o.assigneeName ? ` — ${o.assigneeName}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
};
