import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { StatusBadge } from '../services/StatusBadge.tsx';
import type { Receipt } from '../services/types.ts';
import { useResource } from '../services/use-resource.ts';
import type { CounterFiled } from './counter-types.ts';

/**
 * After a walk-in filing: the receipt to print or hand over — the dossier code (all the citizen
 * needs to track it), the appointment date, the papers received, and the QR code of the public
 * tracking page — the same receipt an online filer gets.
 */
export const CounterReceipt = ({ filed, onNext }: { filed: CounterFiled; onNext: () => void }) => {
  const { t, lang } = useI18n();
  const [receipt] = useResource<Receipt>(ENDPOINTS.dossierReceipt(filed.id));
  const r = receipt.kind === 'ok' ? receipt.value : null;
  const qr = r?.qr.startsWith('data:image/') ? r.qr : undefined;
  return (
    <>
      <p className="alert alert-success" role="status">
        {t('counter.done')}
      </p>
      <div className="panel receipt">
        <h2 className="receipt-heading">{t('receipt.title')}</h2>
        <p className="receipt-code-label">{t('receipt.code')}</p>
        <p className="receipt-code code" data-testid="dossier-code">
          {filed.code}
        </p>
        <dl className="facts">
          {r ? (
            <>
              <dt>{t('receipt.procedure')}</dt>
              <dd>{r.procedureName}</dd>
              <dt>{t('dossier.owner')}</dt>
              <dd>{r.ownerName}</dd>
              <dt>{t('trackPage.agency')}</dt>
              <dd>{r.agencyName}</dd>
            </>
          ) : null}
          <dt>{t('trackPage.status')}</dt>
          <dd>
            <StatusBadge status={filed.status} />
          </dd>
          {filed.receivedAt ? (
            <>
              <dt>{t('trackPage.receivedAt')}</dt>
              <dd>{formatDateTime(filed.receivedAt, lang)}</dd>
            </>
          ) : null}
          <dt>{t('trackPage.dueAt')}</dt>
          <dd data-testid="due-at">{filed.dueAt ? formatDate(filed.dueAt, lang) : t('receipt.dueLater')}</dd>
        </dl>
        {r && r.documents.length > 0 ? (
          <>
            <h3 className="receipt-heading">{t('receipt.documents')}</h3>
            <ul className="plain-list">
              {r.documents.map((d) => (
                <li key={d.code}>{t('receipt.document', { name: d.name, files: formatNumber(d.files, lang) })}</li>
              ))}
            </ul>
          </>
        ) : null}
        {qr ? (
          <figure className="receipt-qr">
            <img src={qr} alt={t('receipt.qrAlt', { code: filed.code })} width={180} height={180} />
            <figcaption>{t('receipt.qrCaption')}</figcaption>
          </figure>
        ) : null}
      </div>
      <p className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <button type="button" className="button button-secondary" onClick={onNext}>
          {t('counter.next')}
        </button>
        <Link href={`/officer/dossiers/${encodeURIComponent(filed.id)}`} className="button button-secondary">
          {t('counter.openDossier')}
        </Link>
        <a href={`/api/dossiers/${encodeURIComponent(filed.id)}/forms/receipt.pdf`} className="button button-secondary" download>
          {t('digital.form.receipt')}
        </a>
      </p>
    </>
  );
};
