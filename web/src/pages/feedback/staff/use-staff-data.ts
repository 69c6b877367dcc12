import { useMemo } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { listOf } from '../../../lib/api.ts';
import { sortByText } from '../../../lib/format.ts';
import { useResource } from '../../services/use-resource.ts';
import { FEEDBACK } from '../endpoints.ts';
import type { Duplicate } from '../types.ts';

type Agency = { id: string; code: string; name: string; children?: Agency[] };

const flatten = (agencies: Agency[]): Agency[] => agencies.flatMap((a) => [a, ...flatten(a.children ?? [])]);

/** Agencies a report can be routed to, as select options (loaded only when a dialog needs them). */
export const useAgencyOptions = (isNeeded: boolean) => {
  const { lang } = useI18n();
  const [agencies] = useResource<unknown>(isNeeded ? FEEDBACK.agencies : null);
  return useMemo(
    () => (agencies.kind === 'ok' ? sortByText(flatten(listOf<Agency>(agencies.value, 'agencies')), (a) => a.name, lang).map((a) => ({ value: a.id, label: a.name })) : []),
    [agencies, lang],
  );
};

/** Reports of the same topic near this one (≤ 100 m, 7 days), suggested for a merge. */
export const useDuplicates = (reportId: string, isNeeded: boolean): Duplicate[] => {
  const [duplicates] = useResource<Duplicate[]>(isNeeded ? FEEDBACK.duplicates(reportId) : null);
  return duplicates.kind === 'ok' ? duplicates.value : [];
};
