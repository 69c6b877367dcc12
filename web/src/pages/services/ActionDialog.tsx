import { useRef, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useModalDialog } from '../../components/use-modal-dialog.ts';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, NETWORK_PROBLEM_TYPE, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { ActionInputs, type InputErrors } from './ActionInputs.tsx';
import { bodyOf, checkAnswers, emptyAnswers, specOf, type ActionAnswers, type ActionInput } from './action-specs.ts';
import { newIdempotencyKey } from './idempotency.ts';
import { actionLabel } from './labels.ts';
import type { ProcedureDocument } from './types.ts';

export type ActionContext = {
  dossierId: string;
  /** The procedure's documents (the supplement checklist, the citizen's uploads). */
  documents: ProcedureDocument[];
  /** Codes asked for in the last supplement request (the citizen's supplement dialog). */
  requested?: string[];
  /** Staff who may take the dossier (assign). */
  assignees?: { value: string; label: string }[];
  currentDueAt?: string | null;
  /** The dossier's event count as this page saw it: if someone acted since, the API answers 409. */
  expectedSeq?: number;
};

type Props = ActionContext & { action: string; onDone: (action: string) => void; onConflict: () => void; onClose: () => void };

const SERVER_FIELDS: Record<string, ActionInput> = {
  reason: 'reason', checklist: 'checklist', note: 'note', amount: 'amount', assigneeId: 'assignee', assignee: 'assignee',
  newDueAt: 'newDueAt', documents: 'documents', resultFiles: 'resultFiles', comment: 'comment', files: 'resultFiles',
};

/** The input a server field error names (`data.reason`, `data/newDueAt`, `comment`). */
const inputOfField = (field: string): ActionInput | undefined => {
  const parts = field.replace(/^\/+/, '').split(/[./]/).filter((p) => p !== 'data');
  return SERVER_FIELDS[parts[0] ?? ''];
};

/**
 * A small modal dialog for one workflow action: the inputs the action requires, checked before
 * sending, then `POST /api/dossiers/{id}/actions/{action}` with an Idempotency-Key (kept for a
 * retry after a network failure, so the action is never done twice). A 409 — another officer
 * acted first — is said plainly, with a button that reloads the dossier.
 */
export const ActionDialog = ({ action, onDone, onConflict, onClose, ...context }: Props) => {
  const { t, lang } = useI18n();
  const spec = specOf(action);
  const dialog = useModalDialog();
  const key = useRef(newIdempotencyKey());
  const [answers, setAnswers] = useState<ActionAnswers>(emptyAnswers);
  const [errors, setErrors] = useState<InputErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isConflict, setConflict] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const messageOf = (input: ActionInput, kind: 'required' | 'invalid' | 'past') =>
    kind === 'required' ? t(input === 'checklist' ? 'action.error.checklist' : input === 'documents' ? 'apply.documentRequired' : 'action.error.required')
      : kind === 'past' ? t('action.error.past')
        : t(input === 'amount' ? 'action.error.amount' : 'form.error.date');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy || isConflict) return;
    const found = checkAnswers(spec, answers);
    const messages: InputErrors = {};
    for (const [input, kind] of Object.entries(found) as [ActionInput, 'required' | 'invalid' | 'past'][]) messages[input] = messageOf(input, kind);
    setErrors(messages);
    setProblem(null);
    if (Object.keys(messages).length > 0) {
      dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      await api(ENDPOINTS.dossierAction(context.dossierId, action), { method: 'POST', body: { ...bodyOf(spec, answers), expectedSeq: context.expectedSeq }, headers: { 'Idempotency-Key': key.current } });
      dialog.current?.close();
      onDone(action);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Same key for a retry after a network failure; a refused action is a new attempt next time.
      if (error.problem.type !== NETWORK_PROBLEM_TYPE) key.current = newIdempotencyKey();
      setConflict(error.status === 409);
      const fromServer: InputErrors = {};
      for (const e of error.problem.errors ?? []) {
        const input = inputOfField(e.field);
        if (input && spec.inputs.includes(input)) fromServer[input] = e.message;
      }
      setErrors(fromServer);
      setProblem(error.problem);
      setBusy(false);
    }
  };

  const title = actionLabel(t, action);
  return (
    <dialog ref={dialog} className="action-dialog" aria-labelledby="action-title" onClose={onClose}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="action-title">{title}</h2>
        {action === 'apologise' ? <p className="hint">{t('action.apologise.hint')}</p> : null}
        {isConflict ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('action.conflict')}</p>
            <button type="button" className="button" onClick={onConflict}>
              {t('action.reload')}
            </button>
          </div>
        ) : (
          <ProblemAlert problem={problem} shownFields={(problem?.errors ?? []).map((e) => e.field).filter((f) => inputOfField(f) && spec.inputs.includes(inputOfField(f)!))} />
        )}
        <ActionInputs spec={spec} answers={answers} errors={errors} onChange={setAnswers} context={context} lang={lang} />
        <p className="actions">
          <button type="submit" className={spec.isDanger ? 'button button-danger' : 'button'} aria-disabled={isBusy || isConflict}>
            {isBusy ? t('action.sending') : t('action.confirm', { action: title })}
          </button>
          <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
            {t('action.cancel')}
          </button>
        </p>
      </form>
    </dialog>
  );
};
