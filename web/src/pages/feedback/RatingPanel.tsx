import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api, ApiError, NETWORK_PROBLEM_TYPE, type Problem } from '../../lib/api.ts';
import { TextAreaField } from '../services/FormControls.tsx';
import { newIdempotencyKey } from '../services/idempotency.ts';
import { FEEDBACK } from './endpoints.ts';
import { ratingLabel } from './labels.ts';

const RATINGS = [5, 4, 3, 2, 1] as const;

/** A rating of at most this many stars is "unsatisfied": the report goes back to the agency. */
export const UNSATISFIED_MAX = 2;

/** What the page says once the rating is sent. */
export const RatedNotice = ({ rating }: { rating: number }) => {
  const { t } = useI18n();
  const notice = useRef<HTMLParagraphElement>(null);
  // The buttons that had the focus are gone: the notice takes it, so the reader hears the outcome.
  useEffect(() => notice.current?.focus(), []);
  return (
    <p ref={notice} tabIndex={-1} role="status" className={rating <= UNSATISFIED_MAX ? 'alert alert-warning' : 'alert alert-success'}>
      <strong>{t('feedback.rate.thanks')}</strong> {rating <= UNSATISFIED_MAX ? t('feedback.rate.reopened') : t('feedback.rate.closed', { label: ratingLabel(t, rating) })}
    </p>
  );
};

type Props = { reportId: string; onRated: (rating: number) => void };

/**
 * Asked the moment the answer arrives: five large buttons, each with its words; one tap sends the
 * rating. Who wants to say more opens "rate with a comment" (the API takes the rating and its
 * comment together, once). A low rating (1–2) sends the report back to the agency; the page
 * says so (`RatedNotice`).
 */
export const RatingPanel = ({ reportId, onRated }: Props) => {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [isSending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // One key for the rating: a double tap or a retry after a dropped answer rates once.
  const key = useRef(newIdempotencyKey());

  const send = async (rating: number, withComment?: string) => {
    if (isSending) return;
    setSending(true);
    setProblem(null);
    try {
      await api(FEEDBACK.rate(reportId), { method: 'POST', body: withComment ? { rating, comment: withComment } : { rating }, headers: { 'Idempotency-Key': key.current } });
      onRated(rating);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.problem.type !== NETWORK_PROBLEM_TYPE) key.current = newIdempotencyKey();
      setProblem(error.problem);
    } finally {
      setSending(false);
    }
  };

  const sendComment = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen !== null && comment.trim()) void send(chosen, comment.trim());
  };

  return (
    <section className="panel panel-attention" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('feedback.rate.title')}</h2>
      <p id="rating-hint">{t('feedback.rate.hint')}</p>
      <ProblemAlert problem={problem} />
      <ul className="rating-buttons" aria-describedby="rating-hint">
        {RATINGS.map((rating) => (
          <li key={rating}>
            <button type="button" className="button button-secondary" aria-disabled={isSending} onClick={() => void send(rating)}>
              <span className="rating-stars" aria-hidden="true">
                {'★'.repeat(rating)}
                {'☆'.repeat(5 - rating)}
              </span>
              <span>{ratingLabel(t, rating)}</span>
            </button>
          </li>
        ))}
      </ul>
      <details onToggle={(e) => setChosen((c) => ((e.target as HTMLDetailsElement).open ? (c ?? 5) : c))}>
        <summary>{t('feedback.rate.withComment')}</summary>
        <form noValidate onSubmit={sendComment}>
          <fieldset className="choice-list">
            <legend>{t('feedback.rate.choose')}</legend>
            {RATINGS.map((rating) => (
              <div key={rating} className="choice">
                <input id={`rate-${rating}`} type="radio" name="rating" checked={chosen === rating} onChange={() => setChosen(rating)} />
                <label htmlFor={`rate-${rating}`}>
                  <span className="choice-title">{ratingLabel(t, rating)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <TextAreaField id="rate-comment" label={t('feedback.rate.comment')} hint={t('feedback.rate.commentHint')} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
          <button type="submit" className="button" aria-disabled={isSending || !comment.trim()}>
            {t('feedback.rate.sendWithComment')}
          </button>
        </form>
      </details>
    </section>
  );
};
