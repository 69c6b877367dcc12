import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import type { MapHandle } from './leaflet-map.ts';
import type { LatLng, MapPoint } from './types.ts';
import { useMapTiles } from './use-map-tiles.ts';

type Props = {
  /** Names the map region for screen readers ("Bản đồ phản ánh đã trả lời"). */
  label: string;
  points?: readonly MapPoint[];
  onSelect?: (point: MapPoint) => void;
  /** Pick mode: the place chosen so far, and what a tap (or "take the centre") chooses. */
  picked?: LatLng | null;
  onPick?: (at: LatLng) => void;
};

type Load = 'loading' | 'ready' | 'failed';

/**
 * A map of reports (Leaflet, loaded on demand in its own chunk). Always an extra: every page
 * that shows one also lists the same reports, or offers the commune and address instead of a
 * tap, so nobody depends on the map. Keyboard: Tab to the map, arrows to pan, +/− to zoom, Tab
 * through the pins, Enter to open one; in pick mode a button takes the map's centre.
 */
export const ReportMap = ({ label, points, onSelect, picked, onPick }: Props) => {
  const t = useT();
  const tiles = useMapTiles();
  const box = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  const [load, setLoad] = useState<Load>('loading');
  // The latest callbacks, so that the map is built once and never re-created on a render.
  const callbacks = useRef({ onSelect, onPick });
  callbacks.current = { onSelect, onPick };
  const isPicking = onPick !== undefined;
  const helpId = useId();
  // A map to look at is fetched only once its box comes near the screen (a map below the fold
  // does not slow the page's first load); a map to pick a place on is the step's point: at once.
  const [isNear, setNear] = useState(isPicking);

  useEffect(() => {
    const element = box.current;
    if (!element || isNear) return undefined;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return undefined;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isNear]);

  useEffect(() => {
    if (!tiles || !box.current || !isNear) return undefined;
    let isCurrent = true;
    const element = box.current;
    import('./leaflet-map.ts')
      .then(({ mountMap }) => {
        if (!isCurrent) return;
        handle.current = mountMap(element, {
          tiles,
          texts: { zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut'), picked: t('map.picked') },
          onPick: isPicking ? (at) => callbacks.current.onPick?.(at) : undefined,
        });
        setLoad('ready');
      })
      .catch(() => {
        if (isCurrent) setLoad('failed');
      });
    return () => {
      isCurrent = false;
      handle.current?.destroy();
      handle.current = null;
    };
    // Built once per page: the zoom buttons keep the language the page opened in.
  }, [tiles, isPicking, isNear]);

  useEffect(() => {
    if (load !== 'ready' || !points) return;
    handle.current?.setPoints(points, callbacks.current.onSelect ? (p) => callbacks.current.onSelect?.(p) : undefined);
  }, [load, points]);

  useEffect(() => {
    if (load === 'ready') handle.current?.setPicked(picked ?? null);
  }, [load, picked]);

  return (
    <div className="report-map">
      {load === 'failed' ? <p className="alert alert-info">{t('map.failed')}</p> : null}
      {load === 'loading' ? <p className="loading">{t('map.loading')}</p> : null}
      <div
        ref={box}
        className={isPicking ? 'report-map-canvas report-map-picking' : 'report-map-canvas'}
        role="region"
        aria-label={label}
        aria-describedby={helpId}
        hidden={load === 'failed'}
      />
      <p id={helpId} className="hint">
        {isPicking ? t('map.helpPick') : t('map.help')}
        {tiles && !tiles.tileUrl ? ` ${t('map.noTiles')}` : ''}
      </p>
      {isPicking && load === 'ready' ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => handle.current && onPick?.(handle.current.center())}>
            {t('map.pickCenter')}
          </button>
        </p>
      ) : null}
    </div>
  );
};
