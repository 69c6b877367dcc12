import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../lib/format.ts';
import { readLang, saveLang } from '../lib/prefs.ts';
import { vi, type MessageKey, type Messages } from './vi.ts';

/**
 * A tiny i18n: Vietnamese is bundled with the shell; English is a separate chunk fetched on the
 * first switch. `t('key', { name })` fills `{name}` placeholders.
 */
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const interpolate = (text: string, params?: Params): string =>
  params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;

const loadMessages = async (lang: Lang): Promise<Messages> => (lang === 'en' ? (await import('./en.ts')).en : vi);

type I18n = { lang: Lang; t: Translate; setLang: (lang: Lang) => void };

const I18nContext = createContext<I18n | null>(null);

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [lang, setLangState] = useState<Lang>(readLang);
  const [messages, setMessages] = useState<Messages>(vi);

  useEffect(() => {
    let isCurrent = true;
    loadMessages(lang)
      .then((loaded) => {
        if (!isCurrent) return;
        setMessages(loaded);
        document.documentElement.lang = lang;
      })
      .catch(() => undefined); // offline before the English chunk was cached: stay in Vietnamese
    return () => {
      isCurrent = false;
    };
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const shown: Lang = messages === vi ? 'vi' : 'en';
    return { lang: shown, setLang, t: (key, params) => interpolate(messages[key], params) };
  }, [messages, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const useI18n = (): I18n => {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
};

/** The translate function of the current language. */
export const useT = (): Translate => useI18n().t;

export type { MessageKey };
