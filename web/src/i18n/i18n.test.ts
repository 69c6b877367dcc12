import { describe, expect, it } from 'vitest';
import { hasNewStyleToneMarks, normalizeText } from '../../../src/platform/text/index.ts';
import { en } from './en.ts';
import { interpolate } from './index.tsx';
import { vi } from './vi.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      const english = en[key as keyof typeof vi];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('keep Vietnamese text normalised: NFC, classic tone marks ("hòa", not "hoà"), trimmed', () => {
    for (const [key, text] of Object.entries(vi)) {
      expect(hasNewStyleToneMarks(text), key).toBe(false);
      expect(text, key).toBe(normalizeText(text));
    }
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Xin chào, {name}', { name: 'An' })).toBe('Xin chào, An');
    expect(interpolate('{a} và {b}', { a: 1 })).toBe('1 và {b}');
    expect(interpolate('không có gì')).toBe('không có gì');
  });
});
