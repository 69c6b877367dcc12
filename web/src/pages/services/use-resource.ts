import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Problem } from '../../lib/api.ts';

/** One record loaded from the API, with `reload()`; `not-found` on 404 (unknown, or not yours). */
export type Resource<T> =
  | { kind: 'loading' }
  | { kind: 'ok'; value: T }
  | { kind: 'not-found' }
  | { kind: 'error'; problem: Problem };

export const useResource = <T>(path: string | null): [Resource<T>, () => void] => {
  const [state, setState] = useState<Resource<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    if (!path) return undefined;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal })
      .then((value) => setState({ kind: 'ok', value }))
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 404) setState({ kind: 'not-found' });
        else if (error instanceof ApiError) setState({ kind: 'error', problem: error.problem });
      });
    return () => controller.abort();
  }, [path, round]);

  return [state, reload];
};
