import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { pickVoice, splitForSpeech } from '../lib/speech.ts';

const synth = (): SpeechSynthesis | undefined => (typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined);

/** The installed voice for the page's language; voices often arrive after the page loads. */
const useVoice = (lang: string): SpeechSynthesisVoice | undefined => {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | undefined>();
  useEffect(() => {
    const speech = synth();
    if (!speech) return undefined;
    const update = () => setVoice(pickVoice(speech.getVoices(), lang));
    update();
    speech.addEventListener('voiceschanged', update);
    return () => speech.removeEventListener('voiceschanged', update);
  }, [lang]);
  return voice;
};

/**
 * Reads the main content aloud with the browser's speech synthesis. Shown only when a voice for
 * the current language is installed (Vietnamese voices are missing on many devices).
 */
export const ReadAloud = ({ path }: { path: string }) => {
  const { t, lang } = useI18n();
  const voice = useVoice(lang);
  const [isSpeaking, setSpeaking] = useState(false);

  // Leaving the page (or the language) stops the reading.
  useEffect(() => {
    return () => synth()?.cancel();
  }, [path, lang]);
  useEffect(() => setSpeaking(false), [path, lang]);

  if (!voice) return null;

  const stop = () => {
    synth()?.cancel();
    setSpeaking(false);
  };

  const start = () => {
    const speech = synth();
    const text = document.getElementById('main')?.innerText ?? '';
    const chunks = splitForSpeech(text);
    if (!speech || chunks.length === 0) return;
    speech.cancel();
    chunks.forEach((chunk, i) => {
      const utterance = new SpeechSynthesisUtterance(chunk);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.95;
      if (i === chunks.length - 1) utterance.onend = () => setSpeaking(false);
      utterance.onerror = () => setSpeaking(false);
      speech.speak(utterance);
    });
    setSpeaking(true);
  };

  return (
    <button type="button" className="tool" onClick={isSpeaking ? stop : start}>
      {isSpeaking ? t('readAloud.stop') : t('readAloud.start')}
    </button>
  );
};
