import { useI18n } from '../i18n/index.tsx';
import { formatNumber } from '../lib/format.ts';
import { Link } from '../router.tsx';

type Props = {
  page: number;
  pages: number;
  /** The address of another page of the same list. */
  hrefOf: (page: number) => string;
  /** The total is a lower bound ("more than 1,000"): the page is named without "of N". */
  isCapped?: boolean;
};

/** The links between the pages of a long list (nothing when it has one page). */
export const Pager = ({ page, pages, hrefOf, isCapped = false }: Props) => {
  const { t, lang } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('queue.pages')}>
      {page > 1 ? <Link href={hrefOf(page - 1)}>{t('queue.previous')}</Link> : null}
      <span>{t(isCapped ? 'queue.pageAlone' : 'queue.page', { page: formatNumber(page, lang), pages: formatNumber(pages, lang) })}</span>
      {page < pages ? <Link href={hrefOf(page + 1)}>{t('queue.next')}</Link> : null}
    </nav>
  );
};
