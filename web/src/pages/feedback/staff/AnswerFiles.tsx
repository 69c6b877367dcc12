import { useState, type ChangeEvent } from 'react';
import { useProblemTitle } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ApiError } from '../../../lib/api.ts';
import { ACCEPT } from '../../services/DocumentUploads.tsx';
import { uploadFile } from '../../services/upload.ts';

type Attached = { fileId: string; name: string };
type Props = { files: Attached[]; onChange: (files: Attached[]) => void };

/** Files sent with the answer (a record of the work, a photo after the repair), with upload progress. */
export const AnswerFiles = ({ files, onChange }: Props) => {
  const { t } = useI18n();
  const titleOf = useProblemTitle();
  const [progress, setProgress] = useState<{ name: string; share: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    setFailure(null);
    let all = files;
    for (const file of chosen) {
      setProgress({ name: file.name, share: 0 });
      try {
        const uploaded = await uploadFile(file, (share) => setProgress({ name: file.name, share }));
        all = [...all, { fileId: uploaded.id, name: file.name }];
        onChange(all);
      } catch (caught) {
        setFailure(t('feedback.staff.uploadFailed', { name: file.name, reason: caught instanceof ApiError ? (caught.problem.detail ?? titleOf(caught.problem)) : t('error.network') }));
        break;
      } finally {
        setProgress(null);
      }
    }
  };

  return (
    <fieldset className="document-upload">
      <legend>{t('feedback.staff.answerFiles')}</legend>
      {files.length > 0 ? (
        <ul className="attached">
          {files.map((f) => (
            <li key={f.fileId}>
              <span aria-hidden="true">📄 </span>
              <span className="attached-name">{f.name}</span>
              <button type="button" className="button-link" onClick={() => onChange(files.filter((x) => x.fileId !== f.fileId))}>
                {t('upload.remove')}
                <span className="visually-hidden"> {f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor="action-files">{files.length > 0 ? t('upload.addMore') : t('upload.choose')}</label>
        <p id="action-files-hint" className="hint">
          {t('upload.hint')}
        </p>
        <input id="action-files" type="file" accept={ACCEPT} multiple aria-describedby="action-files-hint" disabled={progress !== null} onChange={(e) => void pick(e)} />
      </div>
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
          {failure}
        </p>
      ) : null}
    </fieldset>
  );
};
