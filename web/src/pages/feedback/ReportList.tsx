import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { FEEDBACK } from './endpoints.ts';
import { RatingText } from './ReportParts.tsx';
import { StateBadge } from './StateBadge.tsx';
import type { ReportSummary } from './types.ts';

type Props = { items: ReportSummary[]; hrefOf: (r: ReportSummary) => string; showDue?: boolean };

/** Reports as a list: the same reports the map shows, for everyone (keyboard, screen reader, no map). */
export const ReportList = ({ items, hrefOf, showDue = false }: Props) => {
  const { t, lang } = useI18n();
  return (
    <ul className="procedure-list">
      {items.map((r) => (
        <li key={r.id} className="dossier-item report-item">
          {r.photo ? <img className="report-thumb" src={FEEDBACK.file(r.photo.publicFileId)} alt="" width={72} height={72} loading="lazy" /> : null}
          <Link href={hrefOf(r)} className="procedure-link">
            {r.title}
          </Link>
          <span className="procedure-meta">
            <StateBadge state={r.state} fallback={r.stateLabel} isOverdue={r.isOverdue} />
            <span>{r.topic.name}</span>
            <span>{[r.address, r.commune.name].filter(Boolean).join(', ')}</span>
            {showDue && r.dueAt ? <span>{t('feedback.facts.dueLine', { date: formatDate(r.dueAt, lang) })}</span> : null}
            {!showDue && r.answeredAt ? <span>{t('feedback.public.answeredOn', { date: formatDate(r.answeredAt, lang) })}</span> : null}
            {r.rating !== null ? <RatingText rating={r.rating} /> : null}
            <span className="code">{r.code}</span>
          </span>
        </li>
      ))}
    </ul>
  );
};
