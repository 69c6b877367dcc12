import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { Link, type Location } from '../../router.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { Receipt } from './types.ts';
import { useResource } from './use-resource.ts';
import { useSignedIn } from './use-signed-in.ts';
import './services.css';

/**
 * `/dossiers/:id/receipt`: the receipt after filing — the dossier code (all a citizen needs to
 * track it), the appointment date written the Vietnamese way, and a QR code of the tracking page.
 */
export const ReceiptPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const id = params.id ?? '';
  const [receipt] = useResource<Receipt>(user ? ENDPOINTS.dossierReceipt(id) : null);

  if (!user || receipt.kind === 'loading') return <Loading />;
  if (receipt.kind === 'not-found') return <Page title={t('dossier.notFound')} />;
  if (receipt.kind === 'error') return <ProblemAlert problem={receipt.problem} />;

  const r = receipt.value;
  const qr = r.qr.startsWith('data:image/') ? r.qr : undefined;
  return (
    <Page title={t('receipt.title')}>
      <p className="alert alert-success" role="status">
        {t('receipt.done')}
      </p>
      <div className="panel receipt">
        <p className="receipt-code-label">{t('receipt.code')}</p>
        <p className="receipt-code code" data-testid="dossier-code">
          {r.code}
        </p>
        <dl className="facts">
          <dt>{t('receipt.procedure')}</dt>
          <dd>{r.procedureName}</dd>
          <dt>{t('dossier.owner')}</dt>
          <dd>{r.ownerName}</dd>
          <dt>{t('trackPage.agency')}</dt>
          <dd>{r.agencyName}</dd>
          <dt>{t('receipt.submittedAt')}</dt>
          <dd>{formatDateTime(r.submittedAt, lang)}</dd>
          <dt>{t('trackPage.status')}</dt>
          <dd>
            <StatusBadge status={r.status} />
          </dd>
          <dt>{t('trackPage.dueAt')}</dt>
          <dd data-testid="due-at">{r.dueAt ? formatDate(r.dueAt, lang) : t('receipt.dueLater')}</dd>
        </dl>
        {r.receivedAt ? null : <p className="hint">{t('receipt.provisional')}</p>}
        {r.documents.length > 0 ? (
          <>
            <h2 className="receipt-heading">{t('receipt.documents')}</h2>
            <ul className="plain-list">
              {r.documents.map((d) => (
                <li key={d.code}>{t('receipt.document', { name: d.name, files: formatNumber(d.files, lang) })}</li>
              ))}
            </ul>
          </>
        ) : null}
        {qr ? (
          <figure className="receipt-qr">
            <img src={qr} alt={t('receipt.qrAlt', { code: r.code })} width={180} height={180} />
            <figcaption>{t('receipt.qrCaption')}</figcaption>
          </figure>
        ) : null}
      </div>
      <p className="actions no-print">
        <Link href={`/dossiers/${encodeURIComponent(id)}`} className="button">
          {t('receipt.open')}
        </Link>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <Link href="/dossiers" className="button button-secondary">
          {t('citizen.dossiers')}
        </Link>
      </p>
    </Page>
  );
};
