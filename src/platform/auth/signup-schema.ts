import { z } from 'zod';
import { invalid } from '../http/problems.ts';
import { normalizeEmail, normalizePhone, USERNAME, USERNAME_MESSAGE } from './contact.ts';
import type { OtpChannel } from './otp.ts';
import { PASSWORD } from './schema.ts';

const destinationFields = {
  phone: z
    .string()
    .max(30)
    .refine((v) => normalizePhone(v) !== undefined, 'Số điện thoại di động không hợp lệ (0xxxxxxxxx hoặc +84xxxxxxxxx)')
    .optional()
    .describe('Số di động Việt Nam: 0xxxxxxxxx hoặc +84xxxxxxxxx'),
  email: z.string().max(254).refine((v) => normalizeEmail(v) !== undefined, 'E-mail không hợp lệ').optional(),
};

const exactlyOne = (b: { phone?: string; email?: string }) => (b.phone === undefined) !== (b.email === undefined);
const ONE_OF = { message: 'Nhập số điện thoại hoặc e-mail (một trong hai)', path: ['phone'] };

export const SignupStartBody = z.object(destinationFields).refine(exactlyOne, ONE_OF);

export const SignupStartAnswer = z.object({
  channel: z.enum(['sms', 'email']),
  sentTo: z.string().describe('Nơi nhận mã, đã che bớt'),
  expiresInSeconds: z.number().int(),
});

export const SignupVerifyBody = z
  .object({
    ...destinationFields,
    code: z.string().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số'),
    fullName: z.string().trim().min(2, 'Nhập họ và tên').max(150),
    password: PASSWORD,
    username: z.string().regex(USERNAME, USERNAME_MESSAGE).optional(),
  })
  .refine(exactlyOne, ONE_OF);

/** The channel and canonical destination a sign-up body names. */
export const destinationOf = (body: { phone?: string; email?: string }): { channel: OtpChannel; destination: string } => {
  if (body.phone !== undefined) {
    const phone = normalizePhone(body.phone);
    if (!phone) throw invalid('phone', 'Số điện thoại di động không hợp lệ');
    return { channel: 'sms', destination: phone };
  }
  const email = normalizeEmail(body.email ?? '');
  if (!email) throw invalid('email', 'E-mail không hợp lệ');
  return { channel: 'email', destination: email };
};
