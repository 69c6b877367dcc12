import { LinkCard } from '../../../components/LinkCard.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useList } from '../../../lib/use-list.ts';
import { Link } from '../../../router.tsx';
import { FEEDBACK } from '../endpoints.ts';
import { dueKindOf } from '../staff/due.ts';
import { OPEN_STATES, type ReportSummary } from '../types.ts';

/** The citizen's feedback: send a report, follow one's own, see what others reported and the answers. */
export const CitizenFeedbackCards = () => {
  const { t } = useI18n();
  return (
    <>
      <LinkCard href="/feedback/new" title={t('citizen.feedback')} text={t('citizen.feedback.text')} />
      <LinkCard href="/feedback/mine" title={t('feedback.mine.title')} text={t('feedback.home.mineText')} />
      <LinkCard href="/feedback" title={t('feedback.public.title')} text={t('feedback.home.publicText')} />
    </>
  );
};

const Count = ({ label, value, href }: { label: string; value: string; href: string }) => (
  <li>
    <span className="stat-label">{label}</span>
    <span className="stat-value">
      <Link href={href}>{value}</Link>
    </span>
  </li>
);

/** The officer's feedback queue at a glance: due today, overdue, all open; the list is one tap away. */
export const FeedbackOfficerSection = () => {
  const { t, lang } = useI18n();
  const queue = useList<ReportSummary>(FEEDBACK.queue({ state: OPEN_STATES.join(',') }), 'items');
  const count = (kind: 'today' | 'overdue' | null) => {
    if (queue.kind === 'loading') return '…';
    if (queue.kind !== 'ok') return t('officer.noData');
    const items = kind ? queue.items.filter((r) => dueKindOf(r, true) === kind) : queue.items;
    return formatNumber(kind ? items.length : queue.total, lang);
  };
  return (
    <section aria-labelledby="feedback-officer-title" className="panel">
      <h2 id="feedback-officer-title">{t('feedback.queue.title')}</h2>
      <ul className="stats">
        <Count label={t('feedback.due.today')} value={count('today')} href="/officer/feedback?due=today" />
        <Count label={t('feedback.due.overdue')} value={count('overdue')} href="/officer/feedback?due=overdue" />
        <Count label={t('feedback.queue.open')} value={count(null)} href="/officer/feedback" />
      </ul>
      <p>
        <Link href="/officer/feedback" className="button">
          {t('feedback.queue.openButton')}
        </Link>
      </p>
    </section>
  );
};

/** The moderator's home: how many reports wait for moderation, and the queue. */
export const FeedbackModeratorSection = () => {
  const { t, lang } = useI18n();
  const queue = useList<ReportSummary>(FEEDBACK.moderation(), 'items');
  return (
    <section aria-labelledby="feedback-moderator-title" className="panel">
      <h2 id="feedback-moderator-title">{t('feedback.moderation.title')}</h2>
      <ul className="stats">
        <Count
          label={t('feedback.moderation.waiting')}
          value={queue.kind === 'ok' ? formatNumber(queue.total, lang) : queue.kind === 'loading' ? '…' : t('officer.noData')}
          href="/officer/feedback/moderation"
        />
      </ul>
      <p>
        <Link href="/officer/feedback/moderation" className="button">
          {t('feedback.moderation.open')}
        </Link>
      </p>
    </section>
  );
};
