import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../db/pool.ts';
import { AppError, notFound } from '../http/problems.ts';
import { userForIdentity } from './oidc-account.ts';
import { relyingPartyFor, type RelyingParty } from './oidc-client.ts';
import { needsSecondFactor } from './second-factor.ts';
import { openSession, setSessionCookies } from './session-cookies.ts';
import { hashToken } from './sessions.ts';

/** Binds a sign-on to the browser that started it (defeats login CSRF); holds the state. */
export const OIDC_COOKIE = 'tinhso_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';
const LOGIN_TTL_SECONDS = 10 * 60;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const failed = (detail: string) => new AppError('bad-request', `Đăng nhập một lần không thành công: ${detail}`);

const CallbackQuery = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
  iss: z.string().max(1024).optional(),
});

/**
 * Single sign-on with OpenID Connect (authorisation code flow with PKCE). `GET /oidc/login`
 * redirects to the provider; `GET /oidc/callback` checks the answer, links or creates the user,
 * opens a session and redirects to `/`. Both answer 404 when no provider is configured.
 */
export const registerOidc = (parent: FastifyInstance) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const rp: RelyingParty | undefined = relyingPartyFor(app.config);
  const cookieOptions = { path: OIDC_COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: app.config.isProduction };
  const requireRp = () => {
    if (!rp) throw notFound('Đăng nhập một lần (OpenID Connect) chưa được cấu hình');
    return rp;
  };
  const clearLoginCookie = (reply: FastifyReply) => reply.clearCookie(OIDC_COOKIE, cookieOptions);

  app.get(
    '/oidc/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Chuyển tới nhà cung cấp định danh (VNeID, SSO của tỉnh) để đăng nhập một lần' },
    },
    async (_request, reply) => {
      const party = requireRp();
      const auth = await party.authorizationUrl().catch((error: unknown) => {
        app.log.error({ err: error }, 'OIDC discovery failed');
        throw new AppError('unavailable', 'Không kết nối được nhà cung cấp định danh, vui lòng thử lại sau.');
      });
      await app.db.query('DELETE FROM oidc_logins WHERE expires_at < now()');
      await app.db.query(
        `INSERT INTO oidc_logins (state_hash, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')`,
        [hashToken(app.config.sessionSecret, `oidc:${auth.state}`), auth.nonce, auth.codeVerifier, LOGIN_TTL_SECONDS],
      );
      reply.setCookie(OIDC_COOKIE, auth.state, { ...cookieOptions, maxAge: LOGIN_TTL_SECONDS });
      return reply.redirect(auth.url.toString(), 302);
    },
  );

  app.get(
    '/oidc/callback',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Nhà cung cấp định danh trả về đây; tạo phiên rồi chuyển về trang chủ', querystring: CallbackQuery },
    },
    async (request, reply) => {
      const party = requireRp();
      const query = request.query;
      const cookieState = request.cookies[OIDC_COOKIE];
      clearLoginCookie(reply);
      if (query.error) throw failed(`nhà cung cấp trả lời "${query.error}"`);
      if (!query.state || !cookieState || !sameText(query.state, cookieState)) throw failed('phiên đăng nhập không khớp hoặc đã hết hạn');

      const { rows } = await app.db.query<{ nonce: string; code_verifier: string }>(
        'DELETE FROM oidc_logins WHERE state_hash = $1 AND expires_at > now() RETURNING nonce, code_verifier',
        [hashToken(app.config.sessionSecret, `oidc:${query.state}`)],
      );
      const pending = rows[0];
      if (!pending) throw failed('phiên đăng nhập không khớp hoặc đã hết hạn');

      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const profile = await party
        .exchange(rawQuery, { state: query.state, nonce: pending.nonce, codeVerifier: pending.code_verifier })
        .catch((error: unknown) => {
          request.log.warn({ err: error }, 'OIDC code exchange failed');
          throw failed('không xác minh được kết quả từ nhà cung cấp định danh');
        });

      const session = await withTransaction(app.db, async (tx) => {
        const { user } = await userForIdentity(tx, request, party.issuer, profile);
        // Officials sign in with their password and authenticator code (second-factor.ts): single
        // sign-on opens no session for them, so it can never skip the second factor.
        if (needsSecondFactor(user.roles)) return null;
        return openSession(tx, app.config, request, user, 'oidc');
      });
      if (!session) {
        request.log.warn('OIDC sign-in refused for an official account: password and second factor required');
        return reply.redirect('/login?sso=staff', 302);
      }
      setSessionCookies(reply, app.config, session);
      return reply.redirect('/', 302);
    },
  );
};
