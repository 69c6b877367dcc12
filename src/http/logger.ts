import { hostname } from 'node:os';
import { type FastifyBaseLogger, type FastifyLoggerOptions, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type Bindings, type ChildLoggerOptions, pino, stdSerializers, type LoggerOptions } from 'pino';
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

/**
 * Where the server's log lines go: stdout through an 8 kB buffer written asynchronously, flushed
 * every second and when the app closes. A synchronous write per line cost a fifth of a public
 * request's CPU; the price is that a `kill -9` may lose the last second of log lines (never data).
 */
export const bufferedStdout = () => {
  const destination = pino.destination({ dest: 1, minLength: 8 * 1024, sync: false });
  const timer = setInterval(() => destination.flush(), 1000);
  timer.unref();
  return {
    stream: destination,
    close: () => {
      clearInterval(timer);
      // A buffer still being written cannot be flushed synchronously; the write in flight ends on its own.
      try {
        destination.flushSync();
      } catch {
        /* nothing buffered, or a write in flight */
      }
    },
  };
};

/** pino's number for a level name; a level that writes nothing ('silent') is above every line. */
const levelValue = (level: string): number => pino.levels.values[level] ?? Number.POSITIVE_INFINITY;

/**
 * The completed-request line: pino's line for `{ reqId, req: { method, url, id }, res: { statusCode },
 * responseTime }` at info ("request completed"), the same keys in the same order, built from those
 * few fields and written to the server's destination. Through pino (walking the object, the
 * nested objects stringified apart) it cost about a tenth of a public request's CPU; none of its
 * fields is one redaction or masking would touch. `undefined` when the level leaves it out.
 */
export type AccessLine = (reqId: string, method: string, path: string, statusCode: number, responseTime: number) => void;

export const accessLine = (level: string, stream: pino.DestinationStream): AccessLine | undefined => {
  if (levelValue(level) > levelValue('info')) return undefined;
  const head = '{"level":30,"time":';
  const origin = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"reqId":`;
  return (reqId, method, path, statusCode, responseTime) => {
    const id = JSON.stringify(reqId);
    const ms = Number.isFinite(responseTime) ? responseTime : null;
    stream.write(`${head}${Date.now()}${origin}${id},"req":{"method":${JSON.stringify(method)},"url":${JSON.stringify(path)},"id":${id}},"res":{"statusCode":${statusCode}},"responseTime":${ms},"msg":"request completed"}\n`);
  };
};

/**
 * A request's logger that becomes the server logger's child (the request id bound) only when it
 * writes a line at an enabled level. Most requests write none (the completed line is written
 * apart), and making the child on each (its bindings serialised through redaction) cost about
 * 2 % of a public request's CPU.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** The pino child itself, made on first use. */
  get logger(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  private line(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]): void {
    if (levelValue(level) >= levelValue(this.level)) (this.logger[level] as (...a: unknown[]) => void)(...args);
  }

  // Methods on the prototype, not arrow properties: one closure each per request cost more than the child.
  fatal(...args: unknown[]): void {
    this.line('fatal', args);
  }

  error(...args: unknown[]): void {
    this.line('error', args);
  }

  warn(...args: unknown[]): void {
    this.line('warn', args);
  }

  info(...args: unknown[]): void {
    this.line('info', args);
  }

  debug(...args: unknown[]): void {
    this.line('debug', args);
  }

  trace(...args: unknown[]): void {
    this.line('trace', args);
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/**
 * One line per request at info, when it is answered (method, path, status, duration, request id);
 * the "incoming request" line that Fastify also writes at info is kept at debug level.
 */
export class RequestLogController extends LogController {
  constructor(private readonly access?: AccessLine) {
    super();
  }

  override incomingRequest(request: FastifyRequest) {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const path = request.url.split('?')[0] ?? '';
    if (!error) return this.access?.(request.id, request.method, path, reply.statusCode, reply.elapsedTime);
    // The few fields the serializers keep, as plain objects: redaction walks what it is given, and
    // handed the request and reply themselves it cost a tenth of a public request's CPU.
    const req = { method: request.method, url: path, id: request.id };
    reply.log.error({ req, res: { statusCode: reply.statusCode }, err: error, responseTime: reply.elapsedTime }, 'request errored');
  }
}
