import { useState, type ChangeEvent } from 'react';
import { useProblemTitle } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ApiError } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { uploadFile } from '../../services/upload.ts';
import { FEEDBACK } from '../endpoints.ts';
import type { UploadedPhoto } from '../types.ts';
import { MAX_PHOTOS, type DraftPhoto } from './report-draft.ts';

type Props = { photos: DraftPhoto[]; error?: string; onAdd: (photo: DraftPhoto) => void; onRemove: (fileId: string) => void };

type Progress = { name: string; share: number };

/**
 * Photos of the problem: taken with the camera or chosen from the phone, each shown as a small
 * preview once uploaded. Uploads go one at a time with their progress; the server resizes them
 * and strips their location data from the copy the public sees.
 */
export const PhotoPicker = ({ photos, error, onAdd, onRemove }: Props) => {
  const { t, lang } = useI18n();
  const titleOf = useProblemTitle();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const room = MAX_PHOTOS - photos.length;

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    setFailure(null);
    if (chosen.length > room) setFailure(t('feedback.photos.tooMany', { max: formatNumber(MAX_PHOTOS, lang) }));
    for (const file of chosen.slice(0, room)) {
      setProgress({ name: file.name, share: 0 });
      try {
        const uploaded = await uploadFile<UploadedPhoto>(file, (share) => setProgress({ name: file.name, share }), undefined, FEEDBACK.photos);
        onAdd({ ...uploaded, name: file.name, previewUrl: URL.createObjectURL(file) });
      } catch (caught) {
        const reason = caught instanceof ApiError ? (caught.problem.detail ?? titleOf(caught.problem)) : t('error.network');
        setFailure(t('feedback.photos.failed', { name: file.name, reason }));
        break;
      } finally {
        setProgress(null);
      }
    }
  };

  return (
    <fieldset className={error ? 'photo-picker field-invalid' : 'photo-picker'}>
      <legend>{t('feedback.photos.legend')}</legend>
      <p className="hint" id="photos-hint">
        {t('feedback.photos.hint', { max: formatNumber(MAX_PHOTOS, lang) })}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      {photos.length > 0 ? (
        <ul className="photo-previews">
          {photos.map((photo, i) => (
            <li key={photo.fileId}>
              <img src={photo.previewUrl} alt={t('feedback.photos.preview', { n: formatNumber(i + 1, lang) })} width={96} height={96} />
              <button type="button" className="button-link" onClick={() => onRemove(photo.fileId)}>
                {t('feedback.photos.remove')}
                <span className="visually-hidden"> {t('feedback.photos.preview', { n: formatNumber(i + 1, lang) })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {room > 0 ? (
        <div className="field">
          <label htmlFor="field-photos">{photos.length > 0 ? t('feedback.photos.addMore') : t('feedback.photos.add')}</label>
          <input id="field-photos" type="file" accept="image/*" multiple aria-describedby="photos-hint" disabled={progress !== null} onChange={(e) => void pick(e)} />
        </div>
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
          {failure}
        </p>
      ) : null}
    </fieldset>
  );
};
