import { useState, type FormEvent } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import type { Location } from '../../router.tsx';
import { useSignedIn } from '../services/use-signed-in.ts';
import { PRIVACY_ENDPOINTS, REQUEST_KINDS, type Consent, type DataRequest, type RequestKind } from './types.ts';

const Consents = () => {
  const { t, lang } = useI18n();
  const [round, setRound] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const list = useList<Consent>(`${PRIVACY_ENDPOINTS.consents}?lang=${lang}&round=${round}`, 'items');
  const change = async (c: Consent) => {
    try {
      if (c.active) await api(PRIVACY_ENDPOINTS.consent(c.purpose), { method: 'DELETE' });
      else await api(PRIVACY_ENDPOINTS.consents, { method: 'POST', body: { purpose: c.purpose } });
      setProblem(null);
      setRound((r) => r + 1);
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };
  return (
    <section aria-labelledby="consents-title" className="panel">
      <h2 id="consents-title">{t('privacy.consents.title')}</h2>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {list.kind === 'loading' ? <Loading /> : null}
      {list.kind === 'error' ? <ProblemAlert problem={list.problem} /> : null}
      {list.kind === 'ok' ? (
        <ul className="plain-list">
          {list.items.map((c) => (
            <li key={c.purpose} className="dossier-item">
              <strong>{c.title}</strong>
              <p>{c.text}</p>
              <p role="status">{c.active && c.grantedAt ? `${t('privacy.consents.active')} — ${formatDateTime(c.grantedAt, lang)}` : t('privacy.consents.inactive')}</p>
              <button type="button" className={c.active ? 'button button-secondary' : 'button'} onClick={() => void change(c)}>
                {c.active ? t('privacy.consents.withdraw') : t('privacy.consents.grant')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
};

const Requests = () => {
  const { t, lang } = useI18n();
  const [round, setRound] = useState(0);
  const [kind, setKind] = useState<RequestKind>('access');
  const [details, setDetails] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const list = useList<DataRequest>(`${PRIVACY_ENDPOINTS.myRequests}?round=${round}`, 'items');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await api<DataRequest>(PRIVACY_ENDPOINTS.myRequests, { method: 'POST', body: { kind, details } });
      setSent(t('privacy.requests.sent', { date: formatDateTime(created.dueAt, lang) }));
      setProblem(null);
      setDetails('');
      setRound((r) => r + 1);
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };
  return (
    <section aria-labelledby="requests-title" className="panel">
      <h2 id="requests-title">{t('privacy.requests.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {problem ? <ProblemAlert problem={problem} /> : null}
        {sent ? <p className="alert alert-info" role="status">{sent}</p> : null}
        <div className="field">
          <label htmlFor="request-kind">{t('privacy.requests.kind')}</label>
          <select id="request-kind" value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`privacy.requests.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {kind === 'deletion' ? <p className="hint">{t('privacy.requests.deletionHint')}</p> : null}
        <div className="field">
          <label htmlFor="request-details">{t('privacy.requests.details')}</label>
          <textarea id="request-details" rows={3} maxLength={2000} value={details} onChange={(e) => setDetails(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('privacy.requests.send')}
        </button>
      </form>
      {list.kind === 'ok' && list.items.length === 0 ? <p>{t('privacy.requests.none')}</p> : null}
      {list.kind === 'ok' && list.items.length > 0 ? (
        <ul className="plain-list">
          {list.items.map((r) => (
            <li key={r.id} className="dossier-item">
              <strong>{t(`privacy.requests.kind.${r.kind}` as MessageKey)}</strong> — {t(`privacy.requests.status.${r.status}` as MessageKey)}
              <p>
                {t('privacy.requests.due')}: {formatDateTime(r.dueAt, lang)}
              </p>
              {r.answer ? <p style={{ whiteSpace: 'pre-line' }}>{r.answer}</p> : null}
              {r.kept.length > 0 ? (
                <details>
                  <summary>{t('privacy.requests.kept')}</summary>
                  <ul>
                    {r.kept.map((k) => (
                      <li key={k.what}>
                        {k.what}: {k.why}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
};

/** `/du-lieu-cua-toi`: the signed-in person's own data — download it, consents, and requests with their status. */
export const MyDataPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('privacy.mine.title')} lead={t('privacy.mine.lead')}>
      {user ? <MyData /> : <Loading />}
    </Page>
  );
};

const MyData = () => {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="export-title" className="panel">
        <h2 id="export-title">{t('privacy.export.title')}</h2>
        <p>{t('privacy.export.text')}</p>
        <p>
          <a className="button" href={PRIVACY_ENDPOINTS.data} download="du-lieu-cua-toi.json">
            {t('privacy.export.json')}
          </a>{' '}
          <a className="button button-secondary" href={PRIVACY_ENDPOINTS.dataPdf} download="du-lieu-cua-toi.pdf">
            {t('privacy.export.pdf')}
          </a>
        </p>
      </section>
      <Consents />
      <Requests />
    </>
  );
};
