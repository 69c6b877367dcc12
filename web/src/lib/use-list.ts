import { useEffect, useState } from 'react';
import { api, ApiError, listOf, totalOf, type Problem } from './api.ts';

/** A list loaded from the API; `unavailable` when the endpoint does not exist yet (404/501). */
export type ListState<T> =
  | { kind: 'loading' }
  | { kind: 'ok'; items: T[]; total: number }
  | { kind: 'unavailable' }
  | { kind: 'error'; problem: Problem };

export const useList = <T>(path: string, ...keys: string[]): ListState<T> => {
  const [state, setState] = useState<ListState<T>>({ kind: 'loading' });
  const keyList = keys.join(',');
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    api(path, { signal: controller.signal })
      .then((body) => {
        const items = listOf<T>(body, ...keyList.split(',').filter(Boolean));
        setState({ kind: 'ok', items, total: totalOf(body, items) });
      })
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 501)) setState({ kind: 'unavailable' });
        else if (error instanceof ApiError) setState({ kind: 'error', problem: error.problem });
      });
    return () => controller.abort();
  }, [path, keyList]);
  return state;
};
