import { useState } from 'react';
import { ReportMap } from '../../../components/map/ReportMap.tsx';
import { Loading, Page } from '../../../components/Page.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Link, type Location } from '../../../router.tsx';
import { actionLabel, stateLabel } from '../labels.ts';
import { toneOfReport } from '../map-points.ts';
import { AnswerPanel, PhotoGallery, RatingText, ReportFacts, Timeline } from '../ReportParts.tsx';
import { useReport } from '../use-feedback.ts';
import { DueTag } from './DueTag.tsx';
import { ReportActionDialog } from './ReportActionDialog.tsx';
import { specOf, STAFF_ACTIONS } from './report-actions.ts';
import { useAgencyOptions, useDuplicates } from './use-staff-data.ts';
import '../../services/services.css';
import '../feedback.css';

/**
 * `/officer/feedback/:id`: a report as the handling agency or a moderator sees it, with the actions
 * the API says this person may take now (start, answer with files, return; moderate, merge with a
 * suggested duplicate, route, reject, transfer to the inspectorate, close). Each opens a dialog.
 */
export const StaffReportPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const id = params.id ?? '';
  const { user, report, reload } = useReport(location, id);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const allowed = report.kind === 'ok' ? report.value.allowedActions : [];
  const agencies = useAgencyOptions(open !== null && specOf(open).inputs.includes('agency'));
  const duplicates = useDuplicates(id, allowed.includes('merge'));

  if (!user || report.kind === 'loading') return <Loading />;
  if (report.kind === 'not-found') return <Page title={t('feedback.notFound')} lead={t('feedback.notFoundText')} />;
  if (report.kind === 'error') return <ProblemAlert problem={report.problem} />;

  const r = report.value;
  const actions = STAFF_ACTIONS.filter((a) => allowed.includes(a));
  const back = r.viewer === 'moderator' ? '/officer/feedback/moderation' : '/officer/feedback';
  const contact = r.contact ? [r.contact.name, r.contact.phone, r.contact.email].filter(Boolean).join(' · ') : '';
  return (
    <Page title={r.title} lead={t('feedback.facts.codeLine', { code: r.code })}>
      <p>
        <Link href={back}>{r.viewer === 'moderator' ? t('feedback.moderation.back') : t('feedback.queue.back')}</Link>
      </p>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('action.done', { action: actionLabel(t, done) })}
        </p>
      ) : null}
      <p>
        <DueTag report={r} />
      </p>
      <section className="panel" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('feedback.staff.actions')}</h2>
        {actions.length === 0 ? (
          <p>{t('feedback.staff.noActions')}</p>
        ) : (
          <p className="actions">
            {actions.map((a) => (
              <button key={a} type="button" className={specOf(a).isDanger ? 'button button-secondary' : 'button'} onClick={() => setOpen(a)}>
                {actionLabel(t, a)}
              </button>
            ))}
          </p>
        )}
        {allowed.includes('merge') && duplicates.length > 0 ? <p className="alert alert-warning">{t('feedback.staff.duplicatesFound', { count: duplicates.length })}</p> : null}
      </section>
      <ReportFacts report={r} />
      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('feedback.content')}</h2>
        <p className="prewrap">{r.description}</p>
        <dl className="facts">
          <dt>{t('feedback.staff.privacy')}</dt>
          <dd>{t(`feedback.privacy.${r.privacy}`)}</dd>
          {contact ? (
            <>
              <dt>{t('feedback.staff.contact')}</dt>
              <dd>{contact}</dd>
            </>
          ) : null}
          {r.moderationNote ? (
            <>
              <dt>{t('feedback.staff.moderationNote')}</dt>
              <dd>{r.moderationNote}</dd>
            </>
          ) : null}
          {r.rating !== null ? (
            <>
              <dt>{t('feedback.staff.rating')}</dt>
              <dd>
                <RatingText rating={r.rating} />
                {r.ratingComment ? ` — ${r.ratingComment}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <PhotoGallery photos={r.photos} />
      <AnswerPanel report={r} />
      <section aria-labelledby="where-title">
        <h2 id="where-title">{t('feedback.where')}</h2>
        <ReportMap label={t('feedback.whereLabel', { code: r.code })} points={[{ id: r.id, lat: r.lat, lng: r.lng, label: `${r.code}: ${r.title} (${stateLabel(t, r.state, r.stateLabel)})`, tone: toneOfReport(r) }]} />
      </section>
      <Timeline entries={r.timeline} />
      {open ? (
        <ReportActionDialog
          action={open}
          reportId={r.id}
          seq={r.seq}
          agencies={agencies}
          duplicates={duplicates}
          onClose={() => setOpen(null)}
          onConflict={() => {
            setOpen(null);
            setDone(null);
            reload();
          }}
          onDone={(action) => {
            setDone(action);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
};
