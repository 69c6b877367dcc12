import { useState, type FormEvent } from 'react';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { api, ApiError, type Problem } from '../lib/api.ts';
import { ENDPOINTS } from '../lib/endpoints.ts';

type Errors = { current?: string; next?: string };
const FIELDS = ['current', 'next'] as const;

/**
 * Changing one's own password (`POST /api/auth/password`): the server applies the password policy
 * (8 characters, 12 for staff, not the username or phone, not a common one) and signs out the
 * other devices; its field errors show next to the fields.
 */
export const PasswordChangeForm = () => {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isDone, setDone] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy) return;
    const found: Errors = { current: current ? undefined : t('password.currentRequired'), next: next ? undefined : t('password.nextRequired') };
    setErrors(found);
    setProblem(null);
    setDone(false);
    const firstInvalid = FIELDS.find((f) => found[f]);
    if (firstInvalid) {
      document.getElementById(`field-${firstInvalid}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api(ENDPOINTS.passwordChange, { method: 'POST', body: { current, next } });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fieldErrors: Errors = {};
      for (const e of error.problem.errors ?? []) if (e.field === 'current' || e.field === 'next') fieldErrors[e.field] = e.message;
      setErrors(fieldErrors);
      setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <ProblemAlert problem={problem} shownFields={FIELDS} />
      {isDone ? <p role="status">{t('password.done')}</p> : null}
      <Field name="current" type="password" label={t('password.current')} autoComplete="current-password" error={errors.current} value={current} onChange={(e) => setCurrent(e.target.value)} />
      <Field name="next" type="password" label={t('password.next')} hint={t('password.nextHint')} autoComplete="new-password" error={errors.next} value={next} onChange={(e) => setNext(e.target.value)} />
      <button type="submit" className="button" aria-disabled={isBusy}>
        {t('password.submit')}
      </button>
    </form>
  );
};
