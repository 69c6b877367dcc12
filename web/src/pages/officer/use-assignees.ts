import { listOf } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { useResource } from '../services/use-resource.ts';

type Assignable = { id: string; fullName: string };

/** The staff a dossier may be assigned to (its handling agency's specialists), as select options. */
export const useAssignees = (dossierId: string | null): { value: string; label: string }[] => {
  const [answer] = useResource<unknown>(dossierId ? ENDPOINTS.dossierAssignees(dossierId) : null);
  return answer.kind === 'ok' ? listOf<Assignable>(answer.value, 'assignees').map((a) => ({ value: a.id, label: a.fullName })) : [];
};
