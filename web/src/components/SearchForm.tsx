import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import { navigate } from '../router.tsx';
import { Field } from './Field.tsx';

/** The procedure search box; results live at /search?q=…. */
export const SearchForm = ({ initial = '' }: { initial?: string }) => {
  const t = useT();
  const [q, setQ] = useState(initial);
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = q.trim();
    if (!query) {
      setError(t('search.required'));
      document.getElementById('field-q')?.focus();
      return;
    }
    setError(undefined);
    navigate(`/search?q=${encodeURIComponent(query)}`);
  };

  return (
    <form role="search" action="/search" method="get" noValidate onSubmit={submit} className="form-inline">
      <Field name="q" type="search" label={t('search.label')} hint={t('search.hint')} error={error} value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button">
        {t('search.submit')}
      </button>
    </form>
  );
};
