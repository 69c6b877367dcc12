import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/problems.ts';
import type { Db } from '../db/pool.ts';
import { type Principal, resolveSession } from './sessions.ts';
import type { Scope } from './scopes.ts';

/**
 * Every API route declares who may call it in its route config:
 *   config: { access: 'public' }                  anyone, no session needed
 *   config: { access: 'authenticated' }           any signed-in user
 *   config: { access: { anyOf: ['org.write'] } }  a user holding one of these scopes
 * A route under /api or /open311 without a declaration stops the server at start-up.
 * The check runs before body parsing and validation, so a refused caller gets 401/403, never 400.
 */
export type Access = 'public' | 'authenticated' | { anyOf: readonly Scope[] };

/** One route as registered, with what it declared: the authorisation matrix and the fuzz tests walk these. */
export type DeclaredRoute = { method: string; url: string; access: Access | undefined; schema: FastifySchema | undefined };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route of the app in registration order (HEAD twins included). */
    declaredRoutes: DeclaredRoute[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    authVia: 'cookie' | 'bearer' | null;
  }
}

export const SESSION_COOKIE = 'tinhso_session';
export const CSRF_COOKIE = 'tinhso_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const DECLARATION_REQUIRED = /^\/(api|open311)(\/|$)/;

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const bearerOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
};

export const requirePrincipal = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
};

export const hasScope = (principal: Principal | null, scope: Scope) => principal?.scopes.has(scope) ?? false;

type AccessOptions = { db: Db; secret: string };

const accessPlugin = async (app: FastifyInstance, { db, secret }: AccessOptions) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('authVia', null);

  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    if (route.config?.access) return;
    if (DECLARATION_REQUIRED.test(route.url)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
  });

  /** What a request with a token (or to a route that needs one) must pass; throws to refuse it. */
  const check = async (request: FastifyRequest, access: Access, bearer: string | undefined, token: string | undefined) => {
    if (token) {
      request.principal = await resolveSession(db, secret, token);
      request.authVia = request.principal ? (bearer ? 'bearer' : 'cookie') : null;
      if (bearer && !request.principal && access !== 'public') {
        throw new AppError('unauthenticated', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn / invalid or expired token');
      }
    }
    if (access === 'public') return;
    const principal = requirePrincipal(request);
    if (typeof access === 'object' && !access.anyOf.some((s) => principal.scopes.has(s))) {
      // `requiredScopes` tells a client (and the authorisation matrix test) that the route's declaration refused.
      throw new AppError('forbidden', `Cần một trong các quyền: ${access.anyOf.join(', ')}`, { requiredScopes: access.anyOf });
    }
    // Cookie-authenticated writes must echo the session's CSRF token; bearer clients need not.
    if (request.authVia === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, principal.csrfToken)) throw new AppError('csrf-failed');
    }
  };

  // A callback hook: a public route called without a token (the public tracking page, the
  // catalogue) passes at once, without the promise an async hook costs every request.
  app.addHook('onRequest', (request, _reply, done) => {
    const access = request.routeOptions.config?.access ?? 'public';
    const bearer = bearerOf(request);
    const token = bearer ?? request.cookies?.[SESSION_COOKIE];
    if (!token && access === 'public') return done();
    check(request, access, bearer, token).then(() => done(), done);
  });
};

export const access = fp(accessPlugin, { name: 'tinhso-access', dependencies: ['@fastify/cookie'] });

/** The caller as an audit actor: the signed-in user, or 'anonymous'. */
export const auditActorOf = (request: FastifyRequest) =>
  request.principal ? { id: request.principal.userId, name: request.principal.username } : { id: null, name: 'anonymous' };
