import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/index.ts';
import type { Config } from '../config/index.ts';
import type { Queryable } from '../db/pool.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './access.ts';
import type { SessionAnswer, SessionUser } from './schema.ts';
import { isStaff } from './scopes.ts';
import { createSession, type NewSession, revokeSession, type SessionVia } from './sessions.ts';

/**
 * Opens a session for a user who has just proved who they are, in the caller's transaction, with
 * its audit entry. Any session the request came with is revoked: a login always issues a fresh
 * token, and a planted (fixated) cookie is never upgraded to the new identity.
 */
export const openSession = async (
  tx: Queryable,
  config: Config,
  request: FastifyRequest,
  user: SessionUser,
  via: SessionVia,
): Promise<NewSession> => {
  const replaced = request.principal?.sessionId ?? null;
  if (replaced) await revokeSession(tx, replaced);
  const session = await createSession(tx, {
    secret: config.sessionSecret,
    userId: user.id,
    via,
    // Staff: a short absolute lifetime and an idle limit; citizens keep the long session (README).
    ttlHours: isStaff(user.roles) ? config.signIn.staffTtlHours : config.sessionTtlHours,
    idleMinutes: isStaff(user.roles) ? config.signIn.idleMinutes : null,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
  });
  await recordAudit(tx, {
    actor: { id: user.id, name: user.username },
    action: 'session.login',
    target: { type: 'user', id: user.id },
    after: { sessionId: session.sessionId, via, ip: request.ip, replacedSessionId: replaced },
    requestId: request.id,
  });
  return session;
};

const baseCookie = (config: Config) => ({ path: '/', sameSite: 'lax' as const, secure: config.isProduction });

/**
 * The session token in an httpOnly cookie, and the CSRF token in a cookie the web app can read;
 * both expire with the session.
 */
export const setSessionCookies = (reply: FastifyReply, config: Config, session: NewSession) => {
  reply.setCookie(SESSION_COOKIE, session.token, { ...baseCookie(config), httpOnly: true, expires: session.expiresAt });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...baseCookie(config), httpOnly: false, expires: session.expiresAt });
};

export const clearSessionCookies = (reply: FastifyReply, config: Config) => {
  reply.clearCookie(SESSION_COOKIE, { ...baseCookie(config), httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, { ...baseCookie(config), httpOnly: false });
};

export const sessionAnswer = (session: NewSession, user: SessionUser): SessionAnswer => ({
  token: session.token,
  csrfToken: session.csrfToken,
  user,
});
