import { useMemo } from 'react';
import { ReportMap } from '../../../components/map/ReportMap.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { Link, navigate } from '../../../router.tsx';
import { useResource } from '../../services/use-resource.ts';
import { FEEDBACK } from '../endpoints.ts';
import { stateLabel } from '../labels.ts';
import { pinsOfPoints } from '../map-points.ts';
import type { MapPointAnswer } from '../types.ts';

/**
 * The guest home's map of answered public reports (Leaflet loads only when this shows), with the
 * list of the same reports one link away for whoever does not use the map.
 */
export const PublicMapPanel = () => {
  const { t, lang } = useI18n();
  const [points] = useResource<MapPointAnswer[]>(FEEDBACK.publicMap({}));
  const pins = useMemo(() => (points.kind === 'ok' ? pinsOfPoints(points.value, (p) => stateLabel(t, p.state)) : []), [points, t]);
  return (
    <section className="panel" aria-labelledby="feedback-map-title">
      <h2 id="feedback-map-title">{t('guest.map.title')}</h2>
      <p>{t('guest.map.text')}</p>
      {points.kind === 'ok' ? <ReportMap label={t('feedback.public.mapLabel', { count: formatNumber(pins.length, lang) })} points={pins} onSelect={(p) => navigate(`/feedback/reports/${encodeURIComponent(p.id)}`)} /> : null}
      <p className="actions">
        <Link href="/feedback" className="button">
          {t('feedback.home.seeList')}
        </Link>
        <Link href="/feedback/new" className="button button-secondary">
          {t('feedback.new.title')}
        </Link>
      </p>
    </section>
  );
};
