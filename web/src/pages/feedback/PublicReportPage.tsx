import { ReportMap } from '../../components/map/ReportMap.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { FEEDBACK } from './endpoints.ts';
import { stateLabel } from './labels.ts';
import { toneOfReport } from './map-points.ts';
import { AnswerPanel, PhotoGallery, RatingText, ReportFacts, Timeline } from './ReportParts.tsx';
import type { PublicReport } from './types.ts';
import '../services/services.css';
import './feedback.css';

/** `/feedback/reports/:id`: one public report — what was reported, where, and the agency's answer. */
export const PublicReportPage = ({ params }: { params: Record<string, string> }) => {
  const { t } = useI18n();
  const [report] = useResource<PublicReport>(FEEDBACK.publicReport(params.id ?? ''));

  if (report.kind === 'loading') return <Loading />;
  if (report.kind === 'not-found') return <Page title={t('feedback.notFound')} lead={t('feedback.notFoundText')} />;
  if (report.kind === 'error') return <ProblemAlert problem={report.problem} />;

  const r = report.value;
  const pin = { id: r.id, lat: r.lat, lng: r.lng, label: `${r.code}: ${r.title} (${stateLabel(t, r.state, r.stateLabel)})`, tone: toneOfReport(r) };
  return (
    <Page title={r.title} lead={t('feedback.facts.codeLine', { code: r.code })}>
      <p>
        <Link href="/feedback">{t('feedback.public.back')}</Link>
      </p>
      <AnswerPanel report={r} />
      {r.rating !== null ? (
        <p>
          {t('feedback.public.rating')} <RatingText rating={r.rating} />
        </p>
      ) : null}
      <ReportFacts report={r} />
      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('feedback.content')}</h2>
        <p className="prewrap">{r.description}</p>
      </section>
      <PhotoGallery photos={r.photos} />
      <section aria-labelledby="where-title">
        <h2 id="where-title">{t('feedback.where')}</h2>
        <ReportMap label={t('feedback.whereLabel', { code: r.code })} points={[pin]} />
      </section>
      <Timeline entries={r.timeline} />
    </Page>
  );
};
