import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Problem } from '../../lib/api.ts';

/**
 * One record loaded from the API, with `reload()`; `not-found` on 404 (unknown, or not yours).
 * `stale`: only with `keepPrevious`, the answer for the previous path, kept on screen while the
 * new path loads (a list stays in place, with the focus in it, while its next page or filter
 * loads; its count line a `ListCount` saying "Đang tải…" meanwhile, the list `aria-busy`).
 */
export type Resource<T> =
  | { kind: 'loading' }
  | { kind: 'ok'; value: T; stale?: boolean }
  | { kind: 'not-found' }
  | { kind: 'error'; problem: Problem };

export type ResourceOptions = {
  /**
   * While another path loads, show the previous path's list (marked `stale`) instead of
   * "loading". For lists only: a page that names the record it shows (a dossier, a report, a
   * tracking code, a period's figures) must never show another one's answer, so it waits.
   */
  keepPrevious?: boolean;
};

const LOADING = { kind: 'loading' } as const;

/** What the last answer was for: a path's answer never shows as another path's. */
export type Loaded<T> = { path: string | null; resource: Resource<T> };

/**
 * What to show for `path` given the last answer: the path's own answer (a reload keeps it until
 * the new one); for another path, loading, or with `keepPrevious` a previous list marked stale
 * (never a previous "not found" or error).
 */
export const resourceFor = <T>(loaded: Loaded<T>, path: string | null, options: ResourceOptions = {}): Resource<T> => {
  if (loaded.path === path) return loaded.resource;
  return options.keepPrevious && loaded.resource.kind === 'ok' ? { ...loaded.resource, stale: true } : LOADING;
};

export const useResource = <T>(path: string | null, options: ResourceOptions = {}): [Resource<T>, () => void] => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ path: null, resource: LOADING });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    if (!path) return undefined;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal })
      .then((value) => setLoaded({ path, resource: { kind: 'ok', value } }))
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ path, resource: { kind: 'not-found' } });
        else if (error instanceof ApiError) setLoaded({ path, resource: { kind: 'error', problem: error.problem } });
      });
    return () => controller.abort();
  }, [path, round]);

  const { keepPrevious = false } = options;
  const resource = useMemo(() => resourceFor(loaded, path, { keepPrevious }), [loaded, path, keepPrevious]);
  return [resource, reload];
};
