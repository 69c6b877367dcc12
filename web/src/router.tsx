import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A tiny client-side router on the History API: `navigate()`, `<Link>`, `useLocation()` and a
 * path matcher for patterns like `/soon/:feature`. The server answers every page URL with the
 * app's shell, so any of these URLs can be opened directly or reloaded.
 */
const listeners = new Set<() => void>();
let navigations = 0;

const notify = () => {
  for (const listener of listeners) listener();
};

const onPopState = () => {
  navigations += 1;
  notify();
};

const subscribe = (listener: () => void) => {
  if (listeners.size === 0) window.addEventListener('popstate', onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
};

const currentHref = () => window.location.pathname + window.location.search;

/** Goes to an in-app URL (`/login?next=%2Fprofile`) without reloading the page. */
export const navigate = (to: string, { replace = false }: { replace?: boolean } = {}) => {
  if (to === currentHref()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  navigations += 1;
  window.scrollTo(0, 0);
  notify();
};

/** True once the reader has moved within the app (then focus goes to the new page's heading). */
export const hasNavigated = () => navigations > 0;

export type Location = { path: string; query: URLSearchParams; href: string };

export const useLocation = (): Location => {
  const href = useSyncExternalStore(subscribe, currentHref, () => '/');
  return useMemo(() => {
    const url = new URL(href, 'http://app.invalid');
    return { path: url.pathname, query: url.searchParams, href };
  }, [href]);
};

/** Matches `/soon/:feature` against `/soon/services` → `{ feature: 'services' }`; null when it does not. */
export const matchPath = (pattern: string, path: string): Record<string, string> | null => {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i]!;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
};

/** A `next=` target only if it is a path on this site (no `//host`, no scheme). */
export const safeNext = (value: string | null | undefined): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';

const isPlainLeftClick = (event: MouseEvent<HTMLAnchorElement>) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.defaultPrevented;

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An ordinary link (works without JavaScript, opens in a new tab) that navigates in the app. */
export const Link = ({ href, onClick, ...rest }: LinkProps) => {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!isPlainLeftClick(event) || rest.target === '_blank' || !href.startsWith('/') || href.startsWith('/api/')) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
};
