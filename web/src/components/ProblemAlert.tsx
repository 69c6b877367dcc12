import { useEffect, useRef } from 'react';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { vi } from '../i18n/vi.ts';
import { NETWORK_PROBLEM_TYPE, problemCode, type Problem } from '../lib/api.ts';

type ProblemAlertProps = {
  problem: Problem | null;
  /** Field errors already shown next to their fields; the others are listed here. */
  shownFields?: readonly string[];
};

/** The plain-words title of a problem: ours for the known types, else the server's own title. */
export const useProblemTitle = () => {
  const t = useT();
  return (problem: Problem) => {
    if (problem.type === NETWORK_PROBLEM_TYPE) return t('error.network');
    const key = `problem.${problemCode(problem)}`;
    return key in vi ? t(key as MessageKey) : problem.title;
  };
};

/** An error summary that takes the focus when it appears (and is announced as an alert). */
export const ProblemAlert = ({ problem, shownFields = [] }: ProblemAlertProps) => {
  const t = useT();
  const titleOf = useProblemTitle();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) box.current?.focus();
  }, [problem]);

  if (!problem) return null;
  const retryText = (seconds: number) =>
    seconds > 90 ? t('error.retryAfterMinutes', { minutes: Math.ceil(seconds / 60) }) : t('error.retryAfter', { seconds });
  const title = titleOf(problem);
  const code = problemCode(problem);
  const otherErrors = (problem.errors ?? []).filter((e) => !shownFields.includes(e.field));
  const hasFieldErrors = (problem.errors ?? []).length > otherErrors.length;
  // Our own retry line replaces the server's detail on 429, so that it is in the reader's language.
  const showDetail = problem.detail && problem.detail !== title && code !== 'validation-failed' && problem.status !== 429;
  return (
    <div ref={box} className="alert alert-error" role="alert" tabIndex={-1}>
      <p className="alert-title">{title}</p>
      {showDetail ? <p>{problem.detail}</p> : null}
      {problem.status === 429 ? <p>{retryText(problem.retryAfter ?? 60)}</p> : null}
      {hasFieldErrors ? <p>{t('error.fields')}</p> : null}
      {otherErrors.length > 0 ? (
        <ul>
          {otherErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};
