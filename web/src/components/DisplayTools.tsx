import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { readDisplayPrefs, saveDisplayPrefs, type DisplayPrefs } from '../lib/prefs.ts';
import { ReadAloud } from './ReadAloud.tsx';

/** Language switch, large text, high contrast and read-aloud: remembered on this device. */
export const DisplayTools = ({ path }: { path: string }) => {
  const { t, lang, setLang } = useI18n();
  const [prefs, setPrefs] = useState<DisplayPrefs>(readDisplayPrefs);

  const toggle = (key: keyof DisplayPrefs) => {
    const next = { ...prefs, [key]: !prefs[key] };
    saveDisplayPrefs(next);
    setPrefs(next);
  };

  return (
    <div className="tools" role="group" aria-label={t('display.label')}>
      <button type="button" className="tool" lang={t('lang.switchCode')} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
        {t('lang.switch')}
      </button>
      <button type="button" className="tool" aria-pressed={prefs.largeText} onClick={() => toggle('largeText')}>
        {t('display.largeText')}
      </button>
      <button type="button" className="tool" aria-pressed={prefs.highContrast} onClick={() => toggle('highContrast')}>
        {t('display.highContrast')}
      </button>
      <ReadAloud path={path} />
    </div>
  );
};
