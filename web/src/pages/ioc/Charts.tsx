import { useI18n } from '../../i18n/index.tsx';
import { formatNumber, formatShortDate } from '../../lib/format.ts';
import { percent, type Gauge, type TrendPoint } from './types.ts';

/**
 * Small hand-drawn SVG charts (no chart library: the leader's screen must stay light on a cheap
 * phone). Each chart is an image with a text summary, and its numbers are in a table beside it,
 * so a screen reader gets every figure.
 */
const W = 320;
const H = 120;

const bucketLabel = (start: string, granularity: string) => (granularity === 'month' ? start.slice(5, 7) + '/' + start.slice(0, 4) : formatShortDate(`${start}T12:00:00+07:00`).slice(0, 5));

export const TrendChart = ({ points, granularity }: { points: TrendPoint[]; granularity: string }) => {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...points.map((p) => Math.max(p.received, p.done)));
  const step = W / Math.max(points.length, 1);
  const y = (v: number) => H - (v / max) * (H - 10);
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(i + 0.5) * step},${y(p.done)}`).join(' ');
  const total = points.reduce((s, p) => s + p.received, 0);
  return (
    <figure className="ioc-chart">
      <svg viewBox={`0 0 ${W} ${H + 2}`} role="img" aria-label={t('ioc.trend.summary', { count: points.length, total: formatNumber(total, lang) })}>
        {points.map((p, i) => (
          <rect key={p.start} x={i * step + step * 0.15} y={y(p.received)} width={step * 0.7} height={H - y(p.received)} className="ioc-bar" />
        ))}
        <path d={line} className="ioc-line" fill="none" />
      </svg>
      <figcaption>
        <span className="ioc-key ioc-key-bar" aria-hidden="true" /> {t('ioc.trend.received')} <span className="ioc-key ioc-key-line" aria-hidden="true" /> {t('ioc.trend.done')}
      </figcaption>
      <details>
        <summary>{t('ioc.trend.table')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ioc.trend.bucket')}</th>
                <th scope="col">{t('ioc.trend.received')}</th>
                <th scope="col">{t('ioc.trend.done')}</th>
                <th scope="col">{t('ioc.onTimeRate')}</th>
                <th scope="col">{t('ioc.feedback.received')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.start}>
                  <th scope="row">{bucketLabel(p.start, granularity)}</th>
                  <td>{formatNumber(p.received, lang)}</td>
                  <td>{formatNumber(p.done, lang)}</td>
                  <td>{percent(p.onTimeRate, lang)}</td>
                  <td>{formatNumber(p.feedback, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
};

/** Decision 749 targets: our figure as a bar, the target as a mark; "not measured" when we lack the data. */
export const Gauges = ({ gauges }: { gauges: Gauge[] }) => {
  const { t, lang } = useI18n();
  return (
    <ul className="ioc-gauges">
      {gauges.map((g) => (
        <li key={g.code}>
          <span className="stat-label">{g.name}</span>
          <svg viewBox="0 0 100 10" className="ioc-gauge" aria-hidden="true" preserveAspectRatio="none">
            <rect x="0" y="0" width="100" height="10" className="ioc-gauge-track" />
            {g.actual !== null ? <rect x="0" y="0" width={g.actual * 100} height="10" className={g.met ? 'ioc-gauge-met' : 'ioc-gauge-fill'} /> : null}
            {g.target !== null ? <rect x={g.target * 100 - 0.6} y="0" width="1.2" height="10" className="ioc-gauge-target" /> : null}
          </svg>
          <span>
            {g.actual === null ? t('ioc.gauge.notMeasured') : t('ioc.gauge.actual', { value: percent(g.actual, lang) })}
            {' · '}
            {g.target === null ? t('ioc.gauge.toConfirm') : t('ioc.gauge.target', { value: percent(g.target, lang), year: g.year })}
            {g.met === true ? ` · ${t('ioc.gauge.met')}` : g.met === false ? ` · ${t('ioc.gauge.notMet')}` : ''}
          </span>
          {g.note ? <span className="result-meta">{g.note}</span> : null}
        </li>
      ))}
    </ul>
  );
};
