import { describe, expect, it } from 'vitest';
import { AppError } from '../http/problems.ts';
import { checkPasswordPolicy, passwordProblems } from './password-policy.ts';

const citizen = { roles: ['citizen'], username: 'nguyenvanan', phone: '+84912000001', email: 'an.nguyen@example.vn' };
const officer = { roles: ['officer'], username: 'cb.stp.9' };

describe('password policy', () => {
  it('asks 8 characters of citizens and 12 of staff', () => {
    expect(passwordProblems('ngay-moi-7', citizen)).toEqual([]);
    expect(passwordProblems('ngan-7', citizen)).toEqual([expect.stringContaining('8 ký tự')]);
    expect(passwordProblems('ngay-moi-7', officer)).toEqual([expect.stringContaining('12 ký tự')]);
    expect(passwordProblems('song-dai-hon-12', officer)).toEqual([]);
    expect(passwordProblems('ngay-moi-7', { roles: ['citizen', 'party_member'] })).toEqual([expect.stringContaining('12 ký tự')]);
  });

  it('refuses the username, the phone in any spelling, or the e-mail', () => {
    expect(passwordProblems('NguyenVanAn', citizen)).toEqual([expect.stringContaining('trùng tên đăng nhập')]);
    for (const phone of ['0912000001', '+84912000001', '0912 000 001', '84912000001']) {
      expect(passwordProblems(phone, citizen), phone).toEqual([expect.stringContaining('số điện thoại')]);
    }
    expect(passwordProblems('an.nguyen@example.vn', citizen)).toEqual([expect.stringContaining('e-mail')]);
  });

  it('refuses common passwords, whatever the case, spaces or diacritics', () => {
    for (const p of ['12345678', 'Password123', 'Mật Khẩu 123', 'demo1234', 'QWERTY123']) {
      expect(passwordProblems(p, citizen), p).toEqual([expect.stringContaining('phổ biến')]);
    }
  });

  it('throws 400 weak-password with field errors', () => {
    try {
      checkPasswordPolicy('short', officer, 'next');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('weak-password');
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).extra.errors).toEqual([{ field: 'next', message: expect.stringContaining('12 ký tự') }]);
    }
  });
});
