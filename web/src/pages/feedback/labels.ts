import type { MessageKey, Translate } from '../../i18n/index.tsx';
import { vi } from '../../i18n/vi.ts';

/** Labels of the feedback screens, from the dictionaries (the API's Vietnamese label as a fallback). */
const known = (key: string): key is MessageKey => key in vi;

export const stateLabel = (t: Translate, state: string, fallback?: string): string => {
  const key = `feedback.state.${state}`;
  return known(key) ? t(key) : (fallback ?? state);
};

export const actionLabel = (t: Translate, action: string, fallback?: string): string => {
  const key = `feedback.action.${action}`;
  return known(key) ? t(key) : (fallback ?? action);
};

/** "Rất hài lòng" for 5 … "Rất không hài lòng" for 1. */
export const ratingLabel = (t: Translate, rating: number): string => {
  const key = `feedback.rating.${rating}`;
  return known(key) ? t(key) : String(rating);
};

/** The tone of a state, shared with the dossiers' badges: waiting, moving, done or ended. */
export const toneOf = (state: string): 'waiting' | 'moving' | 'done' | 'ended' => {
  if (state === 'submitted') return 'waiting';
  if (state === 'answered' || state === 'closed') return 'done';
  if (state === 'rejected' || state === 'merged' || state === 'transferred') return 'ended';
  return 'moving';
};
