import { setTimeout as sleep } from 'node:timers/promises';
import type { JobLog } from './registry.ts';

/** A logger that keeps what it is told, for assertions. */
export const memoryLog = (): JobLog & { lines: { level: string; msg: string; obj: object }[] } => {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
};

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export const waitFor = async <T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** Fast settings for tests: immediate retries, quick polling. */
export const FAST_JOBS = { pollingIntervalSeconds: 0.5, relayIntervalMs: 100 } as const;
export const FAST_RETRIES = { retryDelay: 0, retryBackoff: false } as const;
