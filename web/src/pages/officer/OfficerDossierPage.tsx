import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, type Location } from '../../router.tsx';
import { ActionDialog } from '../services/ActionDialog.tsx';
import { DigitalPanel } from '../services/DigitalPanel.tsx';
import { DossierContent, DossierFacts } from '../services/DossierFacts.tsx';
import { History } from '../services/History.tsx';
import { actionLabel } from '../services/labels.ts';
import { PaymentPanel } from '../services/PaymentPanel.tsx';
import { allowedOf } from '../services/types.ts';
import { useDossier } from '../services/use-dossier.ts';
import { DueBadge } from './DueBadge.tsx';
import { useAssignees } from './use-assignees.ts';
import '../services/services.css';

/** The officer's actions, in the order of the one-stop process; the citizen's own are left out. */
const OFFICER_ACTIONS = ['receive', 'refuse', 'assign', 'request_supplement', 'request_fee', 'pay', 'submit_for_approval', 'approve', 'send_back', 'apologise', 'return_result', 'stop'];
const DANGER = new Set(['refuse', 'stop']);

/**
 * `/officer/dossiers/:id`: one dossier of the officer's agency, with its history and, as buttons,
 * the actions the API says this officer may take now; each opens a small dialog.
 */
export const OfficerDossierPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const id = params.id ?? '';
  const { user, dossier, reload, procedure, documents } = useDossier(location, id);
  const [open, setOpen] = useState<string | null>(null);
  const assignees = useAssignees(open === 'assign' ? id : null);
  const [done, setDone] = useState<string | null>(null);

  if (!user || dossier.kind === 'loading') return <Loading />;
  if (dossier.kind === 'not-found') return <Page title={t('dossier.notFound')} lead={t('dossier.notFoundText')} />;
  if (dossier.kind === 'error') return <ProblemAlert problem={dossier.problem} />;

  const d = dossier.value;
  const allowed = allowedOf(d);
  const actions = OFFICER_ACTIONS.filter((a) => allowed.includes(a));
  return (
    <Page title={d.procedure.name} lead={d.code ? t('trackPage.code', { code: d.code }) : undefined}>
      <p>
        <Link href="/officer/queue">{t('officer.backToQueue')}</Link>
      </p>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('action.done', { action: actionLabel(t, done) })}
        </p>
      ) : null}
      <p>
        <DueBadge item={d} />
      </p>
      <DossierFacts dossier={d} />
      {d.fee ? <PaymentPanel fee={d.fee} /> : null}
      <section className="panel" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('officer.actions')}</h2>
        {actions.length === 0 ? (
          <p>{t('officer.noActions')}</p>
        ) : (
          <p className="actions">
            {actions.map((a) => (
              <button key={a} type="button" className={DANGER.has(a) ? 'button button-secondary' : 'button'} onClick={() => setOpen(a)}>
                {actionLabel(t, a)}
              </button>
            ))}
          </p>
        )}
      </section>
      {d.code ? <DigitalPanel dossier={d} canIssue={d.state === 'done' && allowed.includes('return_result')} onIssued={reload} /> : null}
      <DossierContent dossier={d} procedure={procedure} />
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history.title')}</h2>
        <History events={d.history} documents={documents} />
      </section>
      {open ? (
        <ActionDialog
          action={open}
          dossierId={d.id}
          documents={documents}
          assignees={assignees}
          expectedSeq={d.seq}
          currentDueAt={d.dueAt}
          onClose={() => setOpen(null)}
          onConflict={() => {
            setOpen(null);
            setDone(null);
            reload();
          }}
          onDone={(action) => {
            setDone(action);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
};
