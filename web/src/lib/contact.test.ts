import { describe, expect, it } from 'vitest';
import { parseContact } from './contact.ts';

describe('parseContact', () => {
  it('normalises Vietnamese mobile numbers', () => {
    expect(parseContact('0912345678')).toEqual({ phone: '0912345678' });
    expect(parseContact(' 0912 345 678 ')).toEqual({ phone: '0912345678' });
    expect(parseContact('+84 912 345 678')).toEqual({ phone: '0912345678' });
    expect(parseContact('84912345678')).toEqual({ phone: '0912345678' });
    expect(parseContact('091.234.5678')).toEqual({ phone: '0912345678' });
  });

  it('lower-cases email addresses', () => {
    expect(parseContact(' An.Nguyen@Example.VN ')).toEqual({ email: 'an.nguyen@example.vn' });
  });

  it('refuses what is neither', () => {
    expect(parseContact('')).toBeNull();
    expect(parseContact('091234567')).toBeNull();
    expect(parseContact('0212345678')).toBeNull();
    expect(parseContact('an@example')).toBeNull();
    expect(parseContact('abc')).toBeNull();
  });
});
