import { readFile } from 'node:fs/promises';

/**
 * The machine's busy CPU time (user, nice, system, irq, softirq; not idle, I/O wait or steal), in
 * ms, from Linux's /proc/stat; null elsewhere. Two readings around a load give the CPU the whole
 * machine spent on it (server, PostgreSQL, jobs and the load generator), which drifts far less
 * between runs than the throughput it bounds.
 */
export const machineBusyMs = async (): Promise<number | null> => {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => null);
  const fields = stat?.split('\n', 1)[0]?.trim().split(/\s+/);
  if (fields?.[0] !== 'cpu') return null;
  const [user, nice, system, , , irq, softirq] = fields.slice(1).map(Number);
  const ticks = [user, nice, system, irq, softirq].reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
};

/** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_S = 100;
