import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { percent, type UnitRow } from './types.ts';

/** A ranking table of units (best first), each name a link to the unit's drill-down. */
export const RankingTable = ({ rows, caption, limit, query }: { rows: UnitRow[]; caption: string; limit?: number; query: string }) => {
  const { t, lang } = useI18n();
  const shown = limit ? rows.slice(0, limit) : rows;
  if (rows.length === 0) return <p>{t('ioc.noUnits')}</p>;
  return (
    <div className="table-wrap">
      <table className="ioc-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ioc.rank')}</th>
            <th scope="col">{t('ioc.unit')}</th>
            <th scope="col">{t('ioc.dossiers.received')}</th>
            <th scope="col">{t('ioc.dossiers.done')}</th>
            <th scope="col">{t('ioc.onTimeRate')}</th>
            <th scope="col">{t('ioc.dossiers.overdue')}</th>
            <th scope="col">{t('ioc.feedback.open')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.agencyId}>
              <td>{r.rank}</td>
              <th scope="row">
                <Link href={`/ioc/agencies/${r.agencyId}${query}`}>{r.name}</Link>
              </th>
              <td>{formatNumber(r.received, lang)}</td>
              <td>{formatNumber(r.done, lang)}</td>
              <td>{percent(r.onTimeRate, lang)}</td>
              <td className={r.overdue > 0 ? 'ioc-bad' : undefined}>{formatNumber(r.overdue, lang)}</td>
              <td>{formatNumber(r.feedbackOpen, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {limit && rows.length > limit ? <p className="result-meta">{t('ioc.moreRows', { count: rows.length - limit })}</p> : null}
    </div>
  );
};
