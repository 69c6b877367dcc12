import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import { Link, type Location } from '../../router.tsx';
import { useSignedIn } from '../services/use-signed-in.ts';
import { FEEDBACK } from './endpoints.ts';
import { StateBadge } from './StateBadge.tsx';
import type { ReportSummary } from './types.ts';
import '../services/services.css';
import './feedback.css';

const List = () => {
  const { t, lang } = useI18n();
  const reports = useList<ReportSummary>(FEEDBACK.mine, 'reports');
  if (reports.kind === 'loading') return <Loading />;
  if (reports.kind === 'unavailable') return <p className="alert alert-info">{t('feedback.unavailable')}</p>;
  if (reports.kind === 'error') return <ProblemAlert problem={reports.problem} />;
  if (reports.items.length === 0) return <p>{t('feedback.mine.none')}</p>;
  const waiting = reports.items.filter((r) => r.state === 'answered');
  const item = (r: ReportSummary) => (
    <li key={r.id} className="dossier-item">
      <Link href={`/feedback/mine/${encodeURIComponent(r.id)}`} className="procedure-link">
        {r.title}
      </Link>
      <span className="procedure-meta">
        <StateBadge state={r.state} fallback={r.stateLabel} isOverdue={r.isOverdue} />
        <span className="code">{r.code}</span>
        <span>{t('feedback.mine.sentOn', { date: formatDate(r.createdAt, lang) })}</span>
      </span>
    </li>
  );
  return (
    <>
      {waiting.length > 0 ? (
        <section className="panel panel-attention" aria-labelledby="to-rate-title">
          <h2 id="to-rate-title">{t('feedback.mine.toRate')}</h2>
          <ul className="procedure-list">{waiting.map(item)}</ul>
        </section>
      ) : null}
      <h2>{t('feedback.mine.all')}</h2>
      <ul className="procedure-list">{reports.items.map(item)}</ul>
    </>
  );
};

/** `/feedback/mine`: "Phản ánh của tôi" — every report the citizen sent, answered ones to rate first. */
export const MyReportsPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('feedback.mine.title')} lead={t('feedback.mine.lead')}>
      <p>
        <Link href="/feedback/new" className="button">
          {t('feedback.new.title')}
        </Link>
      </p>
      {user ? <List /> : <Loading />}
    </Page>
  );
};
