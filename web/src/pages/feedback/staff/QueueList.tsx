import { useI18n } from '../../../i18n/index.tsx';
import { Link } from '../../../router.tsx';
import { StateBadge } from '../StateBadge.tsx';
import type { ReportSummary } from '../types.ts';
import { DueTag } from './DueTag.tsx';

export const staffHref = (r: Pick<ReportSummary, 'id'>) => `/officer/feedback/${encodeURIComponent(r.id)}`;

/** Reports in a staff queue, soonest due first, with how pressing each is in words. */
export const QueueList = ({ items }: { items: ReportSummary[] }) => {
  const { t } = useI18n();
  return (
    <ul className="procedure-list queue">
      {items.map((r) => (
        <li key={r.id} className="dossier-item">
          <Link href={staffHref(r)} className="procedure-link">
            <span className="code">{r.code}</span>
            <span className="visually-hidden">: </span> {r.title}
          </Link>
          <span className="procedure-meta">
            <StateBadge state={r.state} fallback={r.stateLabel} />
            <span>{r.topic.name}</span>
            <span>{[r.address, r.commune.name].filter(Boolean).join(', ')}</span>
            {r.agency ? <span>{t('feedback.facts.agencyLine', { agency: r.agency.name })}</span> : null}
            <DueTag report={r} />
          </span>
        </li>
      ))}
    </ul>
  );
};
