import { useCallback, useEffect, useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { Link, navigate, type Location } from '../../router.tsx';
import { DossierForm } from './DossierForm.tsx';
import type { Dossier, ProcedureDetail } from './types.ts';
import { useResource } from './use-resource.ts';
import { useSignedIn } from './use-signed-in.ts';
import './services.css';

/**
 * `/procedures/:code/apply[?draft=id]`: filing a dossier. The draft's id goes into the address as
 * soon as it exists, so a reload (or coming back from "Hồ sơ của tôi") resumes it.
 */
export const DossierFormPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  const code = params.code ?? '';
  const draftId = location.query.get('draft');
  const [procedure] = useResource<ProcedureDetail>(user ? ENDPOINTS.procedure(code) : null);
  // Only the draft the page opened with is loaded; one created here is already in the form.
  const [openedWith] = useState(draftId);
  const [draft] = useResource<Dossier>(user && openedWith ? ENDPOINTS.dossier(openedWith) : null);

  // The address is rewritten in place (no navigation): the reader keeps their scroll and focus.
  const onDraftCreated = useCallback(
    (id: string) => window.history.replaceState(window.history.state, '', `/procedures/${encodeURIComponent(code)}/apply?draft=${encodeURIComponent(id)}`),
    [code],
  );

  useEffect(() => {
    if (draft.kind === 'ok' && draft.value.state !== 'draft') navigate(`/dossiers/${encodeURIComponent(draft.value.id)}`, { replace: true });
  }, [draft]);

  if (!user || procedure.kind === 'loading' || (openedWith && draft.kind === 'loading')) return <Loading />;
  if (procedure.kind === 'not-found' || (openedWith && draft.kind === 'not-found')) {
    return (
      <Page title={procedure.kind === 'not-found' ? t('procedure.notFound') : t('dossier.notFound')}>
        <p>
          <Link href="/dossiers">{t('citizen.dossiers')}</Link>
        </p>
      </Page>
    );
  }
  if (procedure.kind === 'error') return <ProblemAlert problem={procedure.problem} />;
  if (draft.kind === 'error') return <ProblemAlert problem={draft.problem} />;
  if (draft.kind === 'ok' && draft.value.state !== 'draft') return <Loading />;

  return (
    <Page title={t('apply.title')} lead={procedure.value.name}>
      <p className="hint">{t('apply.lead')}</p>
      <DossierForm procedure={procedure.value} draft={draft.kind === 'ok' ? draft.value : null} onDraftCreated={onDraftCreated} />
    </Page>
  );
};
