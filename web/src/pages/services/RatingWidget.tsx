import { useRef, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { TextAreaField } from './FormControls.tsx';
import type { DossierRating } from './types.ts';
import './rating.css';

const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * The citizen's rating of a finished dossier: an optional comment, then one tap on one of five
 * levels sends it (once per dossier; a double tap sends the same rating, which the API answers
 * as the first). Afterwards it thanks and shows what was given.
 */
export const RatingWidget = ({ dossierId, rating, onRated }: { dossierId: string; rating: DossierRating | null; onRated: () => void }) => {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const busy = useRef(false);

  if (rating) {
    return (
      <section className="panel" aria-labelledby="rating-title">
        <h2 id="rating-title">{t('rating.title')}</h2>
        <p className="alert alert-success" role="status">
          {t('rating.thanks', { level: t(`rating.${rating.score as (typeof LEVELS)[number]}`), score: rating.score })}
        </p>
        {rating.comment ? <p>{t('rating.yours', { comment: rating.comment })}</p> : null}
      </section>
    );
  }

  const send = async (score: number) => {
    if (busy.current) return;
    busy.current = true;
    setSending(score);
    setProblem(null);
    try {
      await api(ENDPOINTS.dossierRating(dossierId), { method: 'POST', body: { score, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      onRated();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblem(error.problem);
    } finally {
      busy.current = false;
      setSending(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')}</h2>
      <p>{t('rating.lead')}</p>
      <ProblemAlert problem={problem} />
      <TextAreaField id="rating-comment" name="comment" label={t('rating.comment')} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <fieldset className="rating-levels">
        <legend>{t('rating.levels')}</legend>
        {LEVELS.map((score) => (
          <button
            key={score}
            type="button"
            className="button button-secondary rating-level"
            aria-disabled={sending !== null}
            onClick={() => void send(score)}
          >
            <span className="rating-face" aria-hidden="true">
              {score}
            </span>
            <span>{t(`rating.${score}`)}</span>
          </button>
        ))}
      </fieldset>
      <div role="status" aria-live="polite">
        {sending !== null ? t('rating.sending') : null}
      </div>
    </section>
  );
};
