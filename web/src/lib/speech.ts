/**
 * Read-aloud helpers around the browser's speech synthesis. Long text is cut into pieces of whole
 * sentences (or, for a very long sentence, whole words): some engines stop a single long utterance
 * after about 15 seconds.
 */
export const splitForSpeech = (text: string, maxLength = 200): string[] => {
  const sentences = text
    .split(/(?<=[.!?…:;])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const pieces = sentences.flatMap((s) => (s.length > maxLength ? s.split(' ') : [s]));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + 1 + piece.length > maxLength) {
      chunks.push(current);
      current = piece;
    } else {
      current = current ? `${current} ${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
};

/** The first installed voice for a language (`vi` matches `vi-VN` and `vi_VN`), if any. */
export const pickVoice = <V extends { lang: string }>(voices: readonly V[], lang: string): V | undefined =>
  voices.find((v) => v.lang.replace('_', '-').toLowerCase().split('-')[0] === lang.toLowerCase());
