import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarCommands } from './cli.ts';

const run = async (line: string) => {
  const [, sub, ...args] = line.split(' ');
  const command = calendarCommands.find((c) => c.name === `calendar ${sub}`)!;
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
  const code = await command.run(args);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

afterEach(() => vi.restoreAllMocks());

describe('tinhso calendar', () => {
  it.each([
    ['calendar lunar 2026-02-17', '1/1/2026'],
    ['calendar lunar 2025-07-25', '1/6n/2025'],
    ['calendar lunar 2007-02-17', '1/1/2007'],
    ['calendar solar 2026 1 1', '2026-02-17'],
    ['calendar solar 2025 6 1 --leap', '2025-07-25'],
    ['calendar solar 2025 6 1', '2025-06-25'],
    ['calendar tet 2026', '2026-02-17'],
    ['calendar tet 1985', '1985-01-21'],
    ['calendar add 2026-02-13 1', '2026-02-23'],
    ['calendar add 2026-08-28 1', '2026-09-03'],
  ])('%s prints %s', async (line, expected) => {
    const r = await run(line);
    expect(r).toEqual({ code: 0, out: expected, err: '' });
  });

  it.each([
    ['calendar lunar 2026-02-30', /2026-02-30/],
    ['calendar solar 2026 2 30', /29/],
    ['calendar solar 2026 3 1 --leap', /nhuận|leap/i],
    ['calendar tet 2200', /1900–2100/],
    ['calendar add 2026-02-13 x', /N/],
    ['calendar lunar', /YYYY-MM-DD/],
  ])('%s exits 2 with the reason', async (line, reason) => {
    const r = await run(line);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(reason);
  });
});
