/**
 * A sign-up contact typed in one box: a Vietnamese mobile number (`0912 345 678`, `+84912345678`
 * → `0912345678`) or an email address (lower-cased). Anything else is null.
 */
export type Contact = { phone: string } | { email: string };

const MOBILE = /^0[35789]\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const parseContact = (input: string): Contact | null => {
  const text = input.trim();
  if (text.includes('@')) return EMAIL.test(text) ? { email: text.toLowerCase() } : null;
  const digits = text.replace(/[\s.()-]/g, '').replace(/^\+?84(?=\d{9}$)/, '0');
  return MOBILE.test(digits) ? { phone: digits } : null;
};

export const contactText = (contact: Contact): string => ('phone' in contact ? contact.phone : contact.email);
