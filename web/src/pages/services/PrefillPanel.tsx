import { useRef, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, listOf, problemCode, type Problem } from '../../lib/api.ts';
import { CheckboxField } from './FormControls.tsx';

/** Paths of the identity module (modules/identity) and the privacy module's consents. */
export const PREFILL_ENDPOINTS = { prefill: '/api/me/prefill', consents: '/api/me/consents', identity: '/api/me/identity' } as const;
const PURPOSE = 'population-prefill';

type Consent = { purpose: string; active: boolean };
type PrefillAnswer = { fields: Record<string, string> };
type Step = { kind: 'closed' } | { kind: 'asking'; hasConsent: boolean } | { kind: 'busy' } | { kind: 'done'; count: number } | { kind: 'failed'; problem: Problem };

/**
 * "Điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư": first says what is looked up and why, and asks
 * consent with a checkbox (unless it was given before); then asks the server to look up the
 * citizen's own ID number and hands the values to `onFill`, which fills the form's fields that
 * have those keys and answers how many it filled. A failure leaves the form as it was, to fill by hand.
 */
export const PrefillPanel = ({ onFill }: { onFill: (fields: Record<string, string>) => number }) => {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const status = useRef<HTMLParagraphElement>(null);

  const open = async () => {
    setStep({ kind: 'busy' });
    const consents = await api<unknown>(PREFILL_ENDPOINTS.consents).catch(() => undefined);
    const hasConsent = listOf<Consent>(consents).some((c) => c.purpose === PURPOSE && c.active);
    setStep({ kind: 'asking', hasConsent });
  };

  const run = async (hasConsent: boolean) => {
    if (!hasConsent && !agreed) {
      setError(t('prefill.agreeRequired'));
      return;
    }
    setError(undefined);
    setStep({ kind: 'busy' });
    try {
      if (!hasConsent) await api(PREFILL_ENDPOINTS.consents, { method: 'POST', body: { purpose: PURPOSE } });
      const answer = await api<PrefillAnswer>(PREFILL_ENDPOINTS.prefill, { method: 'POST', body: {} });
      setStep({ kind: 'done', count: onFill(answer.fields) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (problemCode(e.problem) === 'consent-required') setStep({ kind: 'asking', hasConsent: false });
      else setStep({ kind: 'failed', problem: e.problem });
    }
    window.setTimeout(() => status.current?.focus(), 0);
  };

  if (step.kind === 'closed') {
    return (
      <p className="actions">
        <button type="button" className="button button-secondary" onClick={() => void open()}>
          {t('prefill.button')}
        </button>
      </p>
    );
  }
  return (
    <section className="panel prefill-panel" aria-labelledby="prefill-title">
      <h3 id="prefill-title">{t('prefill.title')}</h3>
      {step.kind === 'busy' ? (
        <p role="status">{t('prefill.loading')}</p>
      ) : step.kind === 'done' ? (
        <p ref={status} tabIndex={-1} role="status" className="alert alert-success">
          {step.count > 0 ? t('prefill.done', { count: step.count }) : t('prefill.none')}
        </p>
      ) : step.kind === 'failed' ? (
        <div ref={status} tabIndex={-1}>
          <ProblemAlert problem={step.problem} />
          <p>{t('prefill.failed')}</p>
        </div>
      ) : (
        <>
          <p>{t('prefill.what')}</p>
          <p>{t('prefill.why')}</p>
          <p className="hint">{t('prefill.withdraw')}</p>
          {step.hasConsent ? (
            <p>{t('prefill.already')}</p>
          ) : (
            <CheckboxField id="prefill-agree" label={t('prefill.agree')} checked={agreed} onChange={setAgreed} error={error} required />
          )}
          <p className="actions">
            <button type="button" className="button" onClick={() => void run(step.hasConsent)}>
              {t('prefill.confirm')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setStep({ kind: 'closed' })}>
              {t('prefill.cancel')}
            </button>
          </p>
        </>
      )}
    </section>
  );
};
