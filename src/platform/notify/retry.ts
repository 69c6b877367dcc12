/** A message that could not be delivered (after its retry), or could not be sent at all. */
export class NotifyError extends Error {
  constructor(
    readonly channel: 'email' | 'sms',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs `attempt`, and once more if it fails and `shouldRetry` allows; rethrows the last failure. */
export const withOneRetry = async <T>(attempt: () => Promise<T>, shouldRetry: (error: unknown) => boolean = () => true): Promise<T> => {
  try {
    return await attempt();
  } catch (error) {
    if (!shouldRetry(error)) throw error;
    return attempt();
  }
};
