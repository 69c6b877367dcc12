import { describe, expect, it } from 'vitest';
import { attributesOf, readAttributes } from './attributes.ts';
import { Open311Error } from './errors.ts';
import { titleFrom } from './post-request.ts';

const refused = (work: () => unknown) => {
  try {
    work();
  } catch (e) {
    expect(e).toBeInstanceOf(Open311Error);
    return (e as Open311Error).items.map((i) => i.description).join(' ');
  }
  throw new Error('not refused');
};

describe('Open311 attributes', () => {
  it('orders attributes and keeps values only on lists', () => {
    for (const kind of ['general', 'procedure', 'inspection'] as const) {
      const orders = attributesOf(kind).map((a) => a.order);
      expect([...orders].sort((a, b) => a - b)).toEqual(orders);
      for (const a of attributesOf(kind)) expect(Boolean(a.values)).toBe(a.datatype.endsWith('valuelist'));
    }
  });

  it('reads the values a client sends, privacy secret by default', () => {
    expect(readAttributes('general', {})).toEqual({ privacy: 'secret' });
    expect(readAttributes('procedure', { title: ' Trễ hẹn ', privacy: 'anonymous', dossier_code: '000.00.04.h59-261201-0001', other: 'ignored' })).toEqual({
      title: 'Trễ hẹn',
      privacy: 'anonymous',
      dossierCode: '000.00.04.H59-261201-0001',
    });
    // dossier_code belongs to procedure topics only; the notice is not an input.
    expect(readAttributes('general', { dossier_code: 'X', legal_notice: 'y' })).toEqual({ privacy: 'secret' });
  });

  it('refuses a value outside the list, two values for one, a title too long', () => {
    expect(refused(() => readAttributes('general', { privacy: 'everyone' }))).toContain('attribute[privacy]');
    expect(refused(() => readAttributes('general', { privacy: ['public', 'secret'] }))).toContain('attribute[privacy]');
    expect(refused(() => readAttributes('general', { title: 'a'.repeat(201) }))).toContain('attribute[title]');
    expect(refused(() => readAttributes('procedure', { dossier_code: 'a b' }))).toContain('attribute[dossier_code]');
  });

  it('makes a title of the first sentence, cut at a word', () => {
    expect(titleFrom('Ổ gà lớn. Xe té ngã.')).toBe('Ổ gà lớn.');
    expect(titleFrom('Dòng một\nDòng hai')).toBe('Dòng một');
    const long = titleFrom(`${'chữ '.repeat(60)}cuối`);
    expect([...long].length).toBeLessThanOrEqual(121);
    expect(long.endsWith('chữ…')).toBe(true);
  });
});
