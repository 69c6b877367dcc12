import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Location } from '../../router.tsx';
import { useResource } from './use-resource.ts';
import './services.css';

type Check = { genuine: true; code: string; procedureName: string; agencyName: string; issuedAt: string; fileName: string; sha256: string };

const sha256Of = async (file: File) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * `/tra-cuu/ket-qua/:id?sig=…`: where the QR printed on an electronic result leads. Says whether
 * the address is one the province issued, for which dossier and when; the visitor may pick the
 * file they hold and the page compares its SHA-256 (computed in the browser, nothing uploaded).
 */
export const VerifyResultPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const sig = location.query.get('sig') ?? '';
  const [check] = useResource<Check>(`/api/public/e-results/${encodeURIComponent(params.id ?? '')}?sig=${encodeURIComponent(sig)}`);
  const [match, setMatch] = useState<boolean | null>(null);
  if (check.kind === 'loading') return <Loading />;
  if (check.kind === 'not-found') {
    return (
      <Page title={t('verify.title')}>
        <p className="alert alert-error" role="alert">
          {t('verify.notGenuine')}
        </p>
      </Page>
    );
  }
  if (check.kind === 'error') return <ProblemAlert problem={check.problem} />;
  const c = check.value;
  return (
    <Page title={t('verify.title')}>
      <p className="alert alert-success" role="status">
        {t('verify.genuine')}
      </p>
      <dl className="facts">
        <dt>{t('verify.code')}</dt>
        <dd>{c.code}</dd>
        <dt>{t('verify.procedure')}</dt>
        <dd>{c.procedureName}</dd>
        <dt>{t('verify.agency')}</dt>
        <dd>{c.agencyName}</dd>
        <dt>{t('verify.issuedAt')}</dt>
        <dd>{new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'long', timeStyle: 'short' }).format(new Date(c.issuedAt))}</dd>
        <dt>{t('verify.sha256')}</dt>
        <dd>
          <code className="payload">{c.sha256}</code>
        </dd>
      </dl>
      <p>
        <label htmlFor="verify-file">{t('verify.pick')}</label>
        <br />
        <input id="verify-file" type="file" accept="application/pdf" onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void sha256Of(file).then((h) => setMatch(h === c.sha256));
        }} />
      </p>
      {match === null ? null : (
        <p className={match ? 'alert alert-success' : 'alert alert-error'} role="status">
          {match ? t('verify.match') : t('verify.mismatch')}
        </p>
      )}
    </Page>
  );
};
