import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useList } from '../../lib/use-list.ts';
import { navigate } from '../../router.tsx';
import { SelectField } from '../services/FormControls.tsx';
import { CommuneSelect } from './CommuneSelect.tsx';
import { FEEDBACK, type PublicFilters as Filters } from './endpoints.ts';
import type { Topic } from './types.ts';

/** Topic, commune and words (without diacritics is fine); applied through the address, so they can be shared. */
export const PublicFilters = ({ filters }: { filters: Filters }) => {
  const { t } = useI18n();
  const topics = useList<Topic>(FEEDBACK.topics, 'topics');
  const [topic, setTopic] = useState(filters.topic ?? '');
  const [commune, setCommune] = useState(filters.commune ?? '');
  const [q, setQ] = useState(filters.q ?? '');

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (topic) query.set('topic', topic);
    if (commune) query.set('commune', commune);
    if (q.trim()) query.set('q', q.trim());
    const text = query.toString();
    navigate(text ? `/feedback?${text}` : '/feedback');
  };

  return (
    <form className="panel feedback-filters" role="search" aria-label={t('feedback.public.filters')} onSubmit={apply}>
      <SelectField
        id="filter-topic"
        label={t('feedback.public.topic')}
        options={topics.kind === 'ok' ? topics.items.filter((x) => x.kind !== 'inspection').map((x) => ({ value: x.code, label: x.name })) : []}
        placeholder={t('feedback.public.allTopics')}
        value={topic}
        onChange={(e) => setTopic(e.target.value)}
      />
      <CommuneSelect id="filter-commune" label={t('feedback.public.commune')} placeholder={t('feedback.public.allCommunes')} value={commune} onChange={setCommune} />
      <Field name="q" id="filter-q" type="search" label={t('feedback.public.q')} hint={t('feedback.public.qHint')} value={q} onChange={(e) => setQ(e.target.value)} />
      <p className="actions">
        <button type="submit" className="button">
          {t('feedback.public.apply')}
        </button>
      </p>
    </form>
  );
};
