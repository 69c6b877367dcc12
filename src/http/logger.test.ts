import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { accessLine, LazyRequestLogger } from './logger.ts';

/** A destination that keeps what is written to it. */
const capture = () => {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { stream, lines };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('accessLine', () => {
  it("writes pino's own line for the completed request: the same keys in the same order and the same values", async () => {
    const ours = capture();
    const theirs = capture();
    const write = accessLine('info', ours.stream)!;
    const reference = pino({ level: 'info' }, theirs.stream);
    const cases = [
      ['01a24bb7-cf62-7104-8e68-2db2f52cd521', 'GET', '/api/public/dossiers/017.00.00.H59-260716-0067', 200, 2.718281828],
      ['req "quoted" \\ id', 'POST', '/api/tra-cứu/"hồ sơ"\u2028', 404, 0],
    ] as const;
    for (const [reqId, method, url, statusCode, responseTime] of cases) {
      write(reqId, method, url, statusCode, responseTime);
      reference.info({ reqId, req: { method, url, id: reqId }, res: { statusCode }, responseTime }, 'request completed');
    }
    await flush();
    expect(ours.lines).toHaveLength(cases.length);
    const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');
    expect(ours.lines.map(withoutTime)).toEqual(theirs.lines.map(withoutTime));
    expect(JSON.parse(ours.lines[1]!)).toMatchObject({ level: 30, reqId: 'req "quoted" \\ id', req: { url: '/api/tra-cứu/"hồ sơ"\u2028' }, res: { statusCode: 404 } });
  });

  it('writes nothing at a level above info, and a line that stays JSON for a time that is not a number', async () => {
    expect(accessLine('warn', new PassThrough())).toBeUndefined();
    expect(accessLine('silent', new PassThrough())).toBeUndefined();
    const out = capture();
    accessLine('debug', out.stream)!('id-1', 'GET', '/', 200, Number.NaN);
    await flush();
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ reqId: 'id-1', responseTime: null });
  });
});

describe('LazyRequestLogger', () => {
  const setUp = (level: string) => {
    const out = capture();
    const parent = pino({ level }, out.stream);
    const child = vi.spyOn(parent, 'child');
    return { out, child, logger: new LazyRequestLogger(parent, { reqId: 'r-1' }, {}) };
  };

  it('makes no child logger for lines its level leaves out', async () => {
    const { out, child, logger } = setUp('info');
    logger.debug({ req: { url: '/' } }, 'incoming request');
    logger.trace('detail');
    expect(logger.level).toBe('info');
    await flush();
    expect(child).not.toHaveBeenCalled();
    expect(out.lines).toEqual([]);
  });

  it('makes the child once, on the first line written, with the request id on every line', async () => {
    const { out, child, logger } = setUp('debug');
    logger.debug('incoming request');
    logger.warn({ detail: 1 }, 'slow');
    logger.error(new Error('boom'), 'failed');
    await flush();
    expect(child).toHaveBeenCalledTimes(1);
    const lines = out.lines.map((l) => JSON.parse(l) as { reqId: string; msg: string; level: number });
    expect(lines.map((l) => [l.reqId, l.level, l.msg])).toEqual([
      ['r-1', 20, 'incoming request'],
      ['r-1', 40, 'slow'],
      ['r-1', 50, 'failed'],
    ]);
  });

  it("follows a level given for the route and a level set on it, and hands out the child's children", async () => {
    const out = capture();
    const parent = pino({ level: 'info' }, out.stream);
    const quiet = new LazyRequestLogger(parent, { reqId: 'r-2' }, { level: 'error' });
    quiet.warn('left out');
    quiet.level = 'warn';
    quiet.warn('written');
    quiet.child({ step: 'payment' }).error('nested');
    await flush();
    expect(out.lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ reqId: 'r-2', msg: 'written' }),
      expect.objectContaining({ reqId: 'r-2', step: 'payment', msg: 'nested' }),
    ]);
  });
});
