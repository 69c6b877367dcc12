import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { NotifyError } from '../notify/index.ts';
import { maskDestination } from './contact.ts';
import { toSessionUser } from './login.ts';
import { issueOtp, newOtpCode, OTP_TTL_SECONDS, type OtpChannel, takeOtp } from './otp.ts';
import { hashPassword } from './passwords.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { attemptKeys, releaseAttempt, reserveAttempt } from './rate-limit.ts';
import { SessionAnswer } from './schema.ts';
import { openSession, sessionAnswer, setSessionCookies } from './session-cookies.ts';
import { destinationOf, SignupStartAnswer, SignupStartBody, SignupVerifyBody } from './signup-schema.ts';
import { auditableUser, insertUser } from './user-store.ts';
import { claimAccount, findClaimableAccount } from './walk-in.ts';

const codeMessage = (code: string) =>
  `Tỉnh số: mã xác thực đăng ký tài khoản của bạn là ${code}. Mã có hiệu lực trong ${OTP_TTL_SECONDS / 60} phút. ` +
  'Không chia sẻ mã này với bất kỳ ai.';

const takenMessage = (channel: OtpChannel) =>
  `Tỉnh số: có yêu cầu đăng ký tài khoản mới bằng ${channel === 'sms' ? 'số điện thoại' : 'địa chỉ e-mail'} này, ` +
  'nhưng nó đã gắn với một tài khoản. Nếu là bạn, hãy đăng nhập bằng tài khoản hiện có; nếu không, hãy bỏ qua tin này.';

const isTaken = async (app: FastifyInstance, channel: OtpChannel, destination: string) => {
  const column = channel === 'sms' ? 'phone' : 'email';
  const { rowCount } = await app.db.query(`SELECT 1 FROM users WHERE ${column} = $1`, [destination]);
  return (rowCount ?? 0) > 0;
};

const deliver = async (app: FastifyInstance, channel: OtpChannel, to: string, text: string) => {
  try {
    if (channel === 'sms') await app.notifier.sendSms({ to, text });
    else await app.notifier.sendEmail({ to, subject: 'Mã xác thực đăng ký tài khoản Tỉnh số', text });
  } catch (error) {
    if (error instanceof NotifyError) throw new AppError('unavailable', 'Chưa gửi được mã xác thực, vui lòng thử lại sau ít phút.');
    throw error;
  }
};

/**
 * Citizen sign-up with a one-time code. `start` answers 202 with the same body whether or not the
 * phone/e-mail already has an account (no account enumeration): a free destination gets a code,
 * a taken one gets a notice instead and no code, so `verify` can never succeed for it.
 */
export const registerSignup = (parent: FastifyInstance) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/signup/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Bắt đầu đăng ký tài khoản công dân: gửi mã xác thực qua SMS hoặc e-mail',
        body: SignupStartBody,
        response: { 202: SignupStartAnswer },
      },
    },
    async (request, reply) => {
      const { channel, destination } = destinationOf(request.body);
      if (app.notifier.channels[channel] === 'none') {
        throw new AppError('unavailable', channel === 'sms' ? 'Hệ thống chưa gửi được SMS; hãy đăng ký bằng e-mail.' : 'Hệ thống chưa gửi được e-mail; hãy đăng ký bằng số điện thoại.');
      }
      // Every send counts (no hand-back): this also caps messages to one destination.
      await reserveAttempt(app.db, attemptKeys('otp-send', destination, request.ip, app.config.rateLimitAllow));
      // A walk-in account opened at the counter (walk-in.ts) is claimed by signing up with its contact.
      if ((await isTaken(app, channel, destination)) && !(await findClaimableAccount(app.db, channel, destination))) {
        await deliver(app, channel, destination, takenMessage(channel));
      } else {
        const code = newOtpCode();
        await withTransaction(app.db, async (tx) => {
          const otp = await issueOtp(tx, app.config.sessionSecret, { purpose: 'signup', channel, destination, code });
          await recordAudit(tx, {
            actor: { id: null, name: 'anonymous' },
            action: 'otp.issue',
            target: { type: 'otp', id: otp.id },
            after: { purpose: 'signup', channel },
            requestId: request.id,
          });
        });
        await deliver(app, channel, destination, codeMessage(code));
      }
      return reply.code(202).send({ channel, sentTo: maskDestination(destination), expiresInSeconds: OTP_TTL_SECONDS });
    },
  );

  app.post(
    '/signup/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Hoàn tất đăng ký bằng mã xác thực; tạo tài khoản công dân và đăng nhập',
        body: SignupVerifyBody,
        response: { 201: SessionAnswer },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { channel, destination } = destinationOf(body);
      checkPasswordPolicy(body.password, { roles: ['citizen'], username: body.username ?? destination, [channel === 'sms' ? 'phone' : 'email']: destination });
      const reservation = await reserveAttempt(app.db, attemptKeys('otp-verify', destination, request.ip, app.config.rateLimitAllow));
      const passwordHash = await hashPassword(body.password);

      const outcome = await withTransaction(app.db, async (tx) => {
        const check = await takeOtp(tx, app.config.sessionSecret, { purpose: 'signup', destination, code: body.code });
        if (check !== 'ok') return undefined; // commits the used-up try
        // Without a chosen username, the phone number or e-mail is the username.
        const username = body.username ?? destination;
        const walkIn = await findClaimableAccount(tx, channel, destination);
        const user = walkIn
          ? await claimAccount(tx, walkIn.id, { username, passwordHash })
          : await insertUser(tx, {
              username,
              fullName: body.fullName,
              roles: ['citizen'],
              passwordHash,
              ...(channel === 'sms' ? { phone: destination } : { email: destination }),
            });
        await recordAudit(tx, {
          actor: { id: user.id, name: user.username },
          action: walkIn ? 'user.walk-in.claim' : 'user.signup',
          target: { type: 'user', id: user.id },
          after: { ...auditableUser(user), via: channel },
          requestId: request.id,
        });
        const sessionUser = toSessionUser(user);
        const session = await openSession(tx, app.config, request, sessionUser, 'otp');
        await releaseAttempt(tx, reservation);
        return { session, sessionUser };
      });
      if (!outcome) throw new AppError('invalid-code');
      setSessionCookies(reply, app.config, outcome.session);
      return reply.code(201).send(sessionAnswer(outcome.session, outcome.sessionUser));
    },
  );
};
