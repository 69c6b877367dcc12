import { describe, expect, it } from 'vitest';
import { maskDestination, normalizeEmail, normalizePhone, USERNAME } from './contact.ts';

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    [' 0912 345 678 ', '0912345678'],
    ['+84 912.345.678', '0912345678'],
    ['(091) 234-5678', '0912345678'],
    ['0387-654-321', '0387654321'],
    ['0567654321', '0567654321'],
    ['0787654321', '0787654321'],
    ['0887654321', '0887654321'],
  ])('%s → %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each(['', '091234567', '09123456789', '0212345678', '+8491234567', '+1 912345678', '091234567a', '00912345678', 'abc'])(
    'rejects %j',
    (input) => expect(normalizePhone(input)).toBeUndefined(),
  );
});

describe('normalizeEmail', () => {
  it('lower-cases and trims', () => expect(normalizeEmail('  Cong.Dan@Example.VN ')).toBe('cong.dan@example.vn'));
  it.each(['', 'no-at', 'a@b', 'two@@example.vn', 'sp ace@example.vn', `${'x'.repeat(250)}@example.vn`])('rejects %j', (input) =>
    expect(normalizeEmail(input)).toBeUndefined(),
  );
});

describe('USERNAME', () => {
  it.each(['admin', 'cb.stp.1', 'nguyen_van-an', 'abc'])('accepts %s', (u) => expect(USERNAME.test(u)).toBe(true));
  it.each(['ab', '1abc', '0912345678', 'a@b.vn', 'có.dấu', 'has space', `a${'b'.repeat(50)}`])('rejects %s', (u) => expect(USERNAME.test(u)).toBe(false));
});

describe('maskDestination', () => {
  it('hides the middle of a phone number and the local part of an e-mail', () => {
    expect(maskDestination('0912345678')).toBe('09******78');
    expect(maskDestination('congdan@example.vn')).toBe('c***@example.vn');
  });
});
