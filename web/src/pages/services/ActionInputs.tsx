import type { Dispatch, SetStateAction } from 'react';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Lang } from '../../lib/format.ts';
import { formatDate } from '../../lib/format.ts';
import type { ActionContext } from './ActionDialog.tsx';
import type { ActionAnswers, ActionInput, ActionSpec } from './action-specs.ts';
import { DocumentUploads } from './DocumentUploads.tsx';
import { SelectField, TextAreaField } from './FormControls.tsx';
import type { DossierDocument } from './types.ts';

export type InputErrors = Partial<Record<ActionInput, string>>;

type Props = {
  spec: ActionSpec;
  answers: ActionAnswers;
  errors: InputErrors;
  onChange: Dispatch<SetStateAction<ActionAnswers>>;
  context: ActionContext;
  lang: Lang;
};

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const RESULT_DOCUMENT = 'result';

/** The inputs of an action dialog, in the order the action lists them. */
export const ActionInputs = ({ spec, answers, errors, onChange, context, lang }: Props) => {
  const { t } = useI18n();
  const set = <K extends keyof ActionAnswers>(key: K, value: ActionAnswers[K]) => onChange((a) => ({ ...a, [key]: value }));
  const mark = (input: ActionInput, label: string) => (spec.required.includes(input) ? t('form.requiredLabel', { label }) : label);
  const filesSetter =
    (key: 'documents' | 'resultFiles'): Dispatch<SetStateAction<DossierDocument[]>> =>
    (update) =>
      onChange((a) => ({ ...a, [key]: typeof update === 'function' ? update(a[key]) : update }));

  const render = (input: ActionInput) => {
    switch (input) {
      case 'reason':
        return <TextAreaField key={input} id="action-reason" label={mark(input, t('action.reason'))} error={errors.reason} value={answers.reason} onChange={(e) => set('reason', e.target.value)} aria-required={spec.required.includes(input) || undefined} />;
      case 'note':
        return <TextAreaField key={input} id="action-note" label={t('action.note')} hint={t('action.noteHint')} error={errors.note} value={answers.note} onChange={(e) => set('note', e.target.value)} />;
      case 'comment':
        return <TextAreaField key={input} id="action-comment" label={t('action.comment')} error={errors.comment} value={answers.comment} onChange={(e) => set('comment', e.target.value)} />;
      case 'amount':
        return <Field key={input} name="amount" id="action-amount" label={mark(input, t('action.amount'))} hint={t('action.amountHint')} error={errors.amount} inputMode="numeric" value={answers.amount} onChange={(e) => set('amount', e.target.value)} aria-required />;
      case 'newDueAt':
        return (
          <Field
            key={input}
            name="newDueAt"
            id="action-newDueAt"
            type="date"
            min={tomorrow()}
            label={mark(input, t('action.newDueAt'))}
            hint={context.currentDueAt ? t('action.currentDueAt', { date: formatDate(context.currentDueAt, lang) }) : undefined}
            error={errors.newDueAt}
            value={answers.newDueAt}
            onChange={(e) => set('newDueAt', e.target.value)}
            aria-required
          />
        );
      case 'assignee':
        return (
          <SelectField
            key={input}
            id="action-assignee"
            label={mark(input, t('action.assignee'))}
            error={errors.assignee}
            options={context.assignees ?? []}
            placeholder={t('form.choose')}
            value={answers.assignee}
            onChange={(e) => set('assignee', e.target.value)}
            aria-required
          />
        );
      case 'checklist':
        return (
          <fieldset key={input} className={errors.checklist ? 'form-group field-invalid' : 'form-group'} aria-describedby={errors.checklist ? 'action-checklist-error' : undefined}>
            <legend>{mark(input, t('action.checklist'))}</legend>
            <p className="hint">{t('action.checklistHint')}</p>
            {errors.checklist ? (
              <p id="action-checklist-error" className="field-error">
                {errors.checklist}
              </p>
            ) : null}
            {context.documents.map((doc) => (
              <div className="checkbox" key={doc.code}>
                <input
                  id={`action-checklist-${doc.code}`}
                  type="checkbox"
                  checked={answers.checklist.includes(doc.code)}
                  onChange={(e) => set('checklist', e.target.checked ? [...answers.checklist, doc.code] : answers.checklist.filter((c) => c !== doc.code))}
                />
                <label htmlFor={`action-checklist-${doc.code}`}>{doc.name}</label>
              </div>
            ))}
          </fieldset>
        );
      case 'documents': {
        const asked = context.documents.filter((d) => !context.requested?.length || context.requested.includes(d.code));
        return (
          <div key={input}>
            {errors.documents ? <p className="field-error">{errors.documents}</p> : null}
            <DocumentUploads documents={asked} attached={answers.documents} errors={{}} onChange={filesSetter('documents')} />
          </div>
        );
      }
      case 'resultFiles':
        return (
          <DocumentUploads
            key={input}
            documents={[{ code: RESULT_DOCUMENT, name: t('action.resultFiles'), required: false }]}
            attached={answers.resultFiles}
            errors={errors.resultFiles ? { [`documents.${RESULT_DOCUMENT}`]: errors.resultFiles } : {}}
            onChange={filesSetter('resultFiles')}
          />
        );
    }
  };

  return <>{spec.inputs.map(render)}</>;
};
