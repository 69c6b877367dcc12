import nodemailer from 'nodemailer';
import { NotifyError, withOneRetry } from './retry.ts';

export type EmailMessage = { to: string; subject: string; text: string };

/**
 * Sends e-mail through the SMTP server named by a URL (`smtp://user:pass@host:587`,
 * `smtps://host:465`). Each try gives up after `timeoutMs`; a failed send is tried once more.
 */
export const smtpSender = (smtpUrl: string, from: string, timeoutMs: number) => {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return async (message: EmailMessage): Promise<void> => {
    try {
      await withOneRetry(() => transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text }));
    } catch (error) {
      throw new NotifyError('email', `Không gửi được e-mail / e-mail not sent: ${(error as Error).message}`, { cause: error });
    }
  };
};
