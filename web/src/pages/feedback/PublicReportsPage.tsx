import { useMemo } from 'react';
import { ReportMap } from '../../components/map/ReportMap.tsx';
import { ListCount, Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { Link, navigate, type Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { FEEDBACK, type PublicFilters as Filters } from './endpoints.ts';
import { stateLabel } from './labels.ts';
import { pinsOfPoints } from './map-points.ts';
import { PublicFilters } from './PublicFilters.tsx';
import { ReportList } from './ReportList.tsx';
import type { ListAnswer, MapPointAnswer, ReportSummary } from './types.ts';
import '../services/services.css';
import './feedback.css';

const filtersOf = (query: URLSearchParams): Filters => ({
  topic: query.get('topic') ?? undefined,
  commune: query.get('commune') ?? undefined,
  q: query.get('q') ?? undefined,
  page: query.get('page') ?? undefined,
});

export const publicHref = (r: Pick<ReportSummary, 'id'>) => `/feedback/reports/${encodeURIComponent(r.id)}`;

/**
 * `/feedback`: answered public reports, as a list and on a map, filtered by topic, commune and
 * words. Secret and anonymous reporters never appear (the API leaves them out).
 */
export const PublicReportsPage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const filters = filtersOf(location.query);
  const page = Math.max(1, Number(filters.page) || 1);
  const [list] = useResource<ListAnswer<ReportSummary>>(FEEDBACK.publicList({ ...filters, page: page > 1 ? String(page) : undefined }), { keepPrevious: true });
  const [points] = useResource<MapPointAnswer[]>(FEEDBACK.publicMap(filters), { keepPrevious: true });
  const answer = list.kind === 'ok' ? list.value : null;
  // The previous filter's list or map kept on screen while this one's loads.
  const isBusy = (list.kind === 'ok' && list.stale === true) || (points.kind === 'ok' && points.stale === true);
  const pins = useMemo(() => (points.kind === 'ok' ? pinsOfPoints(points.value, (p) => stateLabel(t, p.state)) : []), [points, t]);
  const pageSize = answer?.pageSize || 20;
  // A capped count ("more than 1,000") lets the reader go on one page at a time past it.
  const pages = answer ? Math.max(1, Math.ceil(answer.total / pageSize), answer.totalCapped && answer.items.length === pageSize ? page + 1 : 0) : 1;

  const pageHref = (n: number) => {
    const query = new URLSearchParams(location.query);
    query.set('page', String(n));
    return `/feedback?${query.toString()}`;
  };

  return (
    <Page title={t('feedback.public.title')} lead={t('feedback.public.lead')}>
      <p className="actions">
        <Link href="/feedback/new" className="button">
          {t('feedback.new.title')}
        </Link>
      </p>
      <PublicFilters key={location.href} filters={filters} />
      {list.kind === 'loading' ? (
        <Loading />
      ) : list.kind === 'not-found' ? (
        <p className="alert alert-info">{t('feedback.unavailable')}</p>
      ) : list.kind === 'error' ? (
        <ProblemAlert problem={list.problem} />
      ) : (
        <>
          <ListCount busy={isBusy}>
            {answer!.total === 0 ? t('feedback.public.none') : t(answer!.totalCapped ? 'feedback.public.countMore' : 'feedback.public.count', { count: formatNumber(answer!.total, lang) })}
          </ListCount>
          <div className="report-results" aria-busy={isBusy}>
            <section aria-labelledby="map-title">
              <h2 id="map-title">{t('feedback.public.mapTitle')}</h2>
              <ReportMap label={t('feedback.public.mapLabel', { count: formatNumber(pins.length, lang) })} points={pins} onSelect={(p) => navigate(publicHref(p))} />
            </section>
            <section aria-labelledby="list-title">
              <h2 id="list-title">{t('feedback.public.listTitle')}</h2>
              {answer!.items.length > 0 ? <ReportList items={answer!.items} hrefOf={publicHref} /> : <p>{t('feedback.public.none')}</p>}
            </section>
            <Pager page={page} pages={pages} hrefOf={pageHref} />
          </div>
        </>
      )}
    </Page>
  );
};
