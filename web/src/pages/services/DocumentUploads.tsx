import { useState, type ChangeEvent, type Dispatch, type SetStateAction } from 'react';
import { useProblemTitle } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { StoredPaperPicker } from './StoredPaperPicker.tsx';
import type { StoredPaper } from './stored-papers.ts';
import type { DossierDocument, ProcedureDocument } from './types.ts';
import { uploadFile } from './upload.ts';

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.tif,.tiff,.docx,.xlsx,.odt,application/pdf,image/*';

type Progress = { name: string; share: number };
type Failure = { name: string; reason: string };

export const documentInputId = (code: string) => `field-documents-${code.replace(/[^A-Za-z0-9_-]/g, '-')}`;

type SlotProps = {
  document: ProcedureDocument;
  files: DossierDocument[];
  error?: string;
  onAdd: (file: DossierDocument) => void;
  onRemove: (fileId: string) => void;
  /** The citizen's store, offered instead of an upload (citizens' own forms only). */
  stored?: StoredPaper[];
};

/**
 * One document the procedure asks for: the files already attached, a file picker, the upload's
 * progress, and — when an upload fails — what went wrong, saying that the draft is kept.
 */
const DocumentSlot = ({ document: doc, files, error, onAdd, onRemove, stored }: SlotProps) => {
  const { t, lang } = useI18n();
  const titleOf = useProblemTitle();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const id = documentInputId(doc.code);
  const counts = [
    doc.originals ? t('procedure.doc.originals', { count: formatNumber(doc.originals, lang) }) : '',
    doc.copies ? t('procedure.doc.copies', { count: formatNumber(doc.copies, lang) }) : '',
  ].filter(Boolean);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    setFailure(null);
    for (const file of chosen) {
      setProgress({ name: file.name, share: 0 });
      try {
        const uploaded = await uploadFile(file, (share) => setProgress({ name: file.name, share }));
        onAdd({ code: doc.code, fileId: uploaded.id, name: file.name });
      } catch (caught) {
        const reason = caught instanceof ApiError ? (caught.problem.detail ?? titleOf(caught.problem)) : t('error.network');
        setFailure({ name: file.name, reason });
        break;
      } finally {
        setProgress(null);
      }
    }
  };

  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className={error ? 'document-upload field-invalid' : 'document-upload'}>
      <legend>{doc.required ? t('form.requiredLabel', { label: doc.name }) : doc.name}</legend>
      {counts.length > 0 ? <p className="hint">{counts.join(', ')}</p> : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      {files.length > 0 ? (
        <ul className="attached">
          {files.map((f) => (
            <li key={f.fileId}>
              <span aria-hidden="true">📄 </span>
              <span className="attached-name">{f.name ?? t('upload.attached')}</span>
              <button type="button" className="button-link" onClick={() => onRemove(f.fileId)}>
                {t('upload.remove')}
                <span className="visually-hidden"> {f.name ?? doc.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={id}>{files.length > 0 ? t('upload.addMore') : t('upload.choose')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('upload.hint')}
        </p>
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          multiple
          aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          disabled={progress !== null}
          onChange={(e) => void pick(e)}
        />
      </div>
      {stored ? (
        <StoredPaperPicker id={id} code={doc.code} papers={stored} attachedIds={files.map((f) => f.fileId)} onPick={(p) => onAdd({ code: doc.code, fileId: p.fileId, name: p.name })} />
      ) : null}
      <div role="status" aria-live="polite" className="upload-status">
        {progress ? (
          <>
            <span>{t('upload.progress', { name: progress.name, percent: Math.round(progress.share * 100) })}</span>
            <progress max={100} value={Math.round(progress.share * 100)} aria-label={t('upload.progressLabel', { name: progress.name })} />
          </>
        ) : null}
      </div>
      {failure ? (
        <p className="alert alert-error" role="alert">
          {t('upload.failed', { name: failure.name, reason: failure.reason })}
        </p>
      ) : null}
    </fieldset>
  );
};

type Props = {
  documents: ProcedureDocument[];
  attached: DossierDocument[];
  errors: Record<string, string>;
  onChange: Dispatch<SetStateAction<DossierDocument[]>>;
  stored?: StoredPaper[];
};

/** The procedure's documents, each with its uploads; `errors` are keyed `documents.<code>`. */
export const DocumentUploads = ({ documents, attached, errors, onChange, stored }: Props) => (
  <>
    {documents.map((doc) => (
      <DocumentSlot
        key={doc.code}
        document={doc}
        files={attached.filter((a) => a.code === doc.code)}
        error={errors[`documents.${doc.code}`]}
        stored={stored}
        onAdd={(file) => onChange((all) => [...all, file])}
        onRemove={(fileId) => onChange((all) => all.filter((a) => !(a.code === doc.code && a.fileId === fileId)))}
      />
    ))}
  </>
);
