import { describe, expect, it } from 'vitest';
import { pickVoice, splitForSpeech } from './speech.ts';

describe('splitForSpeech', () => {
  it('keeps short text whole and joins sentences up to the limit', () => {
    expect(splitForSpeech('Xin chào.  Đây là Tỉnh số.')).toEqual(['Xin chào. Đây là Tỉnh số.']);
    expect(splitForSpeech('Câu một. Câu hai. Câu ba.', 18)).toEqual(['Câu một. Câu hai.', 'Câu ba.']);
  });

  it('cuts a sentence longer than the limit between words, never inside one', () => {
    const long = Array.from({ length: 30 }, (_, i) => `từ${i}`).join(' ');
    const chunks = splitForSpeech(long, 40);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(40);
    expect(chunks.join(' ')).toBe(long);
  });

  it('treats line breaks as boundaries and drops empty lines', () => {
    expect(splitForSpeech('Tiêu đề\n\nNội dung', 7)).toEqual(['Tiêu đề', 'Nội', 'dung']);
  });
});

describe('pickVoice', () => {
  const voices = [{ lang: 'en-US', name: 'a' }, { lang: 'vi_VN', name: 'b' }, { lang: 'vi-VN', name: 'c' }];
  it('finds the first voice of the language whatever the separator', () => {
    expect(pickVoice(voices, 'vi')?.name).toBe('b');
    expect(pickVoice(voices, 'en')?.name).toBe('a');
    expect(pickVoice(voices, 'fr')).toBeUndefined();
  });
});
