import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import type { Location } from '../../router.tsx';
import { useSignedIn } from '../services/use-signed-in.ts';
import { PRIVACY_ENDPOINTS, type Breach } from './types.ts';

/** A local date-time input value ('2026-01-05T08:30') as an ISO instant. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : '');

const NewBreach = ({ onDone }: { onDone: () => void }) => {
  const { t } = useI18n();
  const [form, setForm] = useState({ detectedAt: '', description: '', categories: '', subjectsEstimate: '0', measures: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const errorOf = (field: string) => problem?.errors?.find((e) => e.field === field)?.message;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api(PRIVACY_ENDPOINTS.breaches, {
        method: 'POST',
        body: {
          detectedAt: isoOf(form.detectedAt),
          description: form.description,
          categories: form.categories.split(',').map((c) => c.trim()).filter(Boolean),
          subjectsEstimate: Number(form.subjectsEstimate) || 0,
          measures: form.measures,
        },
      });
      setProblem(null);
      setForm({ detectedAt: '', description: '', categories: '', subjectsEstimate: '0', measures: '' });
      onDone();
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <form onSubmit={(e) => void submit(e)} className="panel" aria-labelledby="breach-new" noValidate>
      <h2 id="breach-new">{t('privacy.breaches.new')}</h2>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <Field name="detectedAt" type="datetime-local" label={t('privacy.breaches.detectedAt')} value={form.detectedAt} onChange={set('detectedAt')} error={errorOf('detectedAt')} required />
      <div className={errorOf('description') ? 'field field-invalid' : 'field'}>
        <label htmlFor="breach-description">{t('privacy.breaches.description')}</label>
        {errorOf('description') ? <p className="field-error">{errorOf('description')}</p> : null}
        <textarea id="breach-description" rows={3} maxLength={4000} value={form.description} onChange={set('description')} required />
      </div>
      <Field name="categories" label={t('privacy.breaches.categories')} value={form.categories} onChange={set('categories')} />
      <Field name="subjectsEstimate" type="number" min={0} inputMode="numeric" label={t('privacy.breaches.subjects')} value={form.subjectsEstimate} onChange={set('subjectsEstimate')} error={errorOf('subjectsEstimate')} />
      <Field name="measures" label={t('privacy.breaches.measures')} value={form.measures} onChange={set('measures')} />
      <button type="submit" className="button">
        {t('privacy.breaches.new')}
      </button>
    </form>
  );
};

const BreachItem = ({ b, onDone }: { b: Breach; onDone: () => void }) => {
  const { t, lang } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [measures, setMeasures] = useState(b.measures);
  const call = async (path: string, body: unknown) => {
    try {
      await api(path, { method: 'POST', body });
      setProblem(null);
      onDone();
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };
  return (
    <li className="dossier-item">
      {problem ? <ProblemAlert problem={problem} /> : null}
      <strong>{formatDateTime(b.detectedAt, lang)}</strong> — {t(`privacy.breaches.status.${b.status}` as MessageKey)}
      <p>{b.description}</p>
      <p>
        {t('privacy.breaches.deadline')}: {formatDateTime(b.authorityDeadline, lang)}{' '}
        <span className={b.overdue ? 'badge badge-danger' : 'badge'}>{b.overdue ? `⚠ ${t('privacy.breaches.overdue')}` : `✓ ${t('privacy.breaches.onTime')}`}</span>
      </p>
      <p>
        {t('privacy.breaches.subjects')}: {b.subjectsEstimate}. {b.categories.join(', ')}
      </p>
      {b.notifiedAuthorityAt ? <p>{`${t('privacy.breaches.notifyAuthority')}: ${formatDateTime(b.notifiedAuthorityAt, lang)}`}</p> : null}
      {b.notifiedSubjectsAt ? <p>{`${t('privacy.breaches.notifySubjects')}: ${formatDateTime(b.notifiedSubjectsAt, lang)}`}</p> : null}
      {b.status !== 'closed' ? (
        <div>
          {!b.notifiedAuthorityAt ? (
            <button type="button" className="button" onClick={() => void call(PRIVACY_ENDPOINTS.notify(b.id), { target: 'authority' })}>
              {t('privacy.breaches.notifyAuthority')}
            </button>
          ) : null}{' '}
          {!b.notifiedSubjectsAt ? (
            <button type="button" className="button button-secondary" onClick={() => void call(PRIVACY_ENDPOINTS.notify(b.id), { target: 'subjects' })}>
              {t('privacy.breaches.notifySubjects')}
            </button>
          ) : null}
          {b.notifiedAuthorityAt ? (
            <>
              <Field name={`measures-${b.id}`} label={t('privacy.breaches.measures')} value={measures} onChange={(e) => setMeasures(e.target.value)} />
              <button type="button" className="button" onClick={() => void call(PRIVACY_ENDPOINTS.close(b.id), { measures })}>
                {t('privacy.breaches.close')}
              </button>
            </>
          ) : null}
        </div>
      ) : (
        <p>{b.measures}</p>
      )}
    </li>
  );
};

const Breaches = () => {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const list = useList<Breach>(`${PRIVACY_ENDPOINTS.breaches}?round=${round}`, 'items');
  const refresh = () => setRound((n) => n + 1);
  return (
    <>
      {list.kind === 'error' ? <ProblemAlert problem={list.problem} /> : <NewBreach onDone={refresh} />}
      {list.kind === 'loading' ? <Loading /> : null}
      {list.kind === 'ok' && list.items.length === 0 ? <p>{t('privacy.breaches.none')}</p> : null}
      {list.kind === 'ok' ? (
        <ul className="plain-list" aria-label={t('privacy.breaches.title')}>
          {list.items.map((b) => (
            <BreachItem key={b.id} b={b} onDone={refresh} />
          ))}
        </ul>
      ) : null}
    </>
  );
};

/** `/quan-tri/su-co-du-lieu`: the breach register with each breach's 72-hour deadline to notify A05. */
export const BreachesPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('privacy.breaches.title')} lead={t('privacy.breaches.lead')}>
      {user ? <Breaches /> : <Loading />}
    </Page>
  );
};
