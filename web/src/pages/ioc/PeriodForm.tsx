import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { navigate, type Location } from '../../router.tsx';

/** Period (month, quarter, year), a day in it, and the trend's step; applied by navigating, so the URL can be shared. */
export const PeriodForm = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const [period, setPeriod] = useState(location.query.get('period') ?? 'month');
  const [at, setAt] = useState(location.query.get('at') ?? '');
  const [granularity, setGranularity] = useState(location.query.get('granularity') ?? '');
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = new URLSearchParams();
    if (period !== 'month') q.set('period', period);
    if (at) q.set('at', at);
    if (granularity) q.set('granularity', granularity);
    const text = q.toString();
    navigate(text ? `${location.path}?${text}` : location.path);
  };
  return (
    <form className="panel ioc-filters" onSubmit={apply} aria-label={t('ioc.filters')}>
      <div className="field">
        <label htmlFor="ioc-period">{t('ioc.period')}</label>
        <select id="ioc-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          <option value="month">{t('ioc.period.month')}</option>
          <option value="quarter">{t('ioc.period.quarter')}</option>
          <option value="year">{t('ioc.period.year')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="ioc-at">{t('ioc.at')}</label>
        <input id="ioc-at" type="date" value={at} onChange={(e) => setAt(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ioc-granularity">{t('ioc.granularity')}</label>
        <select id="ioc-granularity" value={granularity} onChange={(e) => setGranularity(e.target.value)}>
          <option value="">{t('ioc.granularity.auto')}</option>
          <option value="day">{t('ioc.granularity.day')}</option>
          <option value="week">{t('ioc.granularity.week')}</option>
          <option value="month">{t('ioc.granularity.month')}</option>
        </select>
      </div>
      <button type="submit" className="button">
        {t('ioc.apply')}
      </button>
    </form>
  );
};

/** The period part of the current query, to carry into drill-down links. */
export const periodQuery = (location: Location) => {
  const q = new URLSearchParams();
  for (const key of ['period', 'at']) {
    const v = location.query.get(key);
    if (v) q.set(key, v);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
};
