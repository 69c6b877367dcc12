import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, type Location } from '../../router.tsx';
import { RatedNotice, RatingPanel } from './RatingPanel.tsx';
import { AnswerPanel, PhotoGallery, RatingText, ReportFacts, Timeline } from './ReportParts.tsx';
import { useReport } from './use-feedback.ts';
import '../services/services.css';
import './feedback.css';

/**
 * `/feedback/mine/:id`: the citizen's own report — where it is, the agency's answer, and the
 * one-tap rating as soon as there is an answer to rate.
 */
export const MyReportPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const { user, report, reload } = useReport(location, params.id ?? '');
  const [rated, setRated] = useState<number | null>(null);

  if (!user || report.kind === 'loading') return <Loading />;
  if (report.kind === 'not-found') return <Page title={t('feedback.notFound')} lead={t('feedback.notFoundText')} />;
  if (report.kind === 'error') return <ProblemAlert problem={report.problem} />;

  const r = report.value;
  const canRate = r.allowedActions.includes('rate') || r.allowedActions.includes('reopen');
  return (
    <Page title={r.title} lead={t('feedback.facts.codeLine', { code: r.code })}>
      <p>
        <Link href="/feedback/mine">{t('feedback.mine.back')}</Link>
      </p>
      {rated !== null ? <RatedNotice rating={rated} /> : null}
      {r.state === 'submitted' ? <p className="alert alert-info">{t('feedback.mine.waitingModeration')}</p> : null}
      {rated === null && r.reopenCount > 0 && r.state !== 'answered' && r.state !== 'closed' ? <p className="alert alert-warning">{t('feedback.mine.reopened')}</p> : null}
      <AnswerPanel report={r} />
      {canRate ? <RatingPanel
          reportId={r.id}
          onRated={(rating) => {
            setRated(rating);
            reload();
          }}
        /> : null}
      {r.rating !== null && !canRate ? (
        <p className="panel">
          {t('feedback.mine.yourRating')} <RatingText rating={r.rating} />
          {r.ratingComment ? <span className="prewrap"> — {r.ratingComment}</span> : null}
        </p>
      ) : null}
      <ReportFacts report={r} />
      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('feedback.content')}</h2>
        <p className="prewrap">{r.description}</p>
        <p>{t('feedback.mine.privacy', { privacy: t(`feedback.privacy.${r.privacy}`) })}</p>
      </section>
      <PhotoGallery photos={r.photos} />
      <Timeline entries={r.timeline} />
    </Page>
  );
};
