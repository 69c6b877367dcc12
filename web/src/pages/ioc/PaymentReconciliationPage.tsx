import { useState, type FormEvent } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber, vietnamIsoDay } from '../../lib/format.ts';
import { Link, navigate, type Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { IOC, type PaymentReconciliation } from './types.ts';
import './ioc.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const DAY_MS = 86_400_000;

/** The Vietnam calendar day `offset` days from today, YYYY-MM-DD. */
const vietnamDay = (offset = 0) => vietnamIsoDay(Date.now() + offset * DAY_MS);

/** The day before or after `day` (YYYY-MM-DD), counted from its Vietnam noon. */
const shiftDay = (day: string, by: number) => vietnamIsoDay(new Date(`${day}T12:00:00+07:00`).getTime() + by * DAY_MS);

const money = (x: number | null, lang: 'vi' | 'en') => (x === null ? '—' : formatMoney(x, lang));

/** The day's issues, one card each (a table of five columns does not fit a phone): what it means, and the dossier it concerns. */
const IssueList = ({ run }: { run: PaymentReconciliation }) => {
  const { t, lang } = useI18n();
  if (run.issues.length === 0) return <p className="alert alert-success">{t('payments.noIssues')}</p>;
  return (
    <section aria-labelledby="payments-issues">
      <h3 id="payments-issues">{t('payments.issuesCaption', { count: formatNumber(run.issueCount, lang) })}</h3>
      <ul className="plain-list payment-issues">
        {run.issues.map((issue, i) => (
          <li key={`${issue.kind}-${issue.transactionId ?? issue.dossierId ?? i}`} className="panel">
            <h4>{t(`payments.kind.${issue.kind}` as MessageKey)}</h4>
            <p className="result-meta">{t(`payments.kindHelp.${issue.kind}` as MessageKey)}</p>
            <dl className="facts">
              <dt>{t('payments.reference')}</dt>
              <dd>{issue.dossierId ? <Link href={`/officer/dossiers/${issue.dossierId}`}>{issue.reference ?? t('payments.dossier')}</Link> : (issue.reference ?? '—')}</dd>
              <dt>{t('payments.transaction')}</dt>
              <dd className="code">{issue.transactionId ?? '—'}</dd>
              <dt>{t('payments.amount')}</dt>
              <dd>{money(issue.amount, lang)}</dd>
              <dt>{t('payments.expected')}</dt>
              <dd>{money(issue.expected, lang)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
};

/**
 * `/ioc/payments?day=YYYY-MM-DD`: the fee payments the gateway reported on one day, tied to the
 * dossiers, fees and e-receipts (the nightly reconciliation, `GET /api/payments/reconciliations/{day}`),
 * and what did not tie up. A province overseer may run a day again now (`POST`, audited): today,
 * or a day the nightly run missed.
 */
export const PaymentReconciliationPage = ({ location }: { location: Location }) => {
  const today = vietnamDay();
  const asked = location.query.get('day') ?? '';
  const day = DAY.test(asked) && asked <= today ? asked : vietnamDay(-1);
  // A new day starts afresh: its date in the form, no message of the day before.
  return <ReconciliationDay key={day} location={location} day={day} today={today} />;
};

const ReconciliationDay = ({ location, day, today }: { location: Location; day: string; today: string }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const [input, setInput] = useState(day);
  const [answer, reload] = useResource<PaymentReconciliation>(user ? IOC.paymentReconciliation(day) : null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (DAY.test(input)) navigate(`${location.path}?day=${input}`);
  };
  const runNow = async () => {
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const run = await api<PaymentReconciliation>(IOC.paymentReconciliation(day), { method: 'POST' });
      setDone(formatDateTime(run.checkedAt, lang));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('payments.title')} lead={t('payments.lead')}>
      <p className="ioc-actions">
        <Link href="/ioc">{t('ioc.backToProvince')}</Link>
        <Link href={`${location.path}?day=${shiftDay(day, -1)}`}>{t('payments.previousDay')}</Link>
        {day < today ? <Link href={`${location.path}?day=${shiftDay(day, 1)}`}>{t('payments.nextDay')}</Link> : null}
      </p>
      <form className="panel ioc-filters" onSubmit={show} aria-label={t('payments.dayForm')}>
        <div className="field">
          <label htmlFor="payments-day">{t('payments.day')}</label>
          <input id="payments-day" type="date" max={today} value={input} required onChange={(e) => setInput(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('payments.show')}
        </button>
      </form>
      <h2>{t('payments.dayHeading', { day: formatDate(`${day}T12:00:00+07:00`, lang) })}</h2>
      <ProblemAlert problem={problem} />
      {done ? <p role="status" className="alert alert-success">{t('payments.done', { at: done })}</p> : null}
      {!user || answer.kind === 'loading' ? (
        <Loading />
      ) : answer.kind === 'error' ? (
        <ProblemAlert problem={answer.problem} />
      ) : (
        <>
          {answer.kind === 'not-found' ? (
            <p className="alert alert-info">{t('payments.notYet')}</p>
          ) : (
            <>
              <ul className="stats">
                <li>
                  <span className="stat-label">{t('payments.payments')}</span>
                  <span className="stat-value">{formatNumber(answer.value.payments, lang)}</span>
                </li>
                <li>
                  <span className="stat-label">{t('payments.total')}</span>
                  <span className="stat-value">{formatMoney(answer.value.amount, lang)}</span>
                </li>
                <li>
                  <span className="stat-label">{t('payments.issues')}</span>
                  <span className="stat-value">{formatNumber(answer.value.issueCount, lang)}</span>
                </li>
              </ul>
              <p className="result-meta">{t('payments.checkedAt', { at: formatDateTime(answer.value.checkedAt, lang) })}</p>
              <IssueList run={answer.value} />
            </>
          )}
          <p>
            <button type="button" className="button button-secondary" aria-disabled={isBusy} onClick={() => void runNow()}>
              {answer.kind === 'not-found' ? t('payments.runNow') : t('payments.runAgain')}
            </button>
          </p>
        </>
      )}
    </Page>
  );
};
