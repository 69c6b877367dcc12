import type { FastifyLoggerOptions } from 'fastify';
import type { LoggerOptions } from 'pino';
import type { Config } from '../platform/config/index.ts';

/**
 * Logging options: request id on every line (fastify's child logger) and secrets redacted.
 * Passwords, one-time codes, tokens and ID numbers never reach the log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.code',
  '*.otp',
  '*.token',
  '*.ticket',
  '*.idNumber',
  '*.cccd',
];

export const loggerOptions = (config: Pick<Config, 'logLevel' | 'isProduction'>): FastifyLoggerOptions & LoggerOptions => ({
  level: config.logLevel,
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  serializers: {
    req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
  },
});
