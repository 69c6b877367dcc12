import { useEffect, useState } from 'react';
import { Loading, Page } from '../components/Page.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SearchForm } from '../components/SearchForm.tsx';
import { useT } from '../i18n/index.tsx';
import { api, ApiError, listOf, totalOf, type Problem } from '../lib/api.ts';
import { ENDPOINTS } from '../lib/endpoints.ts';
import type { Location } from '../router.tsx';

type Procedure = { id?: string; code?: string; name?: string; agencyName?: string };
type Result = { kind: 'loading' } | { kind: 'no-data' } | { kind: 'found'; items: Procedure[]; total: number } | { kind: 'error'; problem: Problem };

/** Procedure search results. Until the procedure catalogue exists, it says so plainly. */
export const SearchPage = ({ location }: { location: Location }) => {
  const t = useT();
  const q = location.query.get('q')?.trim() ?? '';
  const [result, setResult] = useState<Result>({ kind: 'loading' });

  useEffect(() => {
    if (!q) return undefined;
    const controller = new AbortController();
    setResult({ kind: 'loading' });
    api(ENDPOINTS.procedureSearch(q), { signal: controller.signal })
      .then((body) => {
        const items = listOf<Procedure>(body, 'procedures');
        setResult({ kind: 'found', items, total: totalOf(body, items) });
      })
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && [404, 501, 503].includes(error.status)) setResult({ kind: 'no-data' });
        else if (error instanceof ApiError) setResult({ kind: 'error', problem: error.problem });
      });
    return () => controller.abort();
  }, [q]);

  return (
    <Page title={t('searchPage.title')} lead={q ? t('searchPage.query', { q }) : undefined}>
      {!q ? null : result.kind === 'loading' ? (
        <Loading />
      ) : result.kind === 'no-data' ? (
        <p className="alert alert-info" role="status">
          {t('searchPage.noData')}
        </p>
      ) : result.kind === 'error' ? (
        <ProblemAlert problem={result.problem} />
      ) : result.items.length === 0 ? (
        <p role="status">{t('searchPage.none', { q })}</p>
      ) : (
        <>
          <p role="status">{t('searchPage.count', { count: result.total })}</p>
          <ul className="results">
            {result.items.map((p, i) => (
              <li key={p.id ?? p.code ?? i}>
                <span className="result-title">{p.name}</span>
                {p.agencyName ? <span className="result-meta">{p.agencyName}</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <section className="panel" aria-labelledby="search-again">
        <h2 id="search-again">{t('searchPage.again')}</h2>
        <SearchForm key={q} initial={q} />
      </section>
    </Page>
  );
};
