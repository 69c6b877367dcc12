import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { FEEDBACK } from './endpoints.ts';
import { actionLabel, ratingLabel } from './labels.ts';
import { StateBadge } from './StateBadge.tsx';
import type { Photo, PublicReport, ReportDetail, TimelineEntry } from './types.ts';

/** State, code, topic, place, dates and agency of a report; the reporter when this viewer may know. */
export const ReportFacts = ({ report }: { report: PublicReport | ReportDetail }) => {
  const { t, lang } = useI18n();
  const place = [report.address, report.commune.name].filter(Boolean).join(', ');
  const rows: [string, string | null | undefined][] = [
    [t('feedback.facts.code'), report.code],
    [t('feedback.facts.topic'), report.topic.name],
    [t('feedback.facts.place'), place],
    [t('feedback.facts.createdAt'), formatDateTime(report.createdAt, lang)],
    [t('feedback.facts.agency'), report.agency?.name],
    [t('feedback.facts.dueAt'), report.dueAt ? formatDate(report.dueAt, lang) : null],
    [t('feedback.facts.answeredAt'), report.answeredAt ? formatDateTime(report.answeredAt, lang) : null],
    [t('feedback.facts.reporter'), report.reporterName],
    [t('feedback.facts.mergedInto'), report.mergedIntoCode],
  ];
  return (
    <dl className="facts panel">
      <dt>{t('feedback.facts.state')}</dt>
      <dd>
        <StateBadge state={report.state} fallback={report.stateLabel} isOverdue={report.isOverdue} />
      </dd>
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <Row key={label} label={label} value={value!} />
        ))}
    </dl>
  );
};

const Row = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);

/** The report's photos (the public copies: resized, without location data), each opening full size. */
export const PhotoGallery = ({ photos }: { photos: Photo[] }) => {
  const { t } = useI18n();
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-title">
      <h2 id="photos-title">{t('feedback.photosTitle')}</h2>
      <ul className="gallery">
        {photos.map((photo, i) => (
          <li key={photo.publicFileId}>
            <a href={FEEDBACK.file(photo.publicFileId)} target="_blank" rel="noopener">
              <img
                src={FEEDBACK.file(photo.publicFileId)}
                alt={t('feedback.photoAlt', { n: i + 1 })}
                width={photo.width || undefined}
                height={photo.height || undefined}
                decoding="async"
              />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
};

/** The agency's answer with its files; nothing while there is none. */
export const AnswerPanel = ({ report }: { report: PublicReport | ReportDetail }) => {
  const { t, lang } = useI18n();
  if (!report.answer) return null;
  return (
    <section className="panel answer" aria-labelledby="answer-title">
      <h2 id="answer-title">{t('feedback.answer.title')}</h2>
      <p className="result-meta">
        {[report.agency?.name, report.answeredAt ? formatDateTime(report.answeredAt, lang) : null].filter(Boolean).join(' · ')}
      </p>
      <p className="prewrap">{report.answer}</p>
      {report.answerFiles.length > 0 ? (
        <>
          <h3>{t('feedback.answer.files')}</h3>
          <ul className="plain-list">
            {report.answerFiles.map((f) => (
              <li key={f.fileId}>
                <a href={FEEDBACK.file(f.fileId)} download>
                  {f.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};

/** Every step of the report, oldest first (the public sees steps and times only). */
export const Timeline = ({ entries }: { entries: TimelineEntry[] }) => {
  const { t, lang } = useI18n();
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('feedback.timeline')}</h2>
      <ol className="history">
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <p className="history-head">
              <strong>{actionLabel(t, e.action, e.label)}</strong> <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            </p>
            {e.actorName ? <p>{t('history.by', { name: e.actorName })}</p> : null}
            {e.comment ? <p className="prewrap">{e.comment}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
};

/** "★★★★☆ Hài lòng" — the stars are decoration; the words are what is read. */
export const RatingText = ({ rating }: { rating: number }) => {
  const { t } = useI18n();
  return (
    <span>
      <span className="stars" aria-hidden="true">
        {'★'.repeat(rating)}
        {'☆'.repeat(5 - rating)}
      </span>{' '}
      {t('feedback.ratingOf', { rating, label: ratingLabel(t, rating) })}
    </span>
  );
};
