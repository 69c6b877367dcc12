import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import { isDossierCode, normalizeDossierCode } from '../lib/dossier-code.ts';
import { navigate } from '../router.tsx';
import { Field } from './Field.tsx';

/** Track a dossier by the code on its receipt, without signing in; results at /track?code=…. */
export const TrackForm = ({ initial = '' }: { initial?: string }) => {
  const t = useT();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = !code.trim() ? t('track.required') : !isDossierCode(code) ? t('track.invalid') : undefined;
    setError(problem);
    if (problem) {
      document.getElementById('field-code')?.focus();
      return;
    }
    navigate(`/track?code=${encodeURIComponent(normalizeDossierCode(code))}`);
  };

  return (
    <form action="/track" method="get" noValidate onSubmit={submit} className="form-inline">
      <Field
        name="code"
        label={t('track.label')}
        hint={t('track.hint')}
        error={error}
        value={code}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" className="button">
        {t('track.submit')}
      </button>
    </form>
  );
};
