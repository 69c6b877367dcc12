import { startTransition, useEffect, useState } from 'react';
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
    // Already loading on the first render: keeping the same state spares the page a second render.
    setState((shown) => (shown.kind === 'loading' ? shown : { kind: 'loading' }));
    // The answer is shown in a transition: React renders a long list in short slices, so a cheap
    // phone stays responsive (no long task) while it appears.
    const show = (next: ListState<T>) => startTransition(() => setState(next));
    api(path, { signal: controller.signal })
      .then((body) => {
        const items = listOf<T>(body, ...keyList.split(',').filter(Boolean));
        show({ kind: 'ok', items, total: totalOf(body, items) });
      })
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 501)) show({ kind: 'unavailable' });
        else if (error instanceof ApiError) show({ kind: 'error', problem: error.problem });
      });
    return () => controller.abort();
  }, [path, keyList]);
  return state;
};
