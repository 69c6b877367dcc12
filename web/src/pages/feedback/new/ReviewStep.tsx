import { useI18n } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import type { Topic } from '../types.ts';
import type { ReportDraft, Step } from './report-draft.ts';

type Props = { draft: ReportDraft; topic: Topic | undefined; communeName: string | undefined; onEdit: (step: Step) => void };

/** The review before sending: everything the citizen wrote, each part with a button to change it. */
export const ReviewStep = ({ draft, topic, communeName, onEdit }: Props) => {
  const { t, lang } = useI18n();
  const place = [draft.address.trim(), communeName].filter(Boolean).join(', ');
  const point = draft.place && draft.placeSource !== 'commune' ? `${draft.place.lat.toFixed(5)}, ${draft.place.lng.toFixed(5)}` : null;
  const edit = (step: Step, what: string) => (
    <button type="button" className="button-link" onClick={() => onEdit(step)}>
      {t('feedback.review.edit')}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
  return (
    <dl className="facts panel review">
      <dt>{t('feedback.review.topic')}</dt>
      <dd>
        {topic?.name ?? draft.topicCode} {edit(1, t('feedback.review.topic'))}
      </dd>
      <dt>{t('feedback.review.place')}</dt>
      <dd>
        {place || t('feedback.review.noAddress')}
        {point ? <span className="review-point"> ({point})</span> : null} {edit(2, t('feedback.review.place'))}
      </dd>
      <dt>{t('feedback.review.photos')}</dt>
      <dd>
        {draft.photos.length > 0 ? t('feedback.review.photoCount', { count: formatNumber(draft.photos.length, lang) }) : t('feedback.review.noPhotos')} {edit(2, t('feedback.review.photos'))}
      </dd>
      <dt>{t('feedback.details.title')}</dt>
      <dd>
        {draft.title.trim()} {edit(3, t('feedback.details.title'))}
      </dd>
      <dt>{t('feedback.details.description')}</dt>
      <dd className="prewrap">
        {draft.description.trim()} {edit(3, t('feedback.details.description'))}
      </dd>
      <dt>{t('feedback.privacy.legend')}</dt>
      <dd>
        {t(`feedback.privacy.${draft.privacy}`)} {edit(3, t('feedback.privacy.legend'))}
      </dd>
    </dl>
  );
};
