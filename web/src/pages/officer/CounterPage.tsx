import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { type Location } from '../../router.tsx';
import type { ProcedureDetail } from '../services/types.ts';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { CounterCitizenStep } from './CounterCitizenStep.tsx';
import { CounterFormStep } from './CounterFormStep.tsx';
import { CounterProcedureStep } from './CounterProcedureStep.tsx';
import { CounterReceipt } from './CounterReceipt.tsx';
import type { CitizenCard, CounterFiled } from './counter-types.ts';
import '../services/services.css';
import './counter.css';

const STEPS = ['citizen', 'procedure', 'dossier'] as const;

/** Where the officer is, as an ordered list a screen reader announces (`aria-current="step"`). */
const Progress = ({ current }: { current: (typeof STEPS)[number] }) => {
  const { t } = useI18n();
  return (
    // role="list": some screen readers drop the list semantics of a list without markers.
    <ol className="counter-steps" role="list" aria-label={t('counter.steps')}>
      {STEPS.map((s) => (
        <li key={s} aria-current={s === current ? 'step' : undefined} className={s === current ? 'counter-step-current' : undefined}>
          {t(`counter.step.${s}`)}
        </li>
      ))}
    </ol>
  );
};

/** What was chosen so far, with the way back. */
const Chosen = ({ text, action, onChange }: { text: string; action: string; onChange: () => void }) => (
  <p className="panel counter-chosen">
    <span>{text}</span>{' '}
    <button type="button" className="button-link" onClick={onChange}>
      {action}
    </button>
  </p>
);

/** Step 3, once the chosen procedure is loaded (its form and papers). */
const FormFor = ({ citizen, code, onChange, onFiled }: { citizen: CitizenCard; code: string; onChange: () => void; onFiled: (f: CounterFiled) => void }) => {
  const { t } = useI18n();
  const [procedure] = useResource<ProcedureDetail>(ENDPOINTS.procedure(code));
  if (procedure.kind === 'loading') return <Loading />;
  if (procedure.kind === 'error') return <ProblemAlert problem={procedure.problem} />;
  if (procedure.kind === 'not-found') return <Chosen text={t('procedure.notFound')} action={t('counter.changeProcedure')} onChange={onChange} />;
  return (
    <>
      <Chosen text={t('counter.procedure', { name: procedure.value.name })} action={t('counter.changeProcedure')} onChange={onChange} />
      <CounterFormStep citizen={citizen} procedure={procedure.value} onFiled={onFiled} />
    </>
  );
};

/**
 * `/officer/counter` ("Tiếp nhận hồ sơ trực tiếp"): a one-stop officer files a dossier for a
 * citizen who came in person — the citizen, the procedure, the form and scanned papers — and the
 * dossier is received at once; the receipt follows, with the same code and tracking as online.
 */
export const CounterPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  const [citizen, setCitizen] = useState<CitizenCard | null>(null);
  const [procedure, setProcedure] = useState<string | null>(null);
  const [filed, setFiled] = useState<CounterFiled | null>(null);
  const [round, setRound] = useState(0);

  if (!user) return <Loading />;
  const next = () => {
    setCitizen(null);
    setProcedure(null);
    setFiled(null);
    setRound((n) => n + 1);
  };
  if (filed) {
    return (
      <Page title={t('counter.title')}>
        <CounterReceipt filed={filed} onNext={next} />
      </Page>
    );
  }
  const current = !citizen ? 'citizen' : !procedure ? 'procedure' : 'dossier';
  return (
    <Page title={t('counter.title')} lead={t('counter.lead')}>
      <Progress current={current} />
      {citizen ? (
        <Chosen text={t('counter.citizen', { name: citizen.fullName })} action={t('counter.change')} onChange={() => setCitizen(null)} />
      ) : (
        <CounterCitizenStep key={round} onChosen={setCitizen} />
      )}
      {citizen && !procedure ? <CounterProcedureStep onChosen={setProcedure} /> : null}
      {citizen && procedure ? <FormFor key={procedure} citizen={citizen} code={procedure} onChange={() => setProcedure(null)} onFiled={setFiled} /> : null}
    </Page>
  );
};
