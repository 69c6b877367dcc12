import { AppError } from '../http/problems.ts';
import { foldDiacritics } from '../text/index.ts';
import { isStaff } from './scopes.ts';

/**
 * The password policy, applied whenever a password is set (sign-up, account creation, password
 * change) — never at login, so the seeded demo accounts keep `demo1234`. At least 8 characters
 * for citizens and 12 for staff (any other role), not the account's username, phone or e-mail, and
 * not one of the passwords people pick first.
 */
export const MIN_CITIZEN = 8;
export const MIN_STAFF = 12;

/** Case, diacritics and spaces do not make a password different ("Mật Khẩu 123" is "matkhau123"). */
const foldVietnamese = (s: string) => foldDiacritics(s).replace(/\s+/g, '');

/** Common choices (and Vietnamese ones), compared after folding case, diacritics and spaces. */
const COMMON = new Set([
  '12345678', '123456789', '1234567890', '123456789012', '87654321', '11111111', '00000000', '12341234', '11223344',
  'password', 'password1', 'password123', 'passw0rd', 'qwertyui', 'qwerty123', 'qwertyuiop', 'abc12345', 'abcd1234',
  'iloveyou', 'admin123', 'administrator', 'welcome1', 'letmein1', 'sunshine', 'princess', 'football', 'baseball',
  'demo1234', 'matkhau', 'matkhau123', 'matkhau1234', 'matkhaumoi', 'anhyeuem', 'emyeuanh', 'vietnam1', 'vietnam123',
  'hanoi123', 'saigon123', 'tinhso123', 'tinhso2026', 'congdan123', 'canbo123', 'motcua123', 'tayninh123',
]);

export type PasswordOwner = { roles: readonly string[]; username?: string | null; phone?: string | null; email?: string | null };

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** The reasons a password breaks the policy, in Vietnamese (empty when it passes). */
export const passwordProblems = (password: string, owner: PasswordOwner): string[] => {
  const problems: string[] = [];
  const min = isStaff(owner.roles) ? MIN_STAFF : MIN_CITIZEN;
  if ([...password].length < min) problems.push(`Mật khẩu cần ít nhất ${min} ký tự${min === MIN_STAFF ? ' đối với tài khoản cán bộ, quản trị' : ''}`);
  const folded = foldVietnamese(password);
  if (COMMON.has(folded)) problems.push('Mật khẩu quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác');
  const personal = [owner.username, owner.email, owner.email?.split('@')[0]].filter((v): v is string => Boolean(v && v.length >= 3)).map(foldVietnamese);
  const phoneDigits = owner.phone ? digitsOf(owner.phone) : '';
  const passwordDigits = digitsOf(password);
  // The phone in any spelling (0912…, +84912…, with spaces or dots): the same last nine digits and nothing else.
  const samePhone = phoneDigits.length >= 9 && passwordDigits.length >= 9 && passwordDigits.slice(-9) === phoneDigits.slice(-9) && password.replace(/[\s+.-]/g, '') === passwordDigits;
  if (personal.includes(folded) || samePhone) problems.push('Mật khẩu không được trùng tên đăng nhập, số điện thoại hoặc e-mail');
  return problems;
};

/** Throws 400 `weak-password` naming the `field` when the password breaks the policy. */
export const checkPasswordPolicy = (password: string, owner: PasswordOwner, field = 'password') => {
  const problems = passwordProblems(password, owner);
  if (problems.length === 0) return;
  throw new AppError('weak-password', problems.join('. '), { errors: problems.map((message) => ({ field, message })) });
};
