import { useRef, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useModalDialog } from '../../../components/use-modal-dialog.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { api, ApiError, NETWORK_PROBLEM_TYPE, type Problem } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { SelectField, TextAreaField } from '../../services/FormControls.tsx';
import { newIdempotencyKey } from '../../services/idempotency.ts';
import { FEEDBACK } from '../endpoints.ts';
import { actionLabel } from '../labels.ts';
import type { Duplicate } from '../types.ts';
import { AnswerFiles } from './AnswerFiles.tsx';
import { bodyOf, checkAnswers, emptyAnswers, inputOfField, specOf, type ActionAnswers, type ActionInput } from './report-actions.ts';

type Props = {
  action: string;
  reportId: string;
  seq: number;
  agencies: { value: string; label: string }[];
  duplicates: Duplicate[];
  onDone: (action: string) => void;
  onConflict: () => void;
  onClose: () => void;
};

type Errors = Partial<Record<ActionInput, string>>;

/**
 * A small modal dialog for one action on a report: its inputs, checked before sending, then
 * `POST /api/feedback/reports/{id}/{action}` with the `seq` this page saw. When someone acted
 * first the API answers 409, and the dialog offers to reload the report.
 */
export const ReportActionDialog = ({ action, reportId, seq, agencies, duplicates, onDone, onConflict, onClose }: Props) => {
  const { t, lang } = useI18n();
  const spec = specOf(action);
  const dialog = useModalDialog();
  const [answers, setAnswers] = useState<ActionAnswers>(emptyAnswers);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isConflict, setConflict] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const title = actionLabel(t, action);
  const set = <K extends keyof ActionAnswers>(key: K, value: ActionAnswers[K]) => setAnswers((a) => ({ ...a, [key]: value }));
  const mark = (input: ActionInput, label: string) => (spec.required.includes(input) || (input === 'reason' && answers.isPublic === 'no') ? t('form.requiredLabel', { label }) : label);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy || isConflict) return;
    const found = checkAnswers(spec, answers);
    const messages: Errors = {};
    for (const input of Object.keys(found) as ActionInput[]) messages[input] = t(input === 'target' ? 'feedback.staff.chooseTarget' : input === 'isPublic' ? 'feedback.staff.choosePublic' : 'action.error.required');
    setErrors(messages);
    setProblem(null);
    if (Object.keys(messages).length > 0) {
      window.setTimeout(() => dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      await api(FEEDBACK.action(reportId, action), { method: 'POST', body: bodyOf(action, answers, seq), headers: { 'Idempotency-Key': key.current } });
      dialog.current?.close();
      onDone(action);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Same key for a retry after a network failure; a refused action is a new attempt next time.
      if (error.problem.type !== NETWORK_PROBLEM_TYPE) key.current = newIdempotencyKey();
      setConflict(error.status === 409);
      const fromServer: Errors = {};
      for (const e of error.problem.errors ?? []) {
        const input = inputOfField(e.field);
        if (input && spec.inputs.includes(input)) fromServer[input] = e.message;
      }
      setErrors(fromServer);
      setProblem(error.problem);
      setBusy(false);
    }
  };

  const render = (input: ActionInput) => {
    switch (input) {
      case 'isPublic':
        return (
          <fieldset key={input} className={errors.isPublic ? 'choice-list field-invalid' : 'choice-list'}>
            <legend>{mark(input, t('feedback.staff.isPublic'))}</legend>
            {errors.isPublic ? <p className="field-error">{errors.isPublic}</p> : null}
            {(['yes', 'no'] as const).map((value) => (
              <div key={value} className="choice">
                <input id={`action-public-${value}`} type="radio" name="isPublic" checked={answers.isPublic === value} aria-invalid={errors.isPublic ? true : undefined} onChange={() => set('isPublic', value)} />
                <label htmlFor={`action-public-${value}`}>
                  <span className="choice-title">{t(value === 'yes' ? 'feedback.staff.publicYes' : 'feedback.staff.publicNo')}</span>
                </label>
              </div>
            ))}
          </fieldset>
        );
      case 'reason':
        return <TextAreaField key={input} id="action-reason" label={mark(input, t('action.reason'))} error={errors.reason} value={answers.reason} onChange={(e) => set('reason', e.target.value)} />;
      case 'answer':
        return <TextAreaField key={input} id="action-answer" rows={8} label={mark(input, t('feedback.staff.answer'))} hint={t('feedback.staff.answerHint')} error={errors.answer} value={answers.answer} onChange={(e) => set('answer', e.target.value)} />;
      case 'agency':
        return (
          <SelectField
            key={input}
            id="action-agency"
            label={mark(input, t('feedback.staff.agency'))}
            hint={spec.required.includes('agency') ? undefined : t('feedback.staff.agencyHint')}
            error={errors.agency}
            options={agencies}
            placeholder={spec.required.includes('agency') ? t('form.choose') : t('feedback.staff.agencyKeep')}
            value={answers.agency}
            onChange={(e) => set('agency', e.target.value)}
          />
        );
      case 'target':
        return (
          <fieldset key={input} className={errors.target ? 'choice-list field-invalid' : 'choice-list'}>
            <legend>{mark(input, t('feedback.staff.target'))}</legend>
            {errors.target ? <p className="field-error">{errors.target}</p> : null}
            {duplicates.length === 0 ? <p>{t('feedback.staff.noDuplicates')}</p> : null}
            {duplicates.map((d) => (
              <div key={d.id} className="choice">
                <input id={`action-target-${d.id}`} type="radio" name="target" checked={answers.target === d.id} aria-invalid={errors.target ? true : undefined} onChange={() => set('target', d.id)} />
                <label htmlFor={`action-target-${d.id}`}>
                  <span className="choice-title">
                    {d.code}: {d.title}
                  </span>
                  <span className="choice-text">{t('feedback.staff.distance', { metres: formatNumber(Math.round(d.distanceMetres), lang) })}</span>
                </label>
              </div>
            ))}
          </fieldset>
        );
      case 'files':
        return <AnswerFiles key={input} files={answers.files} onChange={(files) => set('files', files)} />;
    }
  };

  return (
    <dialog ref={dialog} className="action-dialog" aria-labelledby="action-title" onClose={onClose}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="action-title">{title}</h2>
        {isConflict ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('feedback.staff.conflict')}</p>
            <button type="button" className="button" onClick={onConflict}>
              {t('feedback.staff.reload')}
            </button>
          </div>
        ) : (
          <ProblemAlert problem={problem} shownFields={(problem?.errors ?? []).map((e) => e.field).filter((f) => inputOfField(f))} />
        )}
        {spec.inputs.length === 0 ? <p>{t('feedback.staff.confirmText', { action: title })}</p> : null}
        {spec.inputs.map(render)}
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
