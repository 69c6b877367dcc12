import type { Config } from '../config/index.ts';
import { type EmailMessage, smtpSender } from './email.ts';
import { NotifyError } from './retry.ts';
import { type SmsMessage, smsGatewaySender } from './sms.ts';

export { NotifyError } from './retry.ts';
export type { EmailMessage } from './email.ts';
export type { SmsMessage } from './sms.ts';

/**
 * How the platform reaches people: e-mail over SMTP (`SMTP_URL`, `MAIL_FROM`) and SMS through the
 * province's HTTP gateway (`SMS_GATEWAY_URL`, `SMS_GATEWAY_TOKEN`). Outside production a channel
 * with nothing configured writes the whole message to the server log instead (so a developer can
 * read a one-time code there); in production such a channel refuses, and never logs the text.
 */
export type Notifier = {
  /** `transport`: delivered; `log`: written to the log (development, test); `none`: cannot send. */
  readonly channels: { email: 'transport' | 'log' | 'none'; sms: 'transport' | 'log' | 'none' };
  sendEmail: (message: EmailMessage) => Promise<void>;
  sendSms: (message: SmsMessage) => Promise<void>;
};

/** The part of a pino/fastify logger the notifier writes to. */
export type NotifyLog = {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
};

declare module 'fastify' {
  interface FastifyInstance {
    notifier: Notifier;
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;

type NotifierConfig = Pick<Config, 'mail' | 'sms' | 'isProduction'>;

export const notifierFor = (config: NotifierConfig, log: NotifyLog, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}): Notifier => {
  const fallback = config.isProduction ? 'none' : 'log';
  const channels = {
    email: config.mail.smtpUrl ? 'transport' : fallback,
    sms: config.sms.gatewayUrl ? 'transport' : fallback,
  } as const;

  const unsent = (channel: 'email' | 'sms', message: { to: string; subject?: string; text: string }) => {
    if (channels[channel] === 'log') {
      log.info({ notification: { channel, ...message } }, `${channel} not sent (no transport configured); logged instead`);
      return;
    }
    log.warn({ notification: { channel } }, `${channel} not sent: no transport configured`);
    throw new NotifyError(channel, `Chưa cấu hình kênh gửi ${channel} / no ${channel} transport configured`);
  };

  const email = config.mail.smtpUrl ? smtpSender(config.mail.smtpUrl, config.mail.from, timeoutMs) : undefined;
  const sms = config.sms.gatewayUrl ? smsGatewaySender(config.sms.gatewayUrl, config.sms.token, timeoutMs) : undefined;

  return {
    channels,
    sendEmail: async (message) => (email ? email(message) : unsent('email', message)),
    sendSms: async (message) => (sms ? sms(message) : unsent('sms', message)),
  };
};
