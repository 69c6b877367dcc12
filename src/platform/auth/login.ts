import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withTransaction, type Queryable } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { normalizeEmail, normalizePhone } from './contact.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { attemptKeys, releaseAttempt, reserveAttempt, signInLimit } from './rate-limit.ts';
import { LoginAnswer, LoginBody, type SessionUser } from './schema.ts';
import { isRole } from './scopes.ts';
import { needsSecondFactor, startSecondFactor } from './second-factor.ts';
import { openSession, sessionAnswer, setSessionCookies } from './session-cookies.ts';

type LoginUserRow = {
  id: string;
  username: string;
  full_name: string;
  roles: string[];
  agency_id: string | null;
  password_hash: string | null;
  disabled_at: Date | null;
  totp_enrolled: boolean;
};

export const toSessionUser = (row: Pick<LoginUserRow, 'id' | 'username' | 'full_name' | 'roles' | 'agency_id'>): SessionUser => ({
  id: row.id,
  username: row.username,
  fullName: row.full_name,
  roles: row.roles.filter(isRole),
  agencyId: row.agency_id,
});

/** Finds the account a login names: by username, or by the phone number or e-mail it holds. */
const findLoginUser = async (db: Queryable, identifier: string): Promise<LoginUserRow | undefined> => {
  const phone = normalizePhone(identifier) ?? null;
  const email = identifier.includes('@') ? (normalizeEmail(identifier) ?? null) : null;
  const { rows } = await db.query<LoginUserRow>(
    `SELECT id, username, full_name, roles, agency_id, password_hash, disabled_at, totp_secret IS NOT NULL AS totp_enrolled
       FROM users
      WHERE username = $1 OR ($2::text IS NOT NULL AND phone = $2) OR ($3::citext IS NOT NULL AND email = $3)
      ORDER BY (username = $1) DESC
      LIMIT 1`,
    [identifier, phone, email],
  );
  return rows[0];
};

/**
 * `POST /login`. A wrong password and an unknown user get the same answer after the same work
 * (an argon2 verification either way). Failures count towards the per-account and per-address
 * lockout; a success hands its attempt back and clears the account's count. Staff accounts answer
 * `{ mfaRequired, ticket }` instead of a session: their right password hands its attempt back but
 * leaves the count, which only a correct second factor clears (second-factor.ts).
 */
export const registerLogin = (parent: FastifyInstance) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng tên đăng nhập (hoặc số điện thoại, e-mail) và mật khẩu',
        body: LoginBody,
        response: { 200: LoginAnswer },
      },
    },
    async (request, reply) => {
      const { username: identifier, password } = request.body;
      const user = await findLoginUser(app.db, identifier);
      // Keyed by the account when it exists, so every spelling of it (username, phone, e-mail) shares one count.
      const subjectKey = user ? `user:${user.id}` : `name:${identifier}`;
      const keys = attemptKeys('login', subjectKey, request.ip, app.config.rateLimitAllow);
      const reservation = await reserveAttempt(app.db, keys, signInLimit(app.config.signIn));

      const passwordOk = user?.password_hash ? await verifyPassword(user.password_hash, password) : (await burnPasswordCheck(password), false);
      if (!user || !passwordOk) {
        request.log.warn({ event: 'login-failed', known: Boolean(user) }, 'login failed');
        throw new AppError('invalid-credentials');
      }
      if (user.disabled_at) {
        // Said only to someone who knows the password; the attempt stays counted.
        throw new AppError('invalid-credentials', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị hệ thống.');
      }

      if (needsSecondFactor(user.roles)) {
        return withTransaction(app.db, async (tx) => {
          const answer = await startSecondFactor(tx, app.config, { id: user.id, username: user.username, totpEnrolled: user.totp_enrolled });
          await releaseAttempt(tx, reservation);
          return answer;
        });
      }
      const sessionUser = toSessionUser(user);
      const session = await withTransaction(app.db, async (tx) => {
        const opened = await openSession(tx, app.config, request, sessionUser, 'password');
        await releaseAttempt(tx, reservation, [keys[0]!]);
        return opened;
      });
      setSessionCookies(reply, app.config, session);
      return sessionAnswer(session, sessionUser);
    },
  );
};
