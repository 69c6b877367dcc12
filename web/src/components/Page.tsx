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
 * A list's count line ("Có 13 phản ánh…"). While the list's next page or filter loads (`busy`:
 * `useResource` with `keepPrevious` keeps the previous page on screen), it says "Đang tải…" in the
 * same place instead of the old count: nothing on the page moves, and screen readers hear it. The
 * list itself is marked `aria-busy` meanwhile by its page.
 */
export const ListCount = ({ busy, children }: { busy: boolean; children: ReactNode }) => {
  const t = useT();
  return (
    <p className={busy ? 'loading' : undefined} role="status">
      {busy ? t('common.loading') : children}
    </p>
  );
};
