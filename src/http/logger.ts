import type { FastifyLoggerOptions } from 'fastify';
import { stdSerializers, type LoggerOptions } from 'pino';
import { maskIdentifiersIn } from '../modules/privacy/masking.ts';
import type { Config } from '../platform/config/index.ts';

/**
 * Logging options: request id on every line (fastify's child logger) and secrets redacted.
 * Passwords, one-time codes, tokens and ID numbers never reach the log; phones and e-mails in known
 * fields are redacted and ID numbers or phones quoted in a message are masked (modules/privacy/masking.ts).
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
  '*.id_number',
  '*.phone',
  '*.email',
  '*.SoDinhDanh',
  '*.SoDienThoai',
];

/** Errors as pino writes them, with ID numbers and phones masked in their text (a database error's detail quotes the value). */
const maskedError = (error: Error) => {
  const out = stdSerializers.err(error) as ReturnType<typeof stdSerializers.err> & Record<string, unknown>;
  for (const key of ['message', 'stack', 'detail']) if (typeof out[key] === 'string') out[key] = maskIdentifiersIn(out[key]);
  return out;
};

export const loggerOptions = (config: Pick<Config, 'logLevel' | 'isProduction'>): FastifyLoggerOptions & LoggerOptions => ({
  level: config.logLevel,
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  // Free text (messages, error strings) may still quote an ID number or a phone: masked, never whole.
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((a) => (typeof a === 'string' ? maskIdentifiersIn(a) : a)) as Parameters<typeof method>);
    },
  },
  serializers: {
    err: maskedError,
    req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
  },
});
