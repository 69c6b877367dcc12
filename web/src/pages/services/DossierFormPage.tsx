import { useCallback, useEffect, useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { Link, navigate, type Location } from '../../router.tsx';
import { DossierForm } from './DossierForm.tsx';
import type { Dossier, ProcedureDetail } from './types.ts';
import { useKeptDraft } from './use-kept-draft.ts';
import { useResource } from './use-resource.ts';
import { useSignedIn } from './use-signed-in.ts';
import './services.css';

/**
 * `/procedures/:code/apply[?draft=id | ?local=key]`: filing a dossier. The draft's id goes into
 * the address as soon as it exists (`?local=` while it is only kept on this device, offline), so a
 * reload (or coming back from "Hồ sơ của tôi") resumes it; what this device kept and has not sent
 * yet wins over the server's copy.
 */
export const DossierFormPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  const code = params.code ?? '';
  const [procedure] = useResource<ProcedureDetail>(user ? ENDPOINTS.procedure(code) : null);
  // Only the draft the page opened with is loaded; one created here is already in the form.
  const [openedWith] = useState(() => location.query.get('draft'));
  const [openedLocal] = useState(() => location.query.get('local'));
  const kept = useKeptDraft(user?.id ?? null, openedWith ?? openedLocal);
  const pending = kept.kind === 'done' && kept.draft?.body ? kept.draft : null;
  const serverId = openedWith ?? (kept.kind === 'done' ? (kept.draft?.sentAs ?? kept.draft?.serverId ?? null) : null);
  const [draft] = useResource<Dossier>(user && serverId ? ENDPOINTS.dossier(serverId) : null);

  // The address is rewritten in place (no navigation): the reader keeps their scroll and focus.
  const showInAddress = useCallback(
    (param: 'draft' | 'local', value: string) =>
      window.history.replaceState(window.history.state, '', `/procedures/${encodeURIComponent(code)}/apply?${param}=${encodeURIComponent(value)}`),
    [code],
  );
  const onDraftCreated = useCallback((id: string) => showInAddress('draft', id), [showInAddress]);
  const onKeptLocally = useCallback((key: string) => showInAddress('local', key), [showInAddress]);

  // Opened with a local key of a draft that has reached the server since: show its id instead.
  useEffect(() => {
    if (!openedWith && serverId) onDraftCreated(serverId);
  }, [openedWith, serverId, onDraftCreated]);

  useEffect(() => {
    if (draft.kind === 'ok' && draft.value.state !== 'draft') navigate(`/dossiers/${encodeURIComponent(draft.value.id)}`, { replace: true });
  }, [draft]);

  // Offline, a draft this device kept opens even when its server copy was never read here.
  const draftUnreachable = draft.kind === 'error' && pending !== null;
  if (!user || procedure.kind === 'loading' || kept.kind === 'loading' || (serverId && draft.kind === 'loading')) return <Loading />;
  if (procedure.kind === 'not-found' || (serverId && draft.kind === 'not-found') || (openedLocal && !openedWith && !kept.draft)) {
    return (
      <Page title={procedure.kind === 'not-found' ? t('procedure.notFound') : t('dossier.notFound')}>
        <p>
          <Link href="/dossiers">{t('citizen.dossiers')}</Link>
        </p>
      </Page>
    );
  }
  if (procedure.kind === 'error') return <ProblemAlert problem={procedure.problem} />;
  if (draft.kind === 'error' && !draftUnreachable) return <ProblemAlert problem={draft.problem} />;
  if (draft.kind === 'ok' && draft.value.state !== 'draft') return <Loading />;

  return (
    <Page title={t('apply.title')} lead={procedure.value.name}>
      <p className="hint">{t('apply.lead')}</p>
      <DossierForm
        procedure={procedure.value}
        draft={draft.kind === 'ok' ? draft.value : null}
        local={pending}
        owner={user.id}
        onDraftCreated={onDraftCreated}
        onKeptLocally={onKeptLocally}
      />
    </Page>
  );
};
