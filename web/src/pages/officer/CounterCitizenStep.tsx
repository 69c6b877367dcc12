import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { SelectField } from '../services/FormControls.tsx';
import type { CitizenCard, FindKey } from './counter-types.ts';

const ID_NUMBER = /^\d{12}$/;
const KEYS: FindKey[] = ['phone', 'idNumber', 'email'];

/** One citizen found: name, contacts, account state, and the button that takes them. */
const CitizenFound = ({ citizen, onChosen }: { citizen: CitizenCard; onChosen: (c: CitizenCard) => void }) => {
  const { t } = useI18n();
  return (
    <div className="panel" role="status">
      <p className="alert-title">{t('counter.found')}</p>
      <dl className="facts">
        <dt>{t('counter.fullName')}</dt>
        <dd>{citizen.fullName}</dd>
        {citizen.phone ? (
          <>
            <dt>{t('counter.phone')}</dt>
            <dd>{citizen.phone}</dd>
          </>
        ) : null}
        {citizen.idNumber ? (
          <>
            <dt>{t('counter.idNumber')}</dt>
            <dd>{citizen.idNumber}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <span className={citizen.hasAccount ? 'tag tag-full' : 'tag'}>{citizen.hasAccount ? t('counter.hasAccount') : t('counter.walkIn')}</span>
      </p>
      <button type="button" className="button" onClick={() => onChosen(citizen)}>
        {t('counter.choose')}
      </button>
    </div>
  );
};

type NewCitizen = { fullName: string; phone: string; idNumber: string; email: string };

/** Registers a walk-in citizen (no account yet), pre-filled with what was searched for. */
const RegisterCitizen = ({ initial, onChosen }: { initial: Partial<NewCitizen>; onChosen: (c: CitizenCard) => void }) => {
  const { t } = useI18n();
  const [form, setForm] = useState<NewCitizen>({ fullName: '', phone: '', idNumber: '', email: '', ...initial });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const set = (key: keyof NewCitizen) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (form.fullName.trim().length < 2) found.fullName = t('counter.error.fullName');
    if (form.idNumber.trim() && !ID_NUMBER.test(form.idNumber.trim())) found.idNumber = t('counter.error.idNumber');
    if (!form.phone.trim() && !form.idNumber.trim() && !form.email.trim()) found.phone = t('counter.error.identifier');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0 || isBusy) return;
    setBusy(true);
    const body = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
    try {
      onChosen(await api<CitizenCard>(ENDPOINTS.counterCitizen, { method: 'POST', body }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors(Object.fromEntries((error.problem.errors ?? []).map((e) => [e.field, e.message])));
      setProblem(error.problem);
      setBusy(false);
    }
  };

  return (
    <form className="panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="counter-new-title">
      <h3 id="counter-new-title">{t('counter.new')}</h3>
      <p className="hint">{t('counter.newHint')}</p>
      <ProblemAlert problem={problem} />
      <Field name="new-fullName" label={t('form.requiredLabel', { label: t('counter.fullName') })} autoComplete="off" value={form.fullName} error={errors.fullName} onChange={(e) => set('fullName')(e.target.value)} />
      <Field name="new-phone" type="tel" inputMode="tel" label={t('counter.phone')} autoComplete="off" value={form.phone} error={errors.phone} onChange={(e) => set('phone')(e.target.value)} />
      <Field name="new-idNumber" inputMode="numeric" label={t('counter.idNumber')} hint={t('counter.idNumberHint')} autoComplete="off" maxLength={12} value={form.idNumber} error={errors.idNumber} onChange={(e) => set('idNumber')(e.target.value)} />
      <Field name="new-email" type="email" label={t('counter.email')} autoComplete="off" value={form.email} error={errors.email} onChange={(e) => set('email')(e.target.value)} />
      <button type="submit" className="button" aria-disabled={isBusy}>
        {t('counter.register')}
      </button>
    </form>
  );
};

/**
 * Step 1 of walk-in filing: find the citizen by exact phone, ID number or e-mail (the officer
 * reads it from the card or asks), or register them when they are not on the system.
 */
export const CounterCitizenStep = ({ onChosen }: { onChosen: (citizen: CitizenCard) => void }) => {
  const { t } = useI18n();
  const [key, setKey] = useState<FindKey>('phone');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isElsewhere, setElsewhere] = useState(false);
  const [result, setResult] = useState<{ key: FindKey; value: string; found: CitizenCard | null } | null>(null);

  const find = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = value.trim();
    setProblem(null);
    if (!text || (key === 'idNumber' && !ID_NUMBER.test(text))) {
      setError(t('counter.error.find'));
      return;
    }
    setError(undefined);
    try {
      const answer = await api<{ items: CitizenCard[] }>(ENDPOINTS.counterCitizenSearch, { method: 'POST', body: { [key]: text } });
      setResult({ key, value: text, found: answer.items[0] ?? null });
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      if (caught.status === 400) setError(caught.problem.errors?.[0]?.message ?? t('counter.error.find'));
      else if (caught.status === 403 || caught.status === 404) setElsewhere(true);
      else setProblem(caught.problem);
      setResult(null);
    }
  };

  return (
    <section aria-labelledby="counter-citizen-title">
      <h2 id="counter-citizen-title">{t('counter.find')}</h2>
      <form className="panel" noValidate onSubmit={(e) => void find(e)} role="search" aria-label={t('counter.find')}>
        <SelectField
          id="counter-find-by"
          label={t('counter.findBy')}
          options={KEYS.map((k) => ({ value: k, label: t(`counter.by.${k}`) }))}
          placeholder={t('form.choose')}
          value={key}
          onChange={(e) => setKey(e.target.value as FindKey)}
        />
        <Field
          name="counter-find-value"
          label={t(`counter.by.${key}`)}
          type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
          inputMode={key === 'idNumber' ? 'numeric' : undefined}
          autoComplete="off"
          value={value}
          error={error}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button">
          {t('counter.search')}
        </button>
      </form>
      <ProblemAlert problem={problem} />
      {isElsewhere ? (
        <p className="alert alert-error" role="alert">
          {t('counter.forbidden')}
        </p>
      ) : null}
      {result?.found ? <CitizenFound citizen={result.found} onChosen={onChosen} /> : null}
      {result && !result.found ? (
        <>
          <p className="alert alert-info" role="status">
            {t('counter.notFound')}
          </p>
          <RegisterCitizen key={`${result.key}:${result.value}`} initial={{ [result.key]: result.value }} onChosen={onChosen} />
        </>
      ) : null}
    </section>
  );
};
