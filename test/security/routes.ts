import type { FastifyInstance } from 'fastify';
import type { Access, DeclaredRoute } from '../../src/platform/auth/access.ts';
import { ROLES, type Role, ROLE_SCOPES } from '../../src/platform/auth/scopes.ts';

/**
 * The routes of the running app, read from the access plugin's registry (`app.declaredRoutes`), so
 * that the authorisation matrix and the fuzz tests cover every route a module adds, with no list
 * to keep up to date here.
 */
export type ApiRoute = DeclaredRoute & { key: string; access: Access };

/** Paths that must declare who may call them (the access plugin refuses to start otherwise). */
export const isApiPath = (url: string) => /^\/(api|open311)(\/|$)/.test(url);
export const isOpen311 = (url: string) => /^\/open311(\/|$)/.test(url);
export const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** Every /api and /open311 route once (HEAD twins of GET routes left out). */
export const apiRoutes = (app: FastifyInstance): ApiRoute[] =>
  app.declaredRoutes
    .filter((r) => r.method !== 'HEAD' && isApiPath(r.url))
    .map((r) => ({ ...r, access: r.access ?? 'public', key: `${r.method} ${r.url}` }))
    .filter((r, i, all) => all.findIndex((o) => o.key === r.key) === i);

export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/** What the access layer must answer a caller, from the route's declaration and the role's scopes alone. */
export const expectedVerdict = (access: Access, caller: Caller): 'allow' | 'unauthenticated' | 'forbidden' => {
  if (access === 'public') return 'allow';
  if (caller === 'anonymous') return 'unauthenticated';
  if (access === 'authenticated') return 'allow';
  return access.anyOf.some((scope) => ROLE_SCOPES[caller].includes(scope)) ? 'allow' : 'forbidden';
};

/** The roles that pass a route's access check (every role for public and authenticated routes). */
export const rolesAllowed = (access: Access): Role[] => ROLES.filter((role) => expectedVerdict(access, role) === 'allow');

/** The names of a route's path parameters, in order (`/api/x/:id/y/:code` → ['id', 'code']). */
export const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/** The URL with each `:param` (and a trailing `*`) replaced by the URL-encoded value `valueOf` gives. */
export const fillPath = (url: string, valueOf: (name: string) => string) =>
  url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(valueOf(name))).replace(/\*$/, 'x');
