import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { TrackForm } from '../../components/TrackForm.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { isDossierCode, normalizeDossierCode } from '../../lib/dossier-code.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import type { Location } from '../../router.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { PublicDossier } from './types.ts';
import { useResource } from './use-resource.ts';
import './services.css';

/**
 * `/track?code=`: public tracking by the code on the receipt, no sign-in — status (with its
 * national code), agency, dates and whether it is on time; never anything personal.
 */
export const TrackPage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const raw = location.query.get('code') ?? '';
  const code = isDossierCode(raw) ? normalizeDossierCode(raw) : '';
  const [result] = useResource<PublicDossier>(code ? ENDPOINTS.trackDossier(code) : null);
  const dateOf = (value?: string | null) => (value && !Number.isNaN(Date.parse(value)) ? formatDate(value, lang) : '—');

  return (
    <Page title={t('trackPage.title')} lead={code ? t('trackPage.code', { code }) : undefined}>
      {!code ? null : result.kind === 'loading' ? (
        <Loading />
      ) : result.kind === 'not-found' ? (
        <p className="alert alert-warning" role="status">
          {t('trackPage.notFound', { code })}
        </p>
      ) : result.kind === 'error' ? (
        <ProblemAlert problem={result.problem} />
      ) : (
        <dl className="facts panel" aria-label={t('trackPage.result')}>
          <dt>{t('trackPage.status')}</dt>
          <dd>
            <StatusBadge status={result.value.status} />{' '}
            <span className="status-code">{t('trackPage.statusCode', { status: formatNumber(result.value.status, lang) })}</span>
          </dd>
          <dt>{t('trackPage.agency')}</dt>
          <dd>{result.value.agencyName || '—'}</dd>
          <dt>{t('trackPage.receivedAt')}</dt>
          <dd>{dateOf(result.value.receivedAt)}</dd>
          <dt>{t('trackPage.dueAt')}</dt>
          <dd>{dateOf(result.value.dueAt)}</dd>
          <dt>{t('trackPage.onTime')}</dt>
          <dd>{result.value.onTime === null ? '—' : result.value.onTime ? `✓ ${t('trackPage.onTimeYes')}` : `⚠ ${t('trackPage.onTimeNo')}`}</dd>
        </dl>
      )}
      <section className="panel" aria-labelledby="track-again">
        <h2 id="track-again">{t('track.title')}</h2>
        <TrackForm key={raw} initial={raw} />
      </section>
    </Page>
  );
};
