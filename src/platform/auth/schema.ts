import { z } from 'zod';
import { ROLES } from './scopes.ts';

/** The signed-in user as the web sees it. */
export const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agencyId: z.uuid().nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** What a login, a sign-up or `GET /me` answers: the bearer token (not on /me), the CSRF token, the user. */
export const SessionAnswer = z.object({
  token: z.string().describe('Bearer token; the same value is set in the httpOnly tinhso_session cookie'),
  csrfToken: z.string().describe('Send it back in the x-csrf-token header on cookie-authenticated writes'),
  user: SessionUser,
});
export type SessionAnswer = z.infer<typeof SessionAnswer>;

export const LoginBody = z.object({
  username: z.string().trim().min(1, 'Nhập tên đăng nhập').max(254),
  password: z.string().min(1, 'Nhập mật khẩu').max(1024),
});

export const MeAnswer = z.object({
  user: SessionUser,
  scopes: z.array(z.string()),
  csrfToken: z.string(),
});

export const SsoAnswer = z.object({
  enabled: z.boolean(),
  name: z.string().nullable().describe('Label for the single sign-on button, e.g. VNeID'),
});

export const PASSWORD = z
  .string()
  .min(8, 'Mật khẩu cần ít nhất 8 ký tự')
  .max(256, 'Mật khẩu tối đa 256 ký tự');

/** A right password for an account that needs a second factor: finish with `POST /api/auth/totp`. */
export const MfaAnswer = z.object({
  mfaRequired: z.literal(true),
  ticket: z.string().describe('Single use, five minutes; send it with the code to POST /api/auth/totp'),
  enrol: z
    .object({
      secret: z.string().describe('Base32 TOTP secret to add to an authenticator app'),
      otpauthUri: z.string().describe('The same secret as an otpauth:// URI (QR code)'),
    })
    .optional()
    .describe('Present when the account has no authenticator yet: the first correct code enrols this secret'),
});
export type MfaAnswer = z.infer<typeof MfaAnswer>;

export const LoginAnswer = z.union([SessionAnswer, MfaAnswer]);

export const TotpBody = z.object({
  ticket: z.string().min(1, 'Thiếu mã lượt đăng nhập').max(200),
  code: z
    .string()
    .trim()
    .min(1, 'Nhập mã xác thực')
    .max(20)
    .describe('The 6-digit code of the authenticator app, or one recovery code (xxxxx-xxxxx)'),
});

export const TotpAnswer = SessionAnswer.extend({
  recoveryCodes: z.array(z.string()).optional().describe('Only on enrolment: ten single-use recovery codes, shown once'),
});
