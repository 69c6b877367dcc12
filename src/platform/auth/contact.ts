/**
 * Canonical forms of what identifies a person: Vietnamese mobile numbers, e-mail addresses and
 * usernames. Stored values are always canonical, so uniqueness and look-ups compare like with like.
 */

// Vietnamese mobile numbers: 10 digits after the leading 0, networks 03x, 05x, 07x, 08x, 09x.
const MOBILE = /^0[35789]\d{8}$/;

/**
 * `0912 345 678`, `+84 912.345.678`, `84912345678` → `0912345678`; anything that is not a
 * Vietnamese mobile number → undefined.
 */
export const normalizePhone = (input: string): string | undefined => {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  const local = compact.startsWith('+84') ? `0${compact.slice(3)}` : /^84\d{9}$/.test(compact) ? `0${compact.slice(2)}` : compact;
  return MOBILE.test(local) ? local : undefined;
};

// Deliberately simple: one @, no spaces, a dot in the domain. The code we send proves the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normalizeEmail = (input: string): string | undefined => {
  const email = input.trim().normalize('NFC').toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : undefined;
};

/**
 * A username chosen by a person or an administrator: starts with a letter, then letters, digits,
 * `.`, `_` or `-`, 3–50 characters. Usernames made from a phone number or an e-mail address (sign-up
 * without one) cannot clash with chosen ones, since those never start with a digit or hold an `@`.
 */
export const USERNAME = /^[a-zA-Z][a-zA-Z0-9._-]{2,49}$/;
export const USERNAME_MESSAGE = 'Tên đăng nhập gồm 3–50 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ cái';

/** Shows where a code went without repeating the whole address: `09******78`, `c***@example.vn`. */
export const maskDestination = (destination: string): string => {
  const at = destination.indexOf('@');
  if (at > 0) return `${destination.slice(0, 1)}***${destination.slice(at)}`;
  return `${destination.slice(0, 2)}${'*'.repeat(Math.max(0, destination.length - 4))}${destination.slice(-2)}`;
};
