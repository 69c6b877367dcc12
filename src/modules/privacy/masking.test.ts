import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdentifiersIn, maskIdNumber, maskPhone } from './masking.ts';

describe('masks', () => {
  it('hide all but the first three and last two digits of an ID number', () => {
    expect(maskIdNumber('079203001234')).toBe('079*******34');
    expect(maskIdNumber('079203001234')).not.toMatch(/\d{12}/);
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber('123')).toBe('***');
  });

  it('hide the middle of a phone, national or +84', () => {
    expect(maskPhone('0912345678')).toBe('0*******78');
    expect(maskPhone('+84912345678')).toBe('+84*******78');
    expect(maskPhone('0912 345 678')).toBe('0*******78');
    expect(maskPhone(undefined)).toBeNull();
  });

  it('keep the domain of an e-mail and the commune and province of an address', () => {
    expect(maskEmail('an.nguyen@example.vn')).toBe('a*******@example.vn');
    expect(maskEmail('broken')).toBe('******');
    expect(maskAddress('Số 12 đường Trần Hưng Đạo, Phường 1, Tây Ninh')).toBe('***, Phường 1, Tây Ninh');
    expect(maskAddress('Tây Ninh')).toBe('***');
  });

  it('find and mask identifiers inside free text, leaving other numbers', () => {
    const line = 'citizen 079203001234 called from 0912345678 about dossier 000.00.02.H59-261205-0001, amount 150000';
    const masked = maskIdentifiersIn(line);
    expect(masked).not.toMatch(/079203001234|0912345678/);
    expect(masked).toContain('079*******34');
    expect(masked).toContain('0*******78');
    expect(masked).toContain('150000');
    expect(masked).toContain('261205-0001');
  });
});
