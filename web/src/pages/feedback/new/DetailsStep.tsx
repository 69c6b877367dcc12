import { Field } from '../../../components/Field.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { TextAreaField } from '../../services/FormControls.tsx';
import { PRIVACIES } from '../types.ts';
import { DESCRIPTION_MAX, TITLE_MAX, type DraftErrors, type ReportDraft } from './report-draft.ts';

type Props = { draft: ReportDraft; messages: Partial<Record<keyof DraftErrors, string>>; onChange: (change: Partial<ReportDraft>) => void };

/** Step 3: a short title, what happened, and who may know it was you — said in plain words. */
export const DetailsStep = ({ draft, messages, onChange }: Props) => {
  const { t, lang } = useI18n();
  return (
    <>
      <Field
        name="title"
        label={t('form.requiredLabel', { label: t('feedback.details.title') })}
        hint={t('feedback.details.titleHint')}
        error={messages.title}
        value={draft.title}
        maxLength={TITLE_MAX}
        aria-required
        onChange={(e) => onChange({ title: e.target.value })}
      />
      <TextAreaField
        id="field-description"
        label={t('form.requiredLabel', { label: t('feedback.details.description') })}
        hint={t('feedback.details.descriptionHint', { max: formatNumber(DESCRIPTION_MAX, lang) })}
        error={messages.description}
        value={draft.description}
        rows={6}
        maxLength={DESCRIPTION_MAX}
        aria-required
        onChange={(e) => onChange({ description: e.target.value })}
      />
      <fieldset className="choice-list">
        <legend>{t('feedback.privacy.legend')}</legend>
        {PRIVACIES.map((privacy) => (
          <div key={privacy} className="choice">
            <input
              id={`privacy-${privacy}`}
              type="radio"
              name="privacy"
              value={privacy}
              checked={draft.privacy === privacy}
              aria-describedby={`privacy-${privacy}-text`}
              onChange={() => onChange({ privacy })}
            />
            <label htmlFor={`privacy-${privacy}`}>
              <span className="choice-title">{t(`feedback.privacy.${privacy}`)}</span>
              <span id={`privacy-${privacy}-text`} className="choice-text">
                {t(`feedback.privacy.${privacy}.text`)}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
    </>
  );
};
