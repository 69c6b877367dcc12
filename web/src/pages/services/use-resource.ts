import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Problem } from '../../lib/api.ts';

/**
 * One record loaded from the API, with `reload()`; `not-found` on 404 (unknown, or not yours).
 * `stale`: the answer for the previous path, kept on screen while the new path loads (a list
 * stays in place, with the focus in it, while its next page or filter loads); a page that names
 * what it shows (public tracking by code) treats it as loading.
 */
export type Resource<T> =
  | { kind: 'loading' }
  | { kind: 'ok'; value: T; stale?: boolean }
  | { kind: 'not-found' }
  | { kind: 'error'; problem: Problem };

const LOADING = { kind: 'loading' } as const;

/** What the last answer was for: a path's answer never shows as another path's. */
type Loaded<T> = { path: string | null; resource: Resource<T> };

export const useResource = <T>(path: string | null): [Resource<T>, () => void] => {
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

  // A reload keeps the path's answer until the new one; another path shows a kept list as stale
  // and a previous path's "not found" or error not at all.
  const resource = useMemo<Resource<T>>(() => {
    if (loaded.path === path) return loaded.resource;
    return loaded.resource.kind === 'ok' ? { ...loaded.resource, stale: true } : LOADING;
  }, [loaded, path]);
  return [resource, reload];
};
