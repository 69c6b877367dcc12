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
 * Security headers on every answer (CSP, HSTS in production, frame and sniffing rules), as helmet
 * sets them, worked out once at start (`securityHeadersOf`): running helmet's middleware chain on
 * each request cost a twentieth of a public request's CPU (and @fastify/helmet, which builds the
 * middleware and parses the CSP again per request, a tenth).
 */
export const registerSecurityHeaders = (app: FastifyInstance, options: HelmetOptions) => {
  const headers = securityHeadersOf(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
};
