import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, type Location } from '../../router.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { DigitalPanel } from './DigitalPanel.tsx';
import { DossierContent, DossierFacts } from './DossierFacts.tsx';
import { History } from './History.tsx';
import { actionLabel } from './labels.ts';
import { PaymentPanel } from './PaymentPanel.tsx';
import { RatingWidget } from './RatingWidget.tsx';
import { allowedOf } from './types.ts';
import { useDossier } from './use-dossier.ts';
import './services.css';

/** The actions a citizen takes on their own dossier, in the order offered. */
const CITIZEN_ACTIONS = ['supplement', 'withdraw'];


/** `/dossiers/:id`: the citizen's view of one dossier — status, dates, what to do next, history. */
export const DossierPage = ({ location, params }: { location: Location; params: Record<string, string> }) => {
  const { t } = useI18n();
  const id = params.id ?? '';
  const { user, dossier, reload, procedure, documents } = useDossier(location, id);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (!user || dossier.kind === 'loading') return <Loading />;
  if (dossier.kind === 'not-found') return <Page title={t('dossier.notFound')} lead={t('dossier.notFoundText')} />;
  if (dossier.kind === 'error') return <ProblemAlert problem={dossier.problem} />;

  const d = dossier.value;
  const allowed = allowedOf(d);
  const actions = CITIZEN_ACTIONS.filter((a) => allowed.includes(a));
  const request = d.supplementRequest;
  return (
    <Page title={d.procedure.name} lead={d.code ? t('trackPage.code', { code: d.code }) : undefined}>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('action.done', { action: actionLabel(t, done) })}
        </p>
      ) : null}
      <DossierFacts dossier={d} />
      {request && allowed.includes('supplement') ? (
        <section className="panel panel-attention" aria-labelledby="supplement-title">
          <h2 id="supplement-title">{t('dossier.supplementAsked')}</h2>
          <p>{t('history.reason', { reason: request.reason })}</p>
          <p>{t('history.checklist')}</p>
          <ul className="plain-list">
            {request.checklist.map((c) => (
              <li key={c.code}>{c.name}</li>
            ))}
          </ul>
          {request.note ? <p>{t('history.note', { note: request.note })}</p> : null}
        </section>
      ) : null}
      {d.fee ? <PaymentPanel fee={d.fee} /> : null}
      {actions.length > 0 || d.code ? (
        <p className="actions">
          {actions.map((a) => (
            <button key={a} type="button" className={a === 'withdraw' ? 'button button-secondary' : 'button'} onClick={() => setOpen(a)}>
              {actionLabel(t, a)}
            </button>
          ))}
          {d.code ? (
            <Link href={`/dossiers/${encodeURIComponent(d.id)}/receipt`} className="button button-secondary">
              {t('dossier.receipt')}
            </Link>
          ) : null}
        </p>
      ) : null}
      {d.code ? <DigitalPanel dossier={d} /> : null}
      {d.canRate || d.rating ? <RatingWidget dossierId={d.id} rating={d.rating ?? null} onRated={reload} /> : null}
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
          requested={request?.checklist.map((c) => c.code)}
          expectedSeq={d.seq}
          onClose={() => setOpen(null)}
          onConflict={() => {
            setOpen(null);
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
