import { ENDPOINTS } from '../../lib/endpoints.ts';
import type { Location } from '../../router.tsx';
import type { Dossier, ProcedureDetail, ProcedureDocument } from './types.ts';
import { type Resource, useResource } from './use-resource.ts';
import { useSignedIn } from './use-signed-in.ts';

/**
 * One dossier as the citizen's and the officer's pages show it: the signed-in user, the dossier
 * (with a reload after an action), its procedure once loaded, and the documents that procedure
 * lists (for checklists).
 */
export const useDossier = (location: Location, id: string) => {
  const user = useSignedIn(location);
  const [dossier, reload] = useResource<Dossier>(user ? ENDPOINTS.dossier(id) : null);
  const procedureCode = dossier.kind === 'ok' ? dossier.value.procedure.code : null;
  const [loaded] = useResource<ProcedureDetail>(procedureCode ? ENDPOINTS.procedure(procedureCode) : null);
  const procedure = loaded.kind === 'ok' ? loaded.value : null;
  const documents: ProcedureDocument[] = procedure?.documents ?? [];
  return { user, dossier: dossier as Resource<Dossier>, reload, procedure, documents };
};
