import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { percent, type Overview, type UnitRow } from './types.ts';

/**
 * The communes without geometry: no commune shapes ship with the platform, and the feedback
 * module keeps no commune centroids yet, so each commune is a tile in a grid (in code order),
 * coloured by the chosen indicator in five steps, each tile a link to the commune's figures. Hot
 * spots of open feedback are drawn from the reports' own coordinates (cells of about 1 km) on a
 * blank base, scaled to the points' extent.
 */
type Indicator = 'onTimeRate' | 'received' | 'overdue' | 'feedbackOpen';
const INDICATORS: { key: Indicator; label: MessageKey; higherIsBetter: boolean }[] = [
  { key: 'onTimeRate', label: 'ioc.onTimeRate', higherIsBetter: true },
  { key: 'received', label: 'ioc.dossiers.received', higherIsBetter: true },
  { key: 'overdue', label: 'ioc.dossiers.overdue', higherIsBetter: false },
  { key: 'feedbackOpen', label: 'ioc.feedback.open', higherIsBetter: false },
];

const valueOf = (r: UnitRow, key: Indicator) => r[key];

/** 0–4: the step of a value between min and max; "worse" steps are darker. Null (nothing to rate) is -1. */
const stepOf = (value: number | null, min: number, max: number, higherIsBetter: boolean) => {
  if (value === null) return -1;
  const x = max === min ? 0.5 : (value - min) / (max - min);
  const good = higherIsBetter ? x : 1 - x;
  return Math.min(4, Math.floor((1 - good) * 5));
};

export const CommuneMap = ({ communes, spots, query }: { communes: UnitRow[]; spots: Overview['hotSpots']; query: string }) => {
  const { t, lang } = useI18n();
  const [indicator, setIndicator] = useState<Indicator>('onTimeRate');
  const spec = INDICATORS.find((i) => i.key === indicator)!;
  const values = communes.map((c) => valueOf(c, indicator)).filter((v): v is number => v !== null);
  const [min, max] = [Math.min(0, ...values), Math.max(0, ...values)];
  const sorted = [...communes].sort((a, b) => (a.communeCode ?? '').localeCompare(b.communeCode ?? ''));
  const show = (v: number | null) => (indicator === 'onTimeRate' ? percent(v, lang) : v === null ? '—' : formatNumber(v, lang));
  return (
    <>
      <div className="field">
        <label htmlFor="ioc-map-indicator">{t('ioc.map.indicator')}</label>
        <select id="ioc-map-indicator" value={indicator} onChange={(e) => setIndicator(e.target.value as Indicator)}>
          {INDICATORS.map((i) => (
            <option key={i.key} value={i.key}>
              {t(i.label)}
            </option>
          ))}
        </select>
      </div>
      <ul className="ioc-tiles" aria-label={t('ioc.map.tiles', { indicator: t(spec.label) })}>
        {sorted.map((c) => {
          const v = valueOf(c, indicator);
          return (
            <li key={c.agencyId} className={`ioc-tile ioc-step-${stepOf(v, min, max, spec.higherIsBetter)}`}>
              <Link href={`/ioc/agencies/${c.agencyId}${query}`} title={c.name}>
                <span className="ioc-tile-name">{c.name}</span>
                <span className="ioc-tile-value">{show(v)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="result-meta">{t('ioc.map.legend')}</p>
      <HotSpots spots={spots} />
    </>
  );
};

const HotSpots = ({ spots }: { spots: Overview['hotSpots'] }) => {
  const { t, lang } = useI18n();
  if (spots.length === 0) return <p>{t('ioc.spots.none')}</p>;
  const lats = spots.map((s) => s.lat);
  const lngs = spots.map((s) => s.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const span = Math.max(maxLat - minLat, maxLng - minLng, 0.02);
  const x = (lng: number) => 10 + ((lng - minLng) / span) * 280;
  const y = (lat: number) => 290 - ((lat - minLat) / span) * 280;
  const biggest = Math.max(...spots.map((s) => s.open));
  return (
    <figure className="ioc-chart">
      <svg viewBox="0 0 300 300" role="img" aria-label={t('ioc.spots.summary', { count: spots.length })} className="ioc-spots">
        <rect x="0" y="0" width="300" height="300" className="ioc-spots-base" />
        {spots.map((s) => (
          <circle key={`${s.lat},${s.lng}`} cx={x(s.lng)} cy={y(s.lat)} r={4 + 12 * Math.sqrt(s.open / biggest)} className={s.overdue > 0 ? 'ioc-spot-overdue' : 'ioc-spot'} />
        ))}
      </svg>
      <figcaption>{t('ioc.spots.caption')}</figcaption>
      <details>
        <summary>{t('ioc.spots.table')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ioc.spots.place')}</th>
                <th scope="col">{t('ioc.feedback.open')}</th>
                <th scope="col">{t('ioc.feedback.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {spots.map((s) => (
                <tr key={`${s.lat},${s.lng}`}>
                  <th scope="row">{`${s.lat.toFixed(3)}, ${s.lng.toFixed(3)}`}</th>
                  <td>{formatNumber(s.open, lang)}</td>
                  <td>{formatNumber(s.overdue, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
};
