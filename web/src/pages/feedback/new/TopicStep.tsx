import { Loading } from '../../../components/Page.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import type { ListState } from '../../../lib/use-list.ts';
import type { Topic } from '../types.ts';

type Props = { topics: ListState<Topic>; value: string; error?: string; onChange: (code: string) => void };

/** Step 1: what the report is about, one large choice per topic with its time limit. */
export const TopicStep = ({ topics, value, error, onChange }: Props) => {
  const { t, lang } = useI18n();
  if (topics.kind === 'loading') return <Loading />;
  if (topics.kind === 'unavailable') return <p className="alert alert-info">{t('feedback.unavailable')}</p>;
  if (topics.kind === 'error') return <ProblemAlert problem={topics.problem} />;
  return (
    <fieldset className={error ? 'choice-list field-invalid' : 'choice-list'} aria-describedby={error ? 'topic-error' : undefined}>
      <legend>{t('feedback.new.topicLegend')}</legend>
      {error ? (
        <p id="topic-error" className="field-error">
          {error}
        </p>
      ) : null}
      {topics.items.map((topic) => (
        <div key={topic.code} className="choice">
          <input id={`topic-${topic.code}`} type="radio" name="topic" value={topic.code} checked={value === topic.code} onChange={() => onChange(topic.code)} aria-describedby={`topic-${topic.code}-text`} />
          <label htmlFor={`topic-${topic.code}`}>
            <span className="choice-title">{topic.name}</span>
            <span id={`topic-${topic.code}-text`} className="choice-text">
              {topic.description ? <span className="choice-line">{topic.description}</span> : null}
              <span className="choice-line">{topic.kind === 'inspection' ? t('feedback.new.inspectionNote') : t('feedback.new.limit', { days: formatNumber(topic.limitWorkingDays, lang) })}</span>
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
};
