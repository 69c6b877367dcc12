import { useMemo } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { sortByText } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';

type Agency = { id: string; name: string };

export type Agencies = {
  isLoading: boolean;
  /** For a picker, sorted by name the Vietnamese way. */
  options: { value: string; label: string }[];
  nameOf: (id: string | null) => string | undefined;
};

/** The province's agencies (`GET /api/agencies`, public), for the agency picker and the list's agency names. */
export const useAgencies = (): Agencies => {
  const { lang } = useI18n();
  const list = useList<Agency>(ENDPOINTS.agencies, 'agencies');
  return useMemo(() => {
    const items = list.kind === 'ok' ? sortByText(list.items, (a) => a.name, lang) : [];
    const names = new Map(items.map((a) => [a.id, a.name]));
    return {
      isLoading: list.kind === 'loading',
      options: items.map((a) => ({ value: a.id, label: a.name })),
      nameOf: (id: string | null) => (id ? names.get(id) : undefined),
    };
  }, [list, lang]);
};
