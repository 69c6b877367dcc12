import { useState, type FormEvent } from 'react';
import { ListCount, Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { Link, navigate, type Location } from '../../router.tsx';
import { CheckboxField, SelectField } from '../services/FormControls.tsx';
import { statusLabel } from '../services/labels.ts';
import { StatusBadge } from '../services/StatusBadge.tsx';
import type { DossierListItem } from '../services/types.ts';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { DueBadge } from './DueBadge.tsx';
import '../services/services.css';

/** `totalCapped`: the server counts at most 1,000 dossiers, and `total` is then a floor. */
type QueueAnswer = { items: DossierListItem[]; total: number; totalCapped?: boolean; page?: number; pageSize?: number };

/** The statuses an officer filters on: those still on their way, and the finished ones awaiting return. */
const FILTER_STATUSES = [1, 2, 4, 5, 6, 9];

const Filters = ({ status, isOverdue }: { status: string; isOverdue: boolean }) => {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(status);
  const [overdue, setOverdue] = useState(isOverdue);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (chosen) query.set('status', chosen);
    if (overdue) query.set('overdue', 'true');
    const text = query.toString();
    navigate(text ? `/officer/queue?${text}` : '/officer/queue');
  };
  return (
    <form className="panel queue-filters" onSubmit={apply} aria-label={t('queue.filters')}>
      <SelectField
        id="queue-status"
        label={t('queue.status')}
        options={FILTER_STATUSES.map((s) => ({ value: String(s), label: statusLabel(t, s) }))}
        placeholder={t('queue.allStatuses')}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
      />
      <CheckboxField id="queue-overdue" label={t('queue.overdueOnly')} checked={overdue} onChange={setOverdue} />
      <button type="submit" className="button">
        {t('queue.apply')}
      </button>
    </form>
  );
};

/** `/officer/queue`: the dossiers of the officer's agency, soonest appointment first. */
export const QueuePage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const status = location.query.get('status') ?? '';
  const isOverdue = location.query.get('overdue') === 'true';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const path = ENDPOINTS.dossierQueue({ status, overdue: isOverdue ? 'true' : undefined, page: page > 1 ? String(page) : undefined });
  const [queue] = useResource<QueueAnswer>(user ? path : null, { keepPrevious: true });

  const pageHref = (n: number) => {
    const query = new URLSearchParams(location.query);
    query.set('page', String(n));
    return `/officer/queue?${query.toString()}`;
  };

  const answer = queue.kind === 'ok' ? queue.value : null;
  const pageSize = answer ? answer.pageSize || Math.max(answer.items.length, 1) : 1;
  // Past a capped count ("more than 1,000") the officer goes on one page at a time while pages are full.
  const pages = answer ? Math.max(1, Math.ceil(answer.total / pageSize), answer.totalCapped && answer.items.length === pageSize ? page + 1 : 0) : 1;
  return (
    <Page title={t('officer.heading')} lead={t('queue.lead')}>
      <Filters key={location.href} status={status} isOverdue={isOverdue} />
      {!user || queue.kind === 'loading' ? (
        <Loading />
      ) : queue.kind === 'not-found' ? (
        <p className="alert alert-info">{t('queue.unavailable')}</p>
      ) : queue.kind === 'error' ? (
        <ProblemAlert problem={queue.problem} />
      ) : (
        <>
          <ListCount busy={queue.stale === true}>
            {answer!.items.length === 0 ? t('queue.none') : t(answer!.totalCapped ? 'queue.countMore' : 'queue.count', { count: formatNumber(answer!.total, lang) })}
          </ListCount>
          {answer!.items.length > 0 ? (
            <div aria-busy={queue.stale === true}>
              <ul className="procedure-list queue">
                {answer!.items.map((d) => (
                  <li key={d.id} className="dossier-item">
                    <Link href={`/officer/dossiers/${encodeURIComponent(d.id)}`} className="procedure-link">
                      <span className="code">{d.code ?? '—'}</span>
                      <span className="visually-hidden">: </span> {d.procedureName ?? d.procedureCode}
                    </Link>
                    <span className="procedure-meta">
                      <StatusBadge status={d.status} />
                      {d.ownerName ? <span>{d.ownerName}</span> : null}
                      <DueBadge item={d} />
                    </span>
                  </li>
                ))}
              </ul>
              <Pager page={page} pages={pages} hrefOf={pageHref} isCapped={answer!.totalCapped} />
            </div>
          ) : null}
        </>
      )}
    </Page>
  );
};
