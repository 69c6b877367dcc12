import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options`, found once by running its middleware against a response
 * that only records them. Our options hold no per-request value (no CSP nonce, no directive
 * function), so the set is the same for every answer.
 */
export const securityHeadersOf = (options: HelmetOptions): [string, string | number | readonly string[]][] => {
  const headers = new Map<string, string | number | readonly string[]>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, recorder, (error?: unknown) => (failure = error));
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return [...headers];
};

/**
 * The headers of a data answer (JSON, XML, a download): nothing in it may load, run or be framed
 * (`default-src 'none'`), no sniffing it into a page, no reading it from another site's page
 * without CORS, no referrer, HSTS in production. What only a page uses (its own CSP sources, the
 * opener and agent-cluster isolation, the old browsers' XSS and prefetch switches) is left off:
 * a public tracking answer's headers were 700 bytes for a 230-byte body.
 */
export const apiHeaderOptions = (hsts: HelmetOptions['hsts']): HelmetOptions => ({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: 'same-origin' },
  originAgentCluster: false,
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: hsts,
  xContentTypeOptions: true,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});

/** Paths whose answers are data for programs (the JSON API and Open311), never a page. */
export const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/**
 * Security headers on every answer, as helmet sets them, worked out once at start
 * (`securityHeadersOf`): running helmet's middleware chain on each request cost a twentieth of a
 * public request's CPU (and @fastify/helmet, which builds the middleware and parses the CSP again
 * per request, a tenth). Pages, health and documentation get `pageOptions`; the API's answers the
 * shorter, stricter set of `apiHeaderOptions` (a route serving a file may still set its own CSP).
 */
export const registerSecurityHeaders = (app: FastifyInstance, pageOptions: HelmetOptions) => {
  const pageHeaders = securityHeadersOf(pageOptions);
  const apiHeaders = securityHeadersOf(apiHeaderOptions(pageOptions.strictTransportSecurity ?? pageOptions.hsts));
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of isApiPath(request.url) ? apiHeaders : pageHeaders) reply.raw.setHeader(name, value);
    done();
  });
};
