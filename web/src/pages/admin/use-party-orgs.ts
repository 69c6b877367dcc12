import { useMemo } from 'react';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { useList } from '../../lib/use-list.ts';

type PartyOrgChoice = { id: string; code: string; name: string; parentName: string | null; depth: number };

export type PartyOrgs = {
  isLoading: boolean;
  /** For a picker, in tree order; the one above in brackets (many cells share a name across communes). */
  options: { value: string; label: string }[];
};

/** Label of one organisation in the picker. */
export const partyOrgLabel = (o: Pick<PartyOrgChoice, 'name' | 'parentName'>) => (o.parentName ? `${o.name} (${o.parentName})` : o.name);

/**
 * The Party organisations an administrator may give an account (`GET /api/users/party-orgs`,
 * `users.write`): loaded by the account form only, which only administrators open.
 */
export const usePartyOrgs = (): PartyOrgs => {
  const list = useList<PartyOrgChoice>(ENDPOINTS.userPartyOrgs, 'items');
  return useMemo(
    () => ({
      isLoading: list.kind === 'loading',
      options: list.kind === 'ok' ? list.items.map((o) => ({ value: o.id, label: partyOrgLabel(o) })) : [],
    }),
    [list],
  );
};
