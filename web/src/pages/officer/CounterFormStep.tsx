import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { CommuneSelect } from '../services/CommuneSelect.tsx';
import { DocumentUploads } from '../services/DocumentUploads.tsx';
import { TextAreaField } from '../services/FormControls.tsx';
import { newIdempotencyKey } from '../services/idempotency.ts';
import { problemText, SchemaFields } from '../services/SchemaFields.tsx';
import { checkForm, dataOf, fieldKeyOf, fieldsOf, formItemsOf, valuesOf, type FormValues } from '../services/schema-form.ts';
import type { DossierDocument, ProcedureDetail } from '../services/types.ts';
import type { CitizenCard, CounterFiled } from './counter-types.ts';

type Props = { citizen: CitizenCard; procedure: ProcedureDetail; onFiled: (filed: CounterFiled) => void };

/**
 * Step 3 of walk-in filing: the procedure's form (generated from its JSON Schema, as for online
 * filing), the papers the officer scans and uploads, the commune for commune-level procedures, a
 * note; then one submit files the dossier for the citizen and receives it (one Idempotency-Key
 * per attempt, so a double click files once). Our checks first, then the server's 422 by field.
 */
export const CounterFormStep = ({ citizen, procedure, onFiled }: Props) => {
  const { t, lang } = useI18n();
  const items = useMemo(() => formItemsOf(procedure.form), [procedure.form]);
  const fields = useMemo(() => fieldsOf(items), [items]);
  const [values, setValues] = useState<FormValues>(() => valuesOf(fields, {}, true));
  const [documents, setDocuments] = useState<DossierDocument[]>([]);
  const [communeCode, setCommuneCode] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const attempt = useRef<string | null>(null);
  const isCommune = procedure.level === 'commune';

  const change = (key: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const checkAll = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (isCommune && !communeCode) found.communeCode = t('apply.communeRequired');
    for (const [key, p] of Object.entries(checkForm(fields, values))) found[key] = problemText(t, lang, p);
    for (const doc of procedure.documents) {
      if (doc.required && !documents.some((d) => d.code === doc.code)) found[`documents.${doc.code}`] = t('apply.documentRequired');
    }
    return found;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSubmitting) return;
    setProblem(null);
    const found = checkAll();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => document.querySelector<HTMLElement>('.field-invalid input, .field-invalid select, .field-invalid textarea')?.focus(), 0);
      return;
    }
    setSubmitting(true);
    attempt.current ??= newIdempotencyKey();
    const body = {
      citizenId: citizen.id,
      procedureCode: procedure.code,
      data: dataOf(fields, values),
      documents: documents.map(({ code, fileId }) => ({ code, fileId })),
      ...(isCommune && communeCode ? { communeCode } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    try {
      onFiled(await api<CounterFiled>(ENDPOINTS.counterDossiers, { method: 'POST', body, headers: { 'Idempotency-Key': attempt.current } }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      attempt.current = null; // after corrections, a new attempt
      setErrors(Object.fromEntries((error.problem.errors ?? []).map((e) => [fieldKeyOf(e.field), e.message])));
      setProblem(error.problem);
      setSubmitting(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="dossier-form" aria-labelledby="counter-dossier-title">
      <h2 id="counter-dossier-title">{t('counter.step.dossier')}</h2>
      <ProblemAlert problem={problem} />
      <section className="panel" aria-labelledby="counter-data">
        <h3 id="counter-data">{t('apply.data')}</h3>
        {isCommune ? <CommuneSelect value={communeCode} error={errors.communeCode} onChange={setCommuneCode} /> : null}
        <SchemaFields items={items} values={values} errors={errors} onChange={change} />
      </section>
      <section className="panel" aria-labelledby="counter-docs">
        <h3 id="counter-docs">{t('apply.documents')}</h3>
        <p className="hint">{t('counter.documentsHint')}</p>
        <DocumentUploads documents={procedure.documents} attached={documents} errors={errors} onChange={setDocuments} />
      </section>
      <TextAreaField id="counter-comment" name="comment" label={t('counter.comment')} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" className="button" aria-disabled={isSubmitting}>
        {isSubmitting ? t('counter.submitting') : t('counter.submit')}
      </button>
    </form>
  );
};
