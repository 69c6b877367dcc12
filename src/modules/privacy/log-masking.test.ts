import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../http/logger.ts';

const ID_NUMBER = '079203001234';
const PHONE = '0912345678';

const capture = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  const { hooks, redact, serializers } = loggerOptions({ logLevel: 'info', isProduction: true });
  const log = pino({ level: 'info', hooks, redact, serializers }, stream);
  return { log, text: () => text };
};

describe("the server's log lines", () => {
  it('never hold a whole 12-digit ID number or phone, in fields, messages or errors', () => {
    const { log, text } = capture();
    log.info({ body: { idNumber: ID_NUMBER, phone: PHONE, email: 'an@example.vn' }, citizen: { id_number: ID_NUMBER } }, 'lookup');
    log.info(`counter search for ${ID_NUMBER} from ${PHONE}`);
    const dbError = Object.assign(new Error(`duplicate key: Key (phone)=(${PHONE}) already exists`), { detail: `Key (id_number)=(${ID_NUMBER}) already exists.` });
    log.error({ err: dbError }, 'request failed');
    const out = text();
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
    expect(out).not.toContain(ID_NUMBER);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain('an@example.vn');
    expect(out).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    expect(out).toContain('079*******34');
    expect(out).toContain('[redacted]');
  });
});
