import { NotifyError, withOneRetry } from './retry.ts';

export type SmsMessage = { to: string; text: string };

class GatewayRefused extends Error {
  constructor(readonly status: number) {
    super(`SMS gateway answered ${status}`);
  }
}

/**
 * Sends SMS through the province's gateway: `POST <gatewayUrl>` with JSON `{ to, text }` and
 * `Authorization: Bearer <token>`. Each try gives up after `timeoutMs`. A network failure, a
 * timeout or a 5xx/429 answer is tried once more; any other refusal (4xx) is final.
 */
export const smsGatewaySender = (gatewayUrl: string, token: string | undefined, timeoutMs: number) => {
  const attempt = async (message: SmsMessage) => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    if (!res.ok) throw new GatewayRefused(res.status);
  };
  const retryable = (error: unknown) => !(error instanceof GatewayRefused) || error.status >= 500 || error.status === 429;
  return async (message: SmsMessage): Promise<void> => {
    try {
      await withOneRetry(() => attempt(message), retryable);
    } catch (error) {
      throw new NotifyError('sms', `Không gửi được SMS / SMS not sent: ${(error as Error).message}`, { cause: error });
    }
  };
};
