import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { useList } from '../../lib/use-list.ts';
import { timeLimitLabel } from '../services/labels.ts';
import type { ProcedureSummary } from '../services/types.ts';

const Results = ({ q, onChosen }: { q: string; onChosen: (code: string) => void }) => {
  const { t, lang } = useI18n();
  const result = useList<ProcedureSummary>(ENDPOINTS.procedureSearch(q), 'procedures');
  if (result.kind === 'loading') return <Loading />;
  if (result.kind === 'error') return <ProblemAlert problem={result.problem} />;
  if (result.kind === 'unavailable' || result.items.length === 0) return <p role="status">{t('counter.procedureNone')}</p>;
  return (
    <ul className="procedure-list" aria-live="polite">
      {result.items.map((p) => (
        <li key={p.code} className="procedure-item">
          <span className="procedure-name">{p.name}</span>
          <span className="procedure-meta">
            <span>{p.field}</span>
            <span>{timeLimitLabel(t, lang, p)}</span>
          </span>
          <button type="button" className="button button-secondary" aria-label={`${t('counter.chooseProcedure')}: ${p.name}`} onClick={() => onChosen(p.code)}>
            {t('counter.chooseProcedure')}
          </button>
        </li>
      ))}
    </ul>
  );
};

/** Step 2 of walk-in filing: find the procedure (diacritics optional) and choose it. */
export const CounterProcedureStep = ({ onChosen }: { onChosen: (code: string) => void }) => {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('search.required'));
      return;
    }
    setError(undefined);
    setQ(text.trim());
  };
  return (
    <section aria-labelledby="counter-procedure-title">
      <h2 id="counter-procedure-title">{t('counter.step.procedure')}</h2>
      <form className="panel form-inline" role="search" noValidate onSubmit={search} aria-label={t('counter.step.procedure')}>
        <Field name="counter-procedure-q" type="search" label={t('counter.procedureSearch')} error={error} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button">
          {t('counter.search')}
        </button>
      </form>
      {q ? <Results q={q} onChosen={onChosen} /> : null}
    </section>
  );
};
