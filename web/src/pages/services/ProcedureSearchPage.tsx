import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { SearchForm } from '../../components/SearchForm.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import { Link, type Location } from '../../router.tsx';
import { onlineLabel, timeLimitLabel } from './labels.ts';
import type { ProcedureSummary } from './types.ts';
import './services.css';

/**
 * Procedure search (`/search?q=`): the catalogue searched without regard to diacritics ("khai
 * sinh" finds "Đăng ký khai sinh"). Without a query it lists the whole catalogue.
 */
export const ProcedureSearchPage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const q = location.query.get('q')?.trim() ?? '';
  const result = useList<ProcedureSummary>(q ? ENDPOINTS.procedureSearch(q) : ENDPOINTS.procedures(), 'procedures');

  return (
    <Page title={q ? t('searchPage.title') : t('services.title')} lead={q ? t('searchPage.query', { q }) : t('services.lead')}>
      <section className="panel" aria-labelledby="search-again">
        <h2 id="search-again">{q ? t('searchPage.again') : t('search.title')}</h2>
        <SearchForm key={q} initial={q} />
      </section>
      {result.kind === 'loading' ? (
        <Loading />
      ) : result.kind === 'unavailable' ? (
        <p className="alert alert-info" role="status">
          {t('searchPage.noData')}
        </p>
      ) : result.kind === 'error' ? (
        <ProblemAlert problem={result.problem} />
      ) : result.items.length === 0 ? (
        <p role="status">{q ? t('searchPage.none', { q }) : t('searchPage.noData')}</p>
      ) : (
        <>
          <p role="status">{t('searchPage.count', { count: formatNumber(result.total, lang) })}</p>
          <ul className="procedure-list">
            {result.items.map((p) => (
              <li key={p.code} className="procedure-item">
                <Link href={`/procedures/${encodeURIComponent(p.code)}`} className="procedure-link">
                  {p.name}
                </Link>
                <span className="procedure-meta">
                  <span>{p.field}</span>
                  <span>{timeLimitLabel(t, lang, p)}</span>
                  <span className={p.online === 'toan-trinh' ? 'tag tag-full' : 'tag'}>{onlineLabel(t, p.online)}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
};
