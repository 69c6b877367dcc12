import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { Link } from '../../router.tsx';
import type { Dossier } from './types.ts';
import { useResource } from './use-resource.ts';

/** Which form of Circular 03/2025 each workflow action gives rise to (API `GET /api/dossiers/{id}/forms/{kind}.pdf`). */
const FORM_OF: Record<string, 'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop'> = {
  receive: 'receipt',
  request_supplement: 'supplement',
  refuse: 'refusal',
  apologise: 'apology',
  stop: 'stop',
};

type Receipts = { items: { series: string; number: string; amount: number; issuedAt: string }[] };
type EResult = { fileId: string; fileName: string; verifyUrl: string };

/** The verification page's path on this site (the QR carries the province's public address). */
const verifyPathOf = (url: string) => {
  const u = new URL(url, window.location.origin);
  return `${u.pathname}${u.search}`;
};

/**
 * The papers of a dossier as PDF files to keep: the official forms issued so far, the fee
 * e-receipts, and, for an officer when the result is approved, the button that issues it
 * electronically into the citizen's store (`canIssue`).
 */
export const DigitalPanel = ({ dossier, canIssue = false, onIssued }: { dossier: Dossier; canIssue?: boolean; onIssued?: () => void }) => {
  const { t } = useI18n();
  const base = `/api/dossiers/${encodeURIComponent(dossier.id)}`;
  const [receipts] = useResource<Receipts>(dossier.code ? `${base}/receipts` : null);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<EResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const forms = [...new Set(dossier.history.map((e) => FORM_OF[e.action]).filter((k) => k !== undefined))];
  const receiptItems = receipts.kind === 'ok' ? receipts.value.items : [];

  const issue = async () => {
    setIssuing(true);
    setProblem(null);
    try {
      setIssued(await api<EResult>(`${base}/e-result`, { method: 'POST', body: {} }));
      onIssued?.();
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    } finally {
      setIssuing(false);
    }
  };

  if (forms.length === 0 && receiptItems.length === 0 && !canIssue && !issued) return null;
  return (
    <section className="panel" aria-labelledby="digital-title">
      <h2 id="digital-title">{t('digital.papers')}</h2>
      {forms.length > 0 ? (
        <ul className="plain-list">
          {forms.map((kind) => (
            <li key={kind}>
              <a href={`${base}/forms/${kind}.pdf`} download>
                {t(`digital.form.${kind}`)}
              </a>
            </li>
          ))}
          {receiptItems.map((r) => (
            <li key={`${r.series}-${r.number}`}>
              <a href={`${base}/receipts/${r.number}.pdf`} download>
                {t('digital.receipt', { series: r.series, number: r.number })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {canIssue ? (
        <p className="actions">
          <button type="button" className="button" disabled={issuing} onClick={() => void issue()}>
            {issuing ? t('digital.issuing') : t('digital.issue')}
          </button>
        </p>
      ) : null}
      {issued ? (
        <p className="alert alert-success" role="status">
          {t('digital.issued')} <a href={`/api/files/${encodeURIComponent(issued.fileId)}`}>{issued.fileName}</a>{' '}
          <Link href={verifyPathOf(issued.verifyUrl)}>{t('digital.verify')}</Link>
        </p>
      ) : null}
      {problem ? <ProblemAlert problem={problem} /> : null}
    </section>
  );
};
