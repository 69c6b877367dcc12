import { useEffect, useState } from 'react';
import { Loading, Page } from '../components/Page.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { TrackForm } from '../components/TrackForm.tsx';
import { useI18n } from '../i18n/index.tsx';
import { api, ApiError, type Problem } from '../lib/api.ts';
import { isDossierCode, normalizeDossierCode } from '../lib/dossier-code.ts';
import { ENDPOINTS } from '../lib/endpoints.ts';
import { formatDate } from '../lib/format.ts';
import type { Location } from '../router.tsx';

/** What public tracking may show: status, dates and agency, never personal data. */
type Tracked = { status?: string; statusLabel?: string; agencyName?: string; receivedAt?: string; dueAt?: string };
type Result = { kind: 'loading' } | { kind: 'not-found' } | { kind: 'found'; dossier: Tracked } | { kind: 'error'; problem: Problem };

export const TrackPage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const raw = location.query.get('code') ?? '';
  const code = isDossierCode(raw) ? normalizeDossierCode(raw) : '';
  const [result, setResult] = useState<Result>({ kind: 'loading' });

  useEffect(() => {
    if (!code) return undefined;
    const controller = new AbortController();
    setResult({ kind: 'loading' });
    api<Tracked>(ENDPOINTS.trackDossier(code), { signal: controller.signal })
      .then((dossier) => setResult({ kind: 'found', dossier: dossier ?? {} }))
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 404) setResult({ kind: 'not-found' });
        else if (error instanceof ApiError) setResult({ kind: 'error', problem: error.problem });
      });
    return () => controller.abort();
  }, [code]);

  const dateOf = (value?: string) => (value && !Number.isNaN(Date.parse(value)) ? formatDate(value, lang) : undefined);

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
        <dl className="facts">
          <dt>{t('trackPage.status')}</dt>
          <dd>{result.dossier.statusLabel ?? result.dossier.status ?? '—'}</dd>
          <dt>{t('trackPage.agency')}</dt>
          <dd>{result.dossier.agencyName ?? '—'}</dd>
          <dt>{t('trackPage.receivedAt')}</dt>
          <dd>{dateOf(result.dossier.receivedAt) ?? '—'}</dd>
          <dt>{t('trackPage.dueAt')}</dt>
          <dd>{dateOf(result.dossier.dueAt) ?? '—'}</dd>
        </dl>
      )}
      <section className="panel" aria-labelledby="track-again">
        <h2 id="track-again">{t('track.title')}</h2>
        <TrackForm key={raw} initial={raw} />
      </section>
    </Page>
  );
};
