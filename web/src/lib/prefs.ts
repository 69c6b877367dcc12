/**
 * The reader's display choices (language, large text, high contrast), remembered in localStorage
 * and applied as attributes on <html> so that the CSS can react before React renders anything.
 */
import type { Lang } from './format.ts';

export type DisplayPrefs = { largeText: boolean; highContrast: boolean };

const KEYS = { lang: 'tinhso.lang', largeText: 'tinhso.largeText', highContrast: 'tinhso.highContrast' } as const;

const read = (key: string): string | null => {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, policy): fall back to defaults
  }
};

const write = (key: string, value: string) => {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // not remembered, but still applied for this visit
  }
};

export const readLang = (): Lang => (read(KEYS.lang) === 'en' ? 'en' : 'vi');

export const saveLang = (lang: Lang) => write(KEYS.lang, lang);

export const readDisplayPrefs = (): DisplayPrefs => ({
  largeText: read(KEYS.largeText) === '1',
  highContrast: read(KEYS.highContrast) === '1',
});

export const applyDisplayPrefs = (prefs: DisplayPrefs) => {
  const root = document.documentElement;
  root.toggleAttribute('data-large-text', prefs.largeText);
  root.toggleAttribute('data-high-contrast', prefs.highContrast);
};

export const saveDisplayPrefs = (prefs: DisplayPrefs) => {
  write(KEYS.largeText, prefs.largeText ? '1' : '0');
  write(KEYS.highContrast, prefs.highContrast ? '1' : '0');
  applyDisplayPrefs(prefs);
};
