import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import { hasNavigated } from '../router.tsx';

type PageProps = { title: string; lead?: ReactNode; children?: ReactNode };

/**
 * One page: its <h1>, the document title, and focus. After an in-app navigation the heading takes
 * the focus, so screen-reader and keyboard users start reading the new page from its top.
 */
export const Page = ({ title, lead, children }: PageProps) => {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (hasNavigated()) heading.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </>
  );
};

/** Shown while a page's code or data loads. */
export const Loading = () => {
  const t = useT();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
};

/**
 * A list that stays on screen while its next page or filter loads (`useResource` with
 * `keepPrevious`): while `busy`, the list is marked `aria-busy` (screen readers wait for the new
 * one instead of reading the old), and "Đang tải…" shows over its top corner, without moving it,
 * in a status that screen readers announce.
 */
export const ListRegion = ({ busy, children }: { busy: boolean; children: ReactNode }) => {
  const t = useT();
  return (
    <div className="list-region">
      <p className="list-region-status" role="status" aria-live="polite">
        {busy ? t('common.loading') : ''}
      </p>
      <div className="list-region-body" aria-busy={busy}>
        {children}
      </div>
    </div>
  );
};
