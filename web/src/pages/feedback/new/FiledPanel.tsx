import type { Ref } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/format.ts';
import { Link } from '../../../router.tsx';
import type { FiledReport } from '../types.ts';

/** After sending: the report's code, large, and what happens next. */
export const FiledPanel = ({ filed, headingRef }: { filed: FiledReport; headingRef: Ref<HTMLHeadingElement> }) => {
  const { t, lang } = useI18n();
  return (
    <section className="panel filed" aria-labelledby="filed-title">
      <h2 id="filed-title" ref={headingRef} tabIndex={-1}>
        {t('feedback.new.sent')}
      </h2>
      <p className="receipt-code-label">{t('feedback.new.code')}</p>
      <p className="receipt-code" data-testid="report-code">
        {filed.code}
      </p>
      <p>{t('feedback.new.next1')}</p>
      {filed.dueAt ? <p>{t('feedback.new.dueAt', { date: formatDate(filed.dueAt, lang) })}</p> : null}
      <p className="actions">
        <Link href={`/feedback/mine/${encodeURIComponent(filed.id)}`} className="button">
          {t('feedback.new.open')}
        </Link>
        <Link href="/feedback/mine" className="button button-secondary">
          {t('feedback.mine.title')}
        </Link>
      </p>
    </section>
  );
};
