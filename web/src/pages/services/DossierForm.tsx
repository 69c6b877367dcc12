import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import type { LocalDraft } from '../../lib/offline-drafts.ts';
import { navigate } from '../../router.tsx';
import { CommuneSelect } from './CommuneSelect.tsx';
import { DocumentUploads, documentInputId } from './DocumentUploads.tsx';
import { DraftStatusLine } from './DraftStatusLine.tsx';
import { IdentityLevelHelp } from './IdentityLevelHelp.tsx';
import { PrefillPanel } from './PrefillPanel.tsx';
import { newIdempotencyKey } from './idempotency.ts';
import { inputIdOf, problemText, SchemaFields } from './SchemaFields.tsx';
import { checkForm, dataOf, fieldKeyOf, fieldsOf, formItemsOf, valuesOf, type FormValues } from './schema-form.ts';
import type { Dossier, DossierDocument, Filed, ProcedureDetail } from './types.ts';
import { useDraft } from './use-draft.ts';
import type { StoredPaper } from './stored-papers.ts';
import { useResource } from './use-resource.ts';

type Props = {
  procedure: ProcedureDetail;
  draft: Dossier | null;
  /** A draft kept on this device (written offline); its content wins over the server's copy. */
  local: LocalDraft | null;
  owner: string;
  onDraftCreated: (id: string) => void;
  onKeptLocally: (key: string) => void;
};
type Summary = { key: string; href: string; label: string; message: string }[];

/**
 * The dossier form: inputs generated from the procedure's JSON Schema, the documents it asks for
 * with their uploads, a draft saved as the citizen types (kept on the device while offline, see
 * use-draft.ts), and the submit (one Idempotency-Key per attempt, so a double click files once).
 * Our own checks run first; the server's 422 field errors are then shown beside their inputs.
 */
export const DossierForm = ({ procedure, draft, local, owner, onDraftCreated, onKeptLocally }: Props) => {
  const { t, lang } = useI18n();
  const items = useMemo(() => formItemsOf(procedure.form), [procedure.form]);
  const fields = useMemo(() => fieldsOf(items), [items]);
  const start = local?.body ?? draft;
  const [values, setValues] = useState<FormValues>(() => (start ? valuesOf(fields, start.data) : valuesOf(fields, {}, true)));
  const [documents, setDocuments] = useState<DossierDocument[]>(() => start?.documents ?? []);
  const [communeCode, setCommuneCode] = useState(start?.communeCode ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<Summary>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  // The citizen's store: papers digitised for earlier dossiers, offered instead of a new upload.
  const [stored] = useResource<{ items: StoredPaper[] }>('/api/store/papers');
  const attempt = useRef<string | null>(null);
  const busy = useRef(false);
  const summaryBox = useRef<HTMLDivElement>(null);
  const isCommune = procedure.level === 'commune';

  const payload = {
    data: dataOf(fields, values),
    documents: documents.map(({ code, fileId }) => ({ code, fileId })),
    ...(isCommune && communeCode ? { communeCode } : {}),
  };
  const draftState = useDraft(procedure.code, draft?.id ?? null, payload, {
    owner,
    procedureName: procedure.name,
    local,
    onCreated: onDraftCreated,
    onKeptLocally,
  });

  const labelFor = (key: string): { href: string; label: string } => {
    if (key.startsWith('documents.')) {
      const code = key.slice('documents.'.length);
      return { href: `#${documentInputId(code)}`, label: procedure.documents.find((d) => d.code === code)?.name ?? code };
    }
    if (key === 'communeCode') return { href: '#field-communeCode', label: t('apply.commune') };
    return { href: `#${inputIdOf(key)}`, label: fields.find((f) => f.key === key)?.label ?? key };
  };

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    setSummary(Object.entries(found).map(([key, message]) => ({ key, message, ...labelFor(key) })));
    window.setTimeout(() => summaryBox.current?.focus(), 0);
  };

  const change = (key: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
    setSummary((list) => list.filter((s) => s.key !== key));
  };

  /** Values from the population database, into the fields of this form that have their keys. */
  const prefill = (found: Record<string, string>): number => {
    const keys = Object.keys(found).filter((key) => fields.some((f) => f.key === key));
    for (const key of keys) change(key, found[key]!);
    return keys.length;
  };

  // A document error goes once a file is attached to it.
  useEffect(() => {
    const attached = (key: string) => key.startsWith('documents.') && documents.some((d) => `documents.${d.code}` === key);
    setErrors((e) => (Object.keys(e).some(attached) ? Object.fromEntries(Object.entries(e).filter(([key]) => !attached(key))) : e));
    setSummary((list) => (list.some((s) => attached(s.key)) ? list.filter((s) => !attached(s.key)) : list));
  }, [documents]);

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
    if (busy.current) return;
    setProblem(null);
    const found = checkAll();
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    setSummary([]);
    busy.current = true;
    setSubmitting(true);
    attempt.current ??= newIdempotencyKey();
    const headers = { 'Idempotency-Key': attempt.current };
    try {
      const id = await draftState.flush().catch(() => draftState.draftId);
      const filed = id
        ? await api<Filed>(ENDPOINTS.dossierSubmit(id), { method: 'POST', body: {}, headers })
        : await api<Filed>(ENDPOINTS.dossiers, { method: 'POST', body: { procedureCode: procedure.code, ...payload, submit: true }, headers });
      await draftState.forgetKept();
      navigate(`/dossiers/${encodeURIComponent(filed.id)}/receipt`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      attempt.current = null; // a new attempt (after corrections) is a new submission
      const fromServer: Record<string, string> = {};
      for (const e of error.problem.errors ?? []) fromServer[fieldKeyOf(e.field)] = e.message;
      if (Object.keys(fromServer).length > 0) showErrors(fromServer);
      setProblem(error.problem);
      busy.current = false;
      setSubmitting(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="dossier-form">
      {summary.length > 0 ? (
        <div ref={summaryBox} className="alert alert-error" role="alert" tabIndex={-1}>
          <p className="alert-title">{t('error.fields')}</p>
          <ul>
            {summary.map((s) => (
              <li key={s.key}>
                <a href={s.href}>
                  {s.label}: {s.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.length === 0 ? <ProblemAlert problem={problem} /> : null}
      <IdentityLevelHelp problem={problem} requiredLevel={procedure.minIdentityLevel} />
      <DraftStatusLine status={draftState.status} />
      <section className="panel" aria-labelledby="apply-data">
        <h2 id="apply-data">{t('apply.data')}</h2>
        <PrefillPanel onFill={prefill} />
        {isCommune ? <CommuneSelect value={communeCode} error={errors.communeCode} onChange={setCommuneCode} /> : null}
        <SchemaFields items={items} values={values} errors={errors} onChange={change} />
      </section>
      <section className="panel" aria-labelledby="apply-docs">
        <h2 id="apply-docs">{t('apply.documents')}</h2>
        <p className="hint">{t('apply.documentsHint')}</p>
        <DocumentUploads documents={procedure.documents} attached={documents} errors={errors} onChange={setDocuments} stored={stored.kind === 'ok' ? stored.value.items : undefined} />
      </section>
      <p className="hint">{t('apply.submitHint')}</p>
      <button type="submit" className="button" aria-disabled={isSubmitting}>
        {isSubmitting ? t('apply.submitting') : t('apply.submit')}
      </button>
    </form>
  );
};
